// @ts-check
// Injected transport faults, checked before a request is routed: a burst of 503s on GETs and a
// run of 429s. Both count down in the live config, so GET /__sim/config shows what is left.
const { sendHttpError } = require('./replies');

/**
 * @param {{ values: Record<string, any> }} config
 */
function createFaults(config) {
	/**
	 * @param {import('http').IncomingMessage} req
	 * @param {import('http').ServerResponse} res
	 * @param {string} path
	 * @param {'api' | 'cdn'} origin
	 * @returns {boolean} true when a fault answered the request
	 */
	function intercept(req, res, path, origin) {
		const values = config.values;
		if (origin === 'api' && values.rateLimitNext > 0) {
			values.rateLimitNext -= 1;
			const seconds = Math.round(values.retryAfterSeconds * values.timeScale);
			sendHttpError(res, 429, 'Too many requests, please retry later', { 'Retry-After': String(seconds) });
			return true;
		}
		const burstPath = values.fiveXxBurstPath;
		// Without a path filter a burst hits API GETs only; with one it can also target the CDN.
		const targeted = burstPath ? path.startsWith(burstPath) : origin === 'api';
		if (req.method === 'GET' && values.fiveXxBurst > 0 && targeted) {
			values.fiveXxBurst -= 1;
			sendHttpError(res, 503, 'Service temporarily unavailable');
			return true;
		}
		return false;
	}

	return { intercept };
}

module.exports = { createFaults };
