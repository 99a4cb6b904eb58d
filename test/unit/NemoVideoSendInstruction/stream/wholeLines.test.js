const { createWholeLines } = require('../../../../nodes/NemoVideoSendInstruction/stream/wholeLines');
const { chunk } = require('./fixtures');

class LineTooLong extends Error {}

/** Pushes `chunks` through, and returns the pieces handed on and what was left at the end. */
function cut(chunks, maxLineBytes = 1 << 20) {
	const pieces = [];
	const lines = createWholeLines((bytes) => pieces.push(Buffer.from(bytes).toString('latin1')), maxLineBytes, () => new LineTooLong());
	for (const piece of chunks) lines.push(piece);
	return { pieces, rest: lines.rest().toString('latin1') };
}

const stream = 'data: {"a":1}\n\n: ping\r\n\r\ndata: é\rdata: 你好\n\nevent: x\ndata: last';

test.each([1, 2, 3, 5, 16, 1 << 20])('chunks of %i bytes: every byte is handed on once, in order', (size) => {
	const { pieces, rest } = cut(chunk(stream, size));
	expect(Buffer.from(pieces.join('') + rest, 'latin1').toString('utf8')).toBe(stream);
	expect(rest).toBe('data: last');
});

test.each([1, 2, 3, 5, 16, 1 << 20])('chunks of %i bytes: every piece ends with a line break (LF or CR)', (size) => {
	const { pieces } = cut(chunk(stream, size));
	expect(pieces.length).toBeGreaterThan(0);
	for (const piece of pieces) expect(piece).toMatch(/[\r\n]$/);
});

test('a chunk without a line break is held until the line ends, then handed on with it', () => {
	const { pieces } = cut([Buffer.from('data: one '), Buffer.from('two three '), Buffer.from('four\ndata: five\n\ndata: si')]);
	expect(pieces).toEqual(['data: one two three four\n', 'data: five\n\n']);
});

test('a chunk cut right after its last line break leaves nothing held', () => {
	const { pieces, rest } = cut([Buffer.from('data: a\n\n'), Buffer.from('data: b\n\n')]);
	expect(pieces).toEqual(['data: a\n\n', 'data: b\n\n']);
	expect(rest).toBe('');
});

test('CR-only line endings are cut at the CR (the old Mac form SSE allows)', () => {
	const { pieces, rest } = cut([Buffer.from('data: a\r\rdata: b'), Buffer.from('c\r\rdata: d')]);
	expect(pieces).toEqual(['data: a\r\r', 'data: bc\r', '\r']);
	expect(rest).toBe('data: d');
});

test('the whole chunk is handed on as a view, not copied, when nothing was held', () => {
	const handed = [];
	const lines = createWholeLines((bytes) => handed.push(bytes), 1000, () => new LineTooLong());
	const bytes = Buffer.from('data: a\n\ndata: b');
	lines.push(bytes);
	expect(handed).toHaveLength(1);
	expect(handed[0].buffer).toBe(bytes.buffer);
	expect(handed[0].byteOffset).toBe(bytes.byteOffset);
	expect(handed[0].length).toBe('data: a\n\n'.length);
});

test('plain Uint8Arrays are read like Buffers', () => {
	const bytes = new TextEncoder().encode('data: a\n\ndata: b');
	const { pieces, rest } = cut([bytes]);
	expect(pieces).toEqual(['data: a\n\n']);
	expect(rest).toBe('data: b');
});

test('a line longer than the limit is refused, whether it comes in one chunk or many', () => {
	expect(() => cut([Buffer.from('x'.repeat(101))], 100)).toThrow(LineTooLong);
	expect(() => cut(chunk('x'.repeat(150), 10), 100)).toThrow(LineTooLong);
	expect(() => cut([...chunk('x'.repeat(95), 10), Buffer.from('xxxxxxxxxx\n')], 100)).toThrow(LineTooLong);
	// long lines within the limit pass, and so do many short lines in one big chunk
	expect(cut(chunk('x'.repeat(99), 10), 100).rest).toHaveLength(99);
	// the limit is the line's own bytes, its break not counted, wherever the chunks are cut
	for (const size of [7, 10, 100]) {
		expect(cut(chunk(`${'x'.repeat(100)}\n`, size), 100).pieces.join('')).toHaveLength(101);
		expect(() => cut(chunk(`${'x'.repeat(101)}\n`, size), 100)).toThrow(LineTooLong);
	}
	expect(cut([Buffer.from('data: a\n'.repeat(100))], 100).pieces).toHaveLength(1);
});
