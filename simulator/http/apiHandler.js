// @ts-check
// The API listener's request handler: control calls go straight to /__sim/ (unlogged), every
// other request is logged, may be hit by an injected fault, then routed.
const { createContext } = require('./context');
const { sendJson } = require('./replies');

/**
 * @param {{
 *   router: ReturnType<import('./router').createRouter>,
 *   controlRouter: ReturnType<import('./router').createRouter>,
 *   cdnHandler: ((req: any, res: any, path: string) => Promise<void>) | null,
 *   record: ReturnType<import('../log/requestLog').createRequestLog>['record'],
 *   faults: ReturnType<import('./faults').createFaults>,
 * }} parts
 */
function createApiHandler({ router, controlRouter, cdnHandler, record, faults }) {
	/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res */
	return async function handle(req, res) {
		const path = new URL(req.url || '/', 'http://simulator').pathname;
		const method = (req.method || 'GET').toUpperCase();

		if (path.startsWith('/__sim/')) {
			// Control calls are not part of the conversation under test: they stay out of the log.
			const entry = record(req, res, 'api', false);
			return dispatch(controlRouter, req, res, method, path, entry);
		}
		if (cdnHandler && path.startsWith('/cdn/')) {
			record(req, res, 'cdn');
			if (faults.intercept(req, res, path, 'cdn')) return;
			return cdnHandler(req, res, path.slice('/cdn'.length));
		}
		const entry = record(req, res, 'api');
		if (faults.intercept(req, res, path, 'api')) return;
		return dispatch(router, req, res, method, path, entry);
	};
}

async function dispatch(router, req, res, method, path, entry) {
	const found = router.match(method, path);
	if (!found) return sendJson(res, 404, { detail: 'Not Found' });
	if ('allowed' in found) return sendJson(res, 405, { detail: 'Method Not Allowed' }, { Allow: found.allowed.join(', ') });
	try {
		await found.handler(createContext(req, res, found.params, entry));
	} catch (error) {
		// A bug in the simulator must look like a server error to the client, never like success.
		console.error('[nemo-simulator]', error);
		if (!res.headersSent) sendJson(res, 500, { detail: 'Internal Server Error' });
		else res.destroy();
	}
}

module.exports = { createApiHandler };
