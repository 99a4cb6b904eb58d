// Uploads (docs/api.md#upload): multipart field `files` read as a stream, URL uploads, 4001/4002/1002,
// and the entries appended to state.video_infos.
const fs = require('fs');
const path = require('path');
const { Readable } = require('stream');
const { request } = require('undici');
const { useSimulator, call, newSession, getState, ATTRIBUTION } = require('./helpers');
const { MultipartReader } = require('../../../simulator/upload/multipart');

const sim = useSimulator();
const SAMPLE = fs.readFileSync(path.join(__dirname, '../../../simulator/assets/sample.mp4'));
const BOUNDARY = '----nemo-test-boundary';

/** A multipart body as a stream of generated pieces, so a large file never exists in the test either. */
function multipart(files, fields = {}) {
	async function* generate() {
		for (const [name, value] of Object.entries(fields)) {
			yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
		}
		for (const file of files) {
			yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`);
			if (file.bytes) yield file.bytes;
			for (let sent = 0; sent < (file.zeros ?? 0); sent += 64 * 1024) yield Buffer.alloc(Math.min(64 * 1024, file.zeros - sent));
			yield Buffer.from('\r\n');
		}
		yield Buffer.from(`--${BOUNDARY}--\r\n`);
	}
	return Readable.from(generate());
}

async function upload(token, sessionId, files, fields) {
	const res = await request(`${sim.url}/api/upload-video/nemo_agent/me/${sessionId}`, {
		method: 'POST',
		headers: { ...ATTRIBUTION, authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
		body: multipart(files, fields),
	});
	return { status: res.statusCode, body: await res.body.json() };
}

test('several files in repeated `files` fields: probed, answered as docs/api.md#upload says, appended to video_infos', async () => {
	const { token, sessionId } = await newSession(sim);
	const res = await upload(
		token,
		sessionId,
		[
			{ filename: 'clip.MP4', contentType: 'video/mp4', bytes: SAMPLE },
			{ filename: 'photo.JPEG', contentType: 'image/jpeg', zeros: 1000 },
			{ filename: 'voice.mp3', zeros: 500 },
		],
		{ note: 'hello' },
	);
	expect(res.status).toBe(200);
	expect(res.body.code).toBe(0);
	expect(res.body.data.session_state_applied).toBe(true);
	const [clip, photo, voice] = res.body.data.files;
	expect(clip).toEqual({
		filename: 'clip.MP4',
		file_type: 'video',
		cdn_url: expect.stringMatching(/^http:\/\/localhost:\d+\/uploads\/[0-9a-f]{16}\/clip\.MP4$/),
		duration: 3,
		width: 360,
		height: 640,
		fps: 15,
		hash: expect.stringMatching(/^[0-9a-f]{16}$/),
	});
	expect(photo).toMatchObject({ file_type: 'image', duration: null });
	expect(voice).toMatchObject({ file_type: 'audio', width: null, height: null });
	expect((await getState(sim, token, sessionId)).video_infos).toEqual(res.body.data.files);

	const entry = sim.log.last({ path: `/api/upload-video/nemo_agent/me/${sessionId}` });
	expect(entry.body).toEqual({
		files: [
			{ field: 'files', filename: 'clip.MP4', contentType: 'video/mp4', size: SAMPLE.length },
			{ field: 'files', filename: 'photo.JPEG', contentType: 'image/jpeg', size: 1000 },
			{ field: 'files', filename: 'voice.mp3', contentType: 'application/octet-stream', size: 500 },
		],
		fields: { note: 'hello' },
	});
});

test('an unsupported extension is 4001 (envelope) / HTTP 400 (strict), and nothing is appended', async () => {
	const { token, sessionId } = await newSession(sim);
	const res = await upload(token, sessionId, [{ filename: 'notes.pdf', zeros: 10 }]);
	expect(res.status).toBe(200);
	expect(res.body).toMatchObject({ code: 4001, data: null });
	expect(res.body.message).toMatch(/mp4.*jpg/);
	sim.setConfig({ errorMapping: 'strict' });
	expect((await upload(token, sessionId, [{ filename: 'x.exe', zeros: 10 }])).status).toBe(400);
	expect((await getState(sim, token, sessionId)).video_infos).toEqual([]);
});

test('a file over maxUploadMb is 4002 / HTTP 413, counted as it streams', async () => {
	sim.setConfig({ maxUploadMb: 1 });
	const { token, sessionId } = await newSession(sim);
	const ok = await upload(token, sessionId, [{ filename: 'fits.mp4', zeros: 1024 * 1024 }]);
	expect(ok.body.code).toBe(0);
	const big = await upload(token, sessionId, [{ filename: 'big.mp4', zeros: 3 * 1024 * 1024 }]);
	expect(big.body).toMatchObject({ code: 4002, data: null });
	sim.setConfig({ errorMapping: 'strict' });
	expect((await upload(token, sessionId, [{ filename: 'big.mp4', zeros: 3 * 1024 * 1024 }])).status).toBe(413);
	expect((await getState(sim, token, sessionId)).video_infos).toHaveLength(1);
});

test('a large upload is read as a stream: the server holds far less than the file', async () => {
	const { token, sessionId } = await newSession(sim);
	const before = process.memoryUsage().arrayBuffers;
	const res = await upload(token, sessionId, [{ filename: 'long.mov', zeros: 120 * 1024 * 1024 }]);
	expect(res.body.code).toBe(0);
	expect(sim.log.last({ method: 'POST' }).body.files[0].size).toBe(120 * 1024 * 1024);
	expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(60 * 1024 * 1024);
});

test('an unknown session is 1002; another user\'s session too', async () => {
	const { token } = await newSession(sim);
	expect((await upload(token, '42', [{ filename: 'a.mp4', zeros: 10 }])).body.code).toBe(1002);
	const other = await newSession(sim);
	expect((await upload(token, other.sessionId, [{ filename: 'a.mp4', zeros: 10 }])).body.code).toBe(1002);
});

test('URL upload: JSON urls, extension checked case-insensitively, appended to video_infos', async () => {
	const { token, sessionId } = await newSession(sim);
	const url = `/api/upload-video/nemo_agent/me/${sessionId}`;
	const res = await call(sim.url, 'POST', url, { token, json: { urls: ['https://example.com/media/Beach.MOV', 'https://example.com/bg.png'], source_type: 'url' } });
	expect(res.body.code).toBe(0);
	expect(res.body.data.files.map((f) => [f.filename, f.file_type])).toEqual([
		['Beach.MOV', 'video'],
		['bg.png', 'image'],
	]);
	expect((await getState(sim, token, sessionId)).video_infos).toHaveLength(2);
	const bad = await call(sim.url, 'POST', url, { token, json: { urls: ['https://example.com/page.html'], source_type: 'url' } });
	expect(bad.body.code).toBe(4001);
});

test('the uploaded files are served by the CDN without a token', async () => {
	const { token, sessionId } = await newSession(sim);
	const res = await upload(token, sessionId, [{ filename: 'clip.mp4', bytes: SAMPLE }]);
	const cdn = await request(res.body.data.files[0].cdn_url);
	expect(cdn.statusCode).toBe(200);
	expect(cdn.headers['content-type']).toBe('video/mp4');
	expect((await cdn.body.arrayBuffer()).byteLength).toBe(SAMPLE.length);
});

test('the multipart reader finds delimiters split across any chunk boundary', () => {
	const body = Buffer.concat([
		Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.mp4"\r\n\r\n`),
		Buffer.from('\r\n--not-the-boundary\r\nabc'),
		Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
	]);
	for (const size of [1, 2, 5, 13, body.length]) {
		const reader = new MultipartReader(BOUNDARY);
		const data = [];
		let ended = false;
		reader.on('data', (piece) => data.push(Buffer.from(piece)));
		reader.on('end', () => {
			ended = true;
		});
		for (let at = 0; at < body.length; at += size) reader.write(body.subarray(at, at + size));
		expect(Buffer.concat(data).toString()).toBe('\r\n--not-the-boundary\r\nabc');
		expect(ended).toBe(true);
	}
});
