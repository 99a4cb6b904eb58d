const http = require('http');
const axios = require('axios');
const { multipartBody, multipartContentType, newBoundary } = require('../../../nodes/NemoVideoUploadMedia/multipart');

const fileOf = (fileName, contentType, bytes) => ({
	fileName,
	contentType,
	size: bytes.length,
	opened: 0,
	async open() {
		this.opened++;
		return (async function* () {
			for (let offset = 0; offset < bytes.length; offset += 7) yield bytes.subarray(offset, offset + 7);
		})();
	},
});

async function collect(body) {
	const chunks = [];
	for await (const chunk of body.stream()) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

test('the body is a Blob to axios: tag, exact size and the multipart type with its boundary', async () => {
	const boundary = newBoundary();
	const body = multipartBody([fileOf('a.mp4', 'video/mp4', Buffer.from('hello'))], boundary);
	expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
	expect(body.type).toBe(`multipart/form-data; boundary=${boundary}`);
	expect(body.type).toBe(multipartContentType(boundary));
	expect(Object.keys(body).length).toBeGreaterThan(0); // n8n drops a body it sees as an empty object
	expect((await collect(body)).length).toBe(body.size);
});

test('a standard parser reads every part back: field "files", names, types and bytes', async () => {
	const video = Buffer.from([0, 1, 2, 3, 255, 13, 10, 45, 45]);
	const image = Buffer.from('\x89PNG fake image bytes');
	const boundary = newBoundary();
	const body = multipartBody(
		[fileOf('clip "one".mp4', 'video/mp4', video), fileOf('été.png', 'image/png', image)],
		boundary,
	);
	const bytes = await collect(body);
	expect(bytes.length).toBe(body.size);
	const form = await new Response(bytes, { headers: { 'content-type': body.type } }).formData();
	const files = form.getAll('files');
	expect(files).toHaveLength(2);
	expect(files[0].name).toBe('clip "one".mp4'); // sent as %22, decoded by the parser
	expect(files[0].type).toBe('video/mp4');
	expect(Buffer.from(await files[0].arrayBuffer())).toEqual(video);
	expect(files[1].name).toBe('été.png');
	expect(files[1].type).toBe('image/png');
	expect(Buffer.from(await files[1].arrayBuffer())).toEqual(image);
});

test('every stream() opens the files afresh, so a resend starts from the first byte', async () => {
	const file = fileOf('a.mp3', 'audio/mpeg', Buffer.from('abcdefghijklmnop'));
	const body = multipartBody([file], newBoundary());
	const first = await collect(body);
	const second = await collect(body);
	expect(file.opened).toBe(2);
	expect(second).toEqual(first);
});

test('a file that yields fewer or more bytes than declared fails the body', async () => {
	const short = { ...fileOf('a.mp4', 'video/mp4', Buffer.from('abc')), size: 5 };
	await expect(collect(multipartBody([short], newBoundary()))).rejects.toThrow('expected 5 bytes, read 3');
	const long = { ...fileOf('a.mp4', 'video/mp4', Buffer.from('abcdefghijklmnop')), size: 4 };
	await expect(collect(multipartBody([long], newBoundary()))).rejects.toThrow('expected 4 bytes');
});

describe('through axios, as n8n sends it', () => {
	let server;
	let url;
	let received;
	let onBytes = () => {};
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			received = { headers: req.headers, length: 0, chunks: [] };
			req.on('data', (chunk) => {
				received.length += chunk.length;
				received.chunks.push(chunk);
				onBytes(received.length);
			});
			req.on('end', () => res.end('{}'));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${server.address().port}/upload`;
	});
	afterAll(() => new Promise((resolve) => server.close(resolve)));

	test('sends a Content-Length equal to the size, not chunked, and the exact bytes', async () => {
		const body = multipartBody([fileOf('a.mp4', 'video/mp4', Buffer.from('0123456789'))], newBoundary());
		await axios.post(url, body, { headers: { 'Content-Type': body.type } });
		expect(Number(received.headers['content-length'])).toBe(body.size);
		expect(received.headers['transfer-encoding']).toBeUndefined();
		expect(received.headers['content-type']).toBe(body.type);
		expect(Buffer.concat(received.chunks)).toEqual(await collect(body));
	});

	test('streams: the server has bytes before the file has been read to its end', async () => {
		// The file will not yield its last chunk until the server has received its first ones:
		// a client that buffered the whole body first would never finish.
		const chunk = Buffer.alloc(1024 * 1024, 7);
		let serverHasBytes;
		const gate = new Promise((resolve) => (serverHasBytes = resolve));
		onBytes = (length) => length > 0 && serverHasBytes();
		const file = {
			fileName: 'big.mp4',
			contentType: 'video/mp4',
			size: chunk.length * 8,
			async open() {
				return (async function* () {
					for (let i = 0; i < 7; i++) yield chunk;
					await gate;
					yield chunk;
				})();
			},
		};
		const body = multipartBody([file], newBoundary());
		await axios.post(url, body, { headers: { 'Content-Type': body.type }, maxBodyLength: Infinity });
		expect(received.length).toBe(body.size);
		onBytes = () => {};
	});
});
