const { createSseReader, SseFrameTooLargeError } = require('../../../../nodes/NemoVideoSendInstruction/stream/sseReader');
const { frames, heartbeatWire, wire, crlf, chunk } = require('./fixtures');

/** What the reader hands on. */
function read(chunks, maxFrameChars) {
	const seen = [];
	const reader = createSseReader({ data: (data) => seen.push(['data', data]), comment: (comment) => seen.push(['comment', comment]) }, maxFrameChars);
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

test('plain Uint8Arrays are read like Buffers', () => {
	expect(read([new TextEncoder().encode(wire('{"text":"é 你"}'))])).toEqual([['data', '{"text":"é 你"}']]);
});

test.each([1, 5, 1 << 20])('CRLF line endings (chunks of %i bytes), including a CR and LF in different chunks', (size) => {
	expect(read(chunk(crlf(stream), size))).toEqual(expected);
});

test.each([1, 5, 1 << 20])('CR-only line endings (chunks of %i bytes) frame like LF', (size) => {
	expect(read(chunk(stream.replace(/\n/g, '\r'), size))).toEqual(expected);
});

test('a stream whose chunks end anywhere, held lines included, gives the messages of the whole', () => {
	// pieces of uneven sizes, so that chunk ends fall inside data lines, between a line and its blank line, and on them
	const bytes = Buffer.from(stream, 'utf8');
	const cuts = [0, 1, 9, 10, 200, 201, 202, 700, bytes.length];
	const pieces = cuts.slice(1).map((end, index) => bytes.subarray(cuts[index], end));
	expect(read(pieces)).toEqual(expected);
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

test.each([1, 2, 64])('a byte-order mark (chunks of %i bytes), event and id lines and unknown fields do not disturb the data', (size) => {
	const text = '\uFEFFevent: message\nid: 7\nping\ndata: {"a":1}\n\n';
	expect(read(chunk(text, size))).toEqual([['data', '{"a":1}']]);
});

test('only a byte-order mark at the very start is dropped; the same bytes later are data', () => {
	expect(read(chunk('\uFEFFdata: \uFEFFx\n\n', 1))).toEqual([['data', '\uFEFFx']]);
	// a stream whose first byte is the mark's first byte, and then goes another way, loses nothing
	const bytes = Buffer.concat([Buffer.from([0xef]), Buffer.from('\ndata: a\n\n')]);
	const pieces = [...bytes].map((byte) => Buffer.from([byte]));
	expect(read(pieces)).toEqual([['data', 'a']]);
	expect(read([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual([['data', 'a']]);
});

test('an endless frame is refused instead of filling memory', () => {
	const huge = `data: ${'x'.repeat(5000)}`;
	expect(() => read(chunk(huge, 100), 1000)).toThrow(SseFrameTooLargeError);
});
