// @ts-check
// How answers are written: the `{code,data}` envelope, business errors in the chosen mapping
// (docs/api.md#envelope: HTTP 200 with the code in the body, or `strict` HTTP statuses) and plain HTTP
// errors (400/402/429), whose body repeats the status as `code`.

/** `strict` mapping of the business codes (docs/api.md#envelope). */
const STRICT_STATUS = { 1001: 401, 1002: 404, 2001: 402, 4001: 400, 4002: 413 };

/**
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string | number>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** Success in the NemoVideo envelope. */
function sendData(res, data) {
	sendJson(res, 200, { code: 0, data });
}

/**
 * A business error (1001, 1002, 2001, 4001, 4002) in the mapping the switch selects.
 * @param {import('http').ServerResponse} res
 * @param {Record<string, any>} config the live switches (errorMapping)
 * @param {1001 | 1002 | 2001 | 4001 | 4002} code
 * @param {string} message
 * @param {Record<string, unknown>} [extra] more body fields (e.g. the render family's `success:false`)
 */
function sendBusinessError(res, config, code, message, extra = {}) {
	if (config.errorMapping === 'strict') {
		sendJson(res, STRICT_STATUS[code], { code, message, detail: message, data: null, ...extra });
	} else {
		sendJson(res, 200, { code, message, data: null, ...extra });
	}
}

/**
 * A real HTTP error status (400, 402, 409, 413, 429, 503...).
 * @param {import('http').ServerResponse} res
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string | number>} [headers]
 */
function sendHttpError(res, status, message, headers) {
	sendJson(res, status, { code: status, message, detail: message, data: null }, headers);
}

module.exports = { sendJson, sendData, sendBusinessError, sendHttpError, STRICT_STATUS };
