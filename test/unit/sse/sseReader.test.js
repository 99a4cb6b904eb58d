const { createSseReader, SseFrameTooLargeError } = require('../../../nodes/shared/helpers/sse/sseReader');
const { frames, heartbeatWire, wire, crlf, chunk } = require('./fixtures');

function read(chunks, maxFrameChars) {
	const seen = [];
	const reader = createSseReader(
		{ data: (data) => seen.push(['data', data]), comment: (text) => seen.push(['comment', text]) },
		maxFrameChars,
	);
	for (const piece of chunks) reader.feed(piece);
	reader.end();
	return seen;
}

const stream = wire(frames.finalText, frames.generateCall, frames.chineseText);
const expected = [
	['data', frames.finalText],
	['data', frames.generateCall],
	['data', frames.chineseText],
];

test('one chunk gives every message', () => {
	expect(read(chunk(stream, 1 << 20))).toEqual(expected);
});

test.each([1, 2, 3, 7, 64, 513])('frames split across chunks of %i bytes give the same messages', (size) => {
	expect(read(chunk(stream, size))).toEqual(expected);
});

test('multi-byte characters split across chunks are decoded whole', () => {
	const text = wire('{"text":"你好，世界 🎬 café"}');
	// chunk size 1 cuts every Chinese character (3 bytes) and the emoji (4 bytes) apart
	expect(read(chunk(text, 1))).toEqual([['data', '{"text":"你好，世界 🎬 café"}']]);
});

test.each([1, 5, 1 << 20])('CRLF line endings (chunks of %i bytes), including a CR and LF in different chunks', (size) => {
	expect(read(chunk(crlf(stream), size))).toEqual(expected);
});

test('comments are handed on as comments, and empty data lines as empty data', () => {
	const text = heartbeatWire.comment + heartbeatWire.ping + heartbeatWire.empty + heartbeatWire['empty-space'] + heartbeatWire.json;
	expect(read(chunk(text, 3))).toEqual([
		['comment', 'heartbeat'],
		['comment', 'ping - 2026-03-19 09:00:00.000000+00:00'],
		['data', ''],
		['data', ''],
		['data', '{"type":"heartbeat"}'],
	]);
});

test('several data lines of one event are joined with a newline', () => {
	expect(read(chunk('data: first\ndata: second\n\n', 4))).toEqual([['data', 'first\nsecond']]);
});

test('a last frame without its closing blank line still counts when the stream closes', () => {
	expect(read(chunk(`data: ${frames.finalText}\n`, 10))).toEqual([['data', frames.finalText]]);
	expect(read(chunk(`data: ${frames.finalText}`, 10))).toEqual([['data', frames.finalText]]);
});

test('a byte-order mark, event and id lines and unknown fields do not disturb the data', () => {
	const text = '\uFEFFevent: message\nid: 7\nping\ndata: {"a":1}\n\n';
	expect(read(chunk(text, 2))).toEqual([['data', '{"a":1}']]);
});

test('an endless frame is refused instead of filling memory', () => {
	const huge = `data: ${'x'.repeat(5000)}`;
	expect(() => read(chunk(huge, 100), 1000)).toThrow(SseFrameTooLargeError);
});
