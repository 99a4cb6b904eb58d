// @ts-check
// A valid MP4 of about N bytes, for the 500 MB download benchmark: the sample file followed by
// top-level `free` boxes full of zeros. Players and ffprobe skip `free` boxes, so the file still
// plays as the 3-second sample. It is produced piece by piece for any byte range, never stored.
const { SAMPLE } = require('./sources');

const MAX_FREE_BOX = 2 ** 31; // stays clear of the 32-bit box size limit
const ZEROS = Buffer.alloc(64 * 1024);

/** The layout after the sample: the sizes of the free boxes, header included. */
function freeBoxSizes(totalBytes) {
	let remaining = Math.max(0, totalBytes - SAMPLE.length);
	if (remaining > 0 && remaining < 8) remaining = 8;
	const sizes = [];
	while (remaining > 0) {
		let size = Math.min(remaining, MAX_FREE_BOX);
		// Never leave a tail too short to hold a box header.
		if (remaining - size > 0 && remaining - size < 8) size -= 8;
		sizes.push(size);
		remaining -= size;
	}
	return sizes;
}

/**
 * @param {number} totalBytes about how big the file should be (rounded up to hold whole boxes)
 * @returns {import('./sources').ByteSource}
 */
function largeMp4(totalBytes) {
	const boxes = freeBoxSizes(totalBytes);
	const size = SAMPLE.length + boxes.reduce((a, b) => a + b, 0);
	return {
		size,
		contentType: 'video/mp4',
		async *read(start, end) {
			// Segments in file order: the sample, then per box an 8-byte header and its zeros.
			let offset = 0;
			/** @param {number} segStart @param {number} length @param {(from: number, to: number) => Buffer} slice */
			function* segment(segStart, length, slice) {
				const from = Math.max(start, segStart);
				const to = Math.min(end + 1, segStart + length);
				for (let at = from; at < to; at += ZEROS.length) yield slice(at - segStart, Math.min(to, at + ZEROS.length) - segStart);
			}
			yield* segment(offset, SAMPLE.length, (a, b) => SAMPLE.subarray(a, b));
			offset += SAMPLE.length;
			for (const boxSize of boxes) {
				const header = Buffer.alloc(8);
				header.writeUInt32BE(boxSize, 0);
				header.write('free', 4, 'latin1');
				yield* segment(offset, 8, (a, b) => header.subarray(a, b));
				yield* segment(offset + 8, boxSize - 8, (a, b) => ZEROS.subarray(0, b - a));
				offset += boxSize;
				if (offset > end) return;
			}
		},
	};
}

module.exports = { largeMp4 };
