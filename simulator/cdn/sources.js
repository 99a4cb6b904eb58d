// @ts-check
// Byte sources the CDN (and the API's download fallback) serve: a size, a content type and a
// way to stream any byte range. None of them is built whole in memory but the 55 KB sample.
const fs = require('fs');
const path = require('path');

const SAMPLE_PATH = path.join(__dirname, '..', 'assets', 'sample.mp4');
/** The real H.264/AAC MP4 (360x640, 3 s) every render and generation resolves to. */
const SAMPLE = fs.readFileSync(SAMPLE_PATH);

/**
 * @typedef {{ size: number, contentType: string, read(start: number, end: number): AsyncIterable<Buffer> }} ByteSource
 */

/** @param {Buffer} buffer @param {string} contentType @returns {ByteSource} */
function bufferSource(buffer, contentType) {
	return {
		size: buffer.length,
		contentType,
		async *read(start, end) {
			for (let at = start; at <= end; at += 64 * 1024) yield buffer.subarray(at, Math.min(end + 1, at + 64 * 1024));
		},
	};
}

const sampleMp4 = () => bufferSource(SAMPLE, 'video/mp4');

module.exports = { bufferSource, sampleMp4, SAMPLE, SAMPLE_PATH };
