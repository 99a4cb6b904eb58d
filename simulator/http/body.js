// @ts-check
// Reading JSON request bodies. Multipart bodies are never read here: uploads stream them
// through upload/multipart.js so a 500 MB file never sits in memory.

const MAX_JSON_BYTES = 10 * 1024 * 1024;

class BodyError extends Error {
	/** @param {string} message @param {string} [raw] */
	constructor(message, raw) {
		super(message);
		this.raw = raw;
	}
}

/** @param {import('http').IncomingMessage} req @returns {Promise<string>} */
function readText(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_JSON_BYTES) {
				reject(new BodyError('JSON body too large'));
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * @param {import('http').IncomingMessage} req
 * @returns {Promise<{ kind: 'empty' } | { kind: 'json', value: any } | { kind: 'invalid', error: string, raw: string }>}
 */
async function readJson(req) {
	const raw = await readText(req);
	if (raw.trim() === '') return { kind: 'empty' };
	try {
		return { kind: 'json', value: JSON.parse(raw) };
	} catch (error) {
		return { kind: 'invalid', error: /** @type {Error} */ (error).message, raw };
	}
}

module.exports = { readJson, readText, BodyError };
