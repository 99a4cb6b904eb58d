// @ts-check
// `chunking: tiny`: cuts bytes into 1-7 byte pieces, and always cuts inside every multi-byte
// UTF-8 character, so a client that decodes each network chunk on its own garbles the text.

/**
 * @param {Buffer} bytes
 * @param {{ between(min: number, max: number): number }} random
 * @returns {Buffer[]}
 */
function tinyPieces(bytes, random) {
	const pieces = [];
	let start = 0;
	while (start < bytes.length) {
		let end = Math.min(bytes.length, start + random.between(1, 7));
		for (let i = start + 1; i < end; i++) {
			// A continuation byte (10xxxxxx): cut before it, splitting the character.
			if ((bytes[i] & 0xc0) === 0x80) {
				end = i;
				break;
			}
		}
		pieces.push(bytes.subarray(start, end));
		start = end;
	}
	return pieces;
}

module.exports = { tinyPieces };
