// @ts-check
// What a route handler gets: the request, its response, path parameters, and body readers that
// also put the parsed body into the request log.
const { readJson } = require('./body');
const { sendHttpError } = require('./replies');

/**
 * @param {import('http').IncomingMessage} req
 * @param {import('http').ServerResponse} res
 * @param {Record<string, string>} params
 * @param {import('../log/requestLog').LogEntry} entry
 */
function createContext(req, res, params, entry) {
	return {
		req,
		res,
		params,
		entry,
		query: entry.query,
		/**
		 * The JSON body ({} when empty), or undefined after answering 400 for invalid JSON.
		 * @returns {Promise<any>}
		 */
		async readJsonBody() {
			const parsed = await readJson(req);
			if (parsed.kind === 'empty') return {};
			if (parsed.kind === 'invalid') {
				entry.body = parsed.raw;
				sendHttpError(res, 400, `Invalid JSON body: ${parsed.error}`);
				return undefined;
			}
			entry.body = parsed.value;
			return parsed.value;
		},
		/** For endpoints that take no body: still record what the client sent. */
		async readBodyForLog() {
			const parsed = await readJson(req);
			if (parsed.kind === 'json') entry.body = parsed.value;
			else if (parsed.kind === 'invalid') entry.body = parsed.raw;
		},
	};
}

module.exports = { createContext };
