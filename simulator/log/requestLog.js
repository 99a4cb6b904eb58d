// @ts-check
// Every request the simulator receives (API and CDN, never the /__sim/ control calls), so tests
// can assert on headers, counts, bodies and on which host saw an Authorization header.
const { tokenTag } = require('../ids');

/**
 * @typedef {{
 *   seq: number, at: number, origin: 'api' | 'cdn', method: string, path: string,
 *   query: Record<string, string>, headers: Record<string, string | string[] | undefined>,
 *   host: string | undefined, hasAuthorization: boolean, tokenTag: string | null,
 *   body: unknown, status: number | null, durationMs: number | null, disconnected: boolean,
 *   droppedByServer?: boolean,
 * }} LogEntry
 * @typedef {((entry: LogEntry) => boolean) | { method?: string, path?: string | RegExp, origin?: string }} LogFilter
 */

/** @param {LogFilter | undefined} filter */
function toPredicate(filter) {
	if (!filter) return () => true;
	if (typeof filter === 'function') return filter;
	return (/** @type {LogEntry} */ entry) =>
		(filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
		(filter.origin === undefined || entry.origin === filter.origin) &&
		(filter.path === undefined || (filter.path instanceof RegExp ? filter.path.test(entry.path) : entry.path === filter.path));
}

/** @param {{ now(): number }} clock */
function createRequestLog(clock) {
	/** @type {LogEntry[]} */
	let entries = [];
	let seq = 0;

	const reader = {
		/** @returns {LogEntry[]} */
		all: () => entries.slice(),
		/** @param {LogFilter} [filter] */
		filter: (filter) => entries.filter(toPredicate(filter)),
		/** @param {LogFilter} [filter] */
		count: (filter) => entries.filter(toPredicate(filter)).length,
		/** @param {LogFilter} [filter] */
		last: (filter) => entries.filter(toPredicate(filter)).pop(),
		clear() {
			entries = [];
		},
		get length() {
			return entries.length;
		},
		[Symbol.iterator]: () => entries.slice()[Symbol.iterator](),
	};

	/**
	 * Opens an entry when a request arrives; the entry is completed when the response ends,
	 * so a stream still open shows status 200 with durationMs null.
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 * @param {'api' | 'cdn'} origin
	 * @param {boolean} [keep] false for control calls: they get an entry but stay out of the log
	 */
	function record(req, res, origin, keep = true) {
		const url = new URL(req.url || '/', 'http://simulator');
		const authorization = req.headers.authorization;
		const bearer = typeof authorization === 'string' ? authorization.replace(/^Bearer\s+/i, '').trim() : '';
		const started = performance.now();
		/** @type {LogEntry} */
		const entry = {
			seq: keep ? ++seq : 0,
			at: clock.now(),
			origin,
			method: (req.method || 'GET').toUpperCase(),
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			host: req.headers.host,
			hasAuthorization: authorization !== undefined,
			tokenTag: bearer ? tokenTag(bearer) : null,
			body: undefined,
			status: null,
			durationMs: null,
			disconnected: false,
		};
		if (keep) entries.push(entry);
		const finish = () => {
			if (entry.durationMs !== null) return;
			entry.status = res.statusCode;
			entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
			// 'close' before 'finish' means the connection went away before the response ended.
			entry.disconnected = !res.writableFinished;
		};
		res.once('finish', finish);
		res.once('close', finish);
		return entry;
	}

	return { reader, record };
}

module.exports = { createRequestLog };
