// The garbage-collection pacer and the paced stream that carry large transfers (gcPacing.ts).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Readable } = require('stream');
const { gcPacer, pacedStream, pacingArrays, YOUNG_BYTES_PER_BYTE } = require('../../../nodes/shared/helpers/gcPacing');

const KiB = 1024;
const ARRAY_BYTES = 64 * KiB;

describe('gcPacer', () => {
	test('allocates young arrays in step with the bytes passed, carrying remainders over', () => {
		const pace = gcPacer();
		const before = pacingArrays();
		pace(ARRAY_BYTES); // 2 × 64 KiB owed: two arrays
		// The download's ratio, 2, was measured (gcPacing.ts): the numbers here are literal on purpose.
		expect(YOUNG_BYTES_PER_BYTE).toBe(2);
		expect(pacingArrays() - before).toBe(2);
		for (let i = 0; i < 64; i++) pace(KiB / 2); // 32 KiB passed in small chunks: 64 KiB owed, one array
		expect(pacingArrays() - before).toBe(3);
		pace(0);
		expect(pacingArrays() - before).toBe(3);
	});

	test('a ratio of 0 allocates nothing', () => {
		const pace = gcPacer(0);
		const before = pacingArrays();
		pace(10 * 1024 * KiB);
		expect(pacingArrays()).toBe(before);
	});
});

const chunksOf = (total, size) => {
	const chunks = [];
	for (let offset = 0; offset < total; offset += size) chunks.push(Buffer.alloc(Math.min(size, total - offset), offset / size));
	return chunks;
};

describe('pacedStream', () => {
	test('hands on every byte, in order, as a Node Readable of bytes, and paces them', async () => {
		const chunks = chunksOf(1024 * KiB + 5, 64 * KiB);
		const before = pacingArrays();
		const paced = pacedStream(Readable.from(chunks));
		expect(paced).toBeInstanceOf(Readable);
		expect(paced.readableObjectMode).toBe(false);
		const received = [];
		for await (const chunk of paced) received.push(chunk);
		expect(Buffer.concat(received).equals(Buffer.concat(chunks))).toBe(true);
		const arrays = pacingArrays() - before;
		expect(arrays).toBe(32); // 1 MiB (+5 bytes) at 2 bytes per byte, in 64 KiB arrays
	});

	test('n8n writes it to a file as it would the body itself (fs.promises.writeFile, as its binary store does)', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-paced-'));
		try {
			const chunks = chunksOf(3 * 1024 * KiB, 100 * KiB);
			const file = path.join(dir, 'out.bin');
			await fs.promises.writeFile(file, pacedStream(Readable.from(chunks)));
			expect(fs.readFileSync(file).equals(Buffer.concat(chunks))).toBe(true);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('a body that fails fails the paced stream with its error', async () => {
		const body = Readable.from(
			(async function* () {
				yield Buffer.from('first');
				throw new Error('connection reset');
			})(),
		);
		const paced = pacedStream(body);
		const received = [];
		await expect(
			(async () => {
				for await (const chunk of paced) received.push(chunk);
			})(),
		).rejects.toThrow('connection reset');
		expect(Buffer.concat(received).toString()).toBe('first');
	});

	test('destroying the paced stream before its end destroys the body (a cancelled execution)', async () => {
		let ended = false;
		const body = new Readable({
			read() {
				this.push(Buffer.alloc(16 * KiB));
			},
		});
		body.on('close', () => (ended = true));
		const paced = pacedStream(body);
		for await (const chunk of paced) {
			expect(chunk.length).toBeGreaterThan(0);
			break; // the consumer stops: the paced stream is destroyed
		}
		await new Promise((resolve) => setImmediate(resolve));
		expect(paced.destroyed).toBe(true);
		expect(body.destroyed).toBe(true);
		expect(ended).toBe(true);
	});

	test('a body whose class offers no from() is handed on unchanged', () => {
		const body = { destroy() {}, async *[Symbol.asyncIterator]() {} };
		expect(pacedStream(Object.assign(Object.create(null), body))).toEqual(body);
		class Plain {
			destroy() {}
			async *[Symbol.asyncIterator]() {}
		}
		const plain = new Plain();
		expect(pacedStream(plain)).toBe(plain);
	});
});
