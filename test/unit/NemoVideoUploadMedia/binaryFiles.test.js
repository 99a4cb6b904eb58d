const { Readable } = require('stream');
const { binaryUploads, parseFieldNames } = require('../../../nodes/NemoVideoUploadMedia/binaryFiles');

const MB = 1024 * 1024;

function contextWith(binary, store = {}) {
	const calls = { metadata: [], streams: [], buffers: 0 };
	return {
		calls,
		getNode: () => ({ name: 'Upload', type: 'test', typeVersion: 1, parameters: {} }),
		getInputData: () => [{ json: {}, binary }],
		helpers: {
			getBinaryMetadata: async (id) => {
				calls.metadata.push(id);
				return { fileSize: store[id].length, fileName: 'x', mimeType: 'video/mp4' };
			},
			getBinaryStream: async (id) => {
				calls.streams.push(id);
				return Readable.from([store[id]]);
			},
			getBinaryDataBuffer: async (_itemIndex, data) => {
				calls.buffers++;
				return Buffer.from(data.data, 'base64');
			},
		},
	};
}

async function read(file) {
	const chunks = [];
	for await (const chunk of await file.open()) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

test('parseFieldNames splits on commas, trims and drops repeats', () => {
	expect(parseFieldNames(' data, image ,,data')).toEqual(['data', 'image']);
	expect(parseFieldNames('')).toEqual([]);
});

test('a binary in the store (filesystem mode) is sized from its metadata and streamed from the store', async () => {
	const bytes = Buffer.from('fake mp4 bytes');
	const ctx = contextWith({ data: { id: 'filesystem-v2:abc', data: 'filesystem-v2', fileName: 'clip.mp4', mimeType: 'video/mp4' } }, { 'filesystem-v2:abc': bytes });
	const [file] = await binaryUploads(ctx, 0, ['data'], 500);
	expect(file).toMatchObject({ fileName: 'clip.mp4', contentType: 'video/mp4', size: bytes.length });
	expect(ctx.calls.streams).toEqual([]); // nothing is read until the body is sent
	expect(await read(file)).toEqual(bytes);
	expect(await read(file)).toEqual(bytes); // opened again for a resend
	expect(ctx.calls.streams).toEqual(['filesystem-v2:abc', 'filesystem-v2:abc']);
	expect(ctx.calls.buffers).toBe(0);
});

test('an in-memory binary is sized without decoding it and read from its buffer', async () => {
	const bytes = Buffer.alloc(600 * 1024, 3);
	const ctx = contextWith({ photo: { data: bytes.toString('base64'), fileName: 'Photo.JPEG', mimeType: 'image/jpeg' } });
	const [file] = await binaryUploads(ctx, 0, ['photo'], 500);
	expect(file).toMatchObject({ fileName: 'Photo.JPEG', contentType: 'image/jpeg', size: bytes.length });
	expect(ctx.calls.buffers).toBe(0);
	expect((await read(file)).equals(bytes)).toBe(true);
	expect(ctx.calls.buffers).toBe(1);
});

test('a name without an extension gets one from the MIME type, and the canonical type is sent', async () => {
	const ctx = contextWith({ data: { data: Buffer.from('x').toString('base64'), fileName: 'data', mimeType: 'audio/x-wav' } });
	const [file] = await binaryUploads(ctx, 0, ['data'], 500);
	expect(file.fileName).toBe('data.wav');
	expect(file.contentType).toBe('audio/wav');
});

test('a missing field names the fields the item has', async () => {
	const ctx = contextWith({ data: { data: '', fileName: 'a.mp4', mimeType: 'video/mp4' }, logo: { data: '', fileName: 'l.png', mimeType: 'image/png' } });
	const error = await binaryUploads(ctx, 0, ['data', 'video'], 500).catch((e) => e);
	expect(error.message).toBe('No binary field "video" on this item');
	expect(error.description).toContain('data, logo');
	expect(error.context.itemIndex).toBe(0);
});

test('an item without binary data says so', async () => {
	const ctx = contextWith(undefined);
	const error = await binaryUploads(ctx, 0, ['data'], 500).catch((e) => e);
	expect(error.message).toContain('this item has no binary data');
	expect(error.description).toContain('Source to URL');
});

test('a refused format or size stops before any file is opened', async () => {
	const big = { id: 'filesystem-v2:big', data: 'filesystem-v2', fileName: 'big.mp4', mimeType: 'video/mp4' };
	const ctx = contextWith(
		{ ok: { data: Buffer.from('x').toString('base64'), fileName: 'a.mp4', mimeType: 'video/mp4' }, doc: { data: '', fileName: 'notes.txt', mimeType: 'text/plain' }, big },
		{ 'filesystem-v2:big': { length: 3 * MB } },
	);
	const formatError = await binaryUploads(ctx, 0, ['ok', 'doc'], 500).catch((e) => e);
	expect(formatError.message).toBe('"notes.txt" is not a format NemoVideo accepts');
	expect(formatError.description).toContain('binary field "doc"');
	const sizeError = await binaryUploads(ctx, 0, ['big'], 2).catch((e) => e);
	expect(sizeError.message).toBe('"big.mp4" is too large to upload (3 MB; the limit is 2 MB)');
	expect(ctx.calls.streams).toEqual([]);
	expect(ctx.calls.buffers).toBe(0);
});
