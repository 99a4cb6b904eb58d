// NemoVideo Upload Media inside n8n-core's real engine, against the simulator: what is sent, what
// is refused before a byte is sent, the resend after a token rejection, and memory that does not
// grow with the file in filesystem binary mode.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startSimulator } = require('../../simulator');
const { createRunner, chain } = require('./harness');

const UPLOAD_PATH = /^\/api\/upload-video\/nemo_agent\/me\//;
const SAMPLE = path.join(__dirname, '..', '..', 'simulator', 'assets', 'sample.mp4');

let simulator;
let dir;
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.001, seed: 11 });
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-upload-test-'));
	fs.writeFileSync(path.join(dir, 'photo.JPEG'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('fake jpeg body'), 0xff, 0xd9]));
	fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a video');
});
afterAll(async () => {
	await simulator?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => simulator.reset());

const createSession = { type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { options: { claimLink: false } } };
const upload = (parameters, extra = {}) => ({ type: 'nemoVideoUploadMedia', name: 'Upload', parameters, ...extra });
const uploads = () => simulator.log.filter({ method: 'POST', path: UPLOAD_PATH });
const sampleFile = { path: SAMPLE, property: 'data' };

/** n8n's binary data service, as the harness set it up (n8n-core's own DI container). */
function binaryStore() {
	const core = require('n8n-core');
	const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
	return Container.get(core.BinaryDataService);
}

async function newSession(runner) {
	const { outputs } = await runner.run(chain([createSession]));
	return outputs['Create Session'][0].json.sessionId;
}

/** Upload (then `after` steps) in a new session; `onError` on the Upload node. */
async function runUpload(parameters, { files, binaryMode, onError, after = [] } = {}) {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url }, binaryMode });
	const sessionId = await newSession(runner);
	const result = await runner.run(chain([upload({ sessionId, ...parameters }, onError ? { onError } : {}), ...after], { files }));
	return { ...result, runner, sessionId };
}

test('a binary field is streamed as multipart "files" and the answer is mapped to the output', async () => {
	const { outputs, errors, sessionId } = await runUpload({}, { files: [sampleFile] });
	expect(errors).toEqual({});
	const [item] = outputs.Upload;
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(item.json).toEqual({
		sessionId,
		files: [
			{
				filename: 'sample.mp4',
				fileType: 'video',
				cdnUrl: expect.stringMatching(/^http/),
				duration: expect.any(Number),
				width: expect.any(Number),
				height: expect.any(Number),
			},
		],
	});
	const [request] = uploads();
	expect(request.body.files).toEqual([{ field: 'files', filename: 'sample.mp4', contentType: 'video/mp4', size: fs.statSync(SAMPLE).size }]);
	expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	expect(Number(request.headers['content-length'])).toBeGreaterThan(fs.statSync(SAMPLE).size);
	expect(request.headers['transfer-encoding']).toBeUndefined();
	expect(request.headers['x-skill-source']).toBe('n8n-nodes-nemovideo');
	expect(uploads()).toHaveLength(1);
});

test('several comma-separated fields go in one request, as repeated "files" parts', async () => {
	const files = [sampleFile, { path: path.join(dir, 'photo.JPEG'), property: 'image' }];
	const { outputs, errors } = await runUpload({ binaryProperties: 'data, image' }, { files, after: [{ type: 'nemoVideoGetState', name: 'State' }] });
	expect(errors).toEqual({});
	expect(outputs.Upload[0].json.files.map((file) => [file.filename, file.fileType])).toEqual([
		['sample.mp4', 'video'],
		['photo.JPEG', 'image'],
	]);
	expect(uploads()).toHaveLength(1);
	expect(uploads()[0].body.files.map((file) => [file.field, file.filename, file.contentType])).toEqual([
		['files', 'sample.mp4', 'video/mp4'],
		['files', 'photo.JPEG', 'image/jpeg'],
	]);
	expect(outputs.State[0].json.media.uploaded).toBe(2);
});

describe('refused before a byte is sent: no upload request at all', () => {
	test('a format outside the list names the accepted formats', async () => {
		const { outputs } = await runUpload({}, { files: [{ path: path.join(dir, 'notes.txt') }], onError: 'continueRegularOutput' });
		const [item] = outputs.Upload;
		expect(item.json.error).toBe('"notes.txt" is not a format NemoVideo accepts');
		expect(item.json.description).toContain('mp4, mov, avi, webm, mkv');
		expect(uploads()).toHaveLength(0);
	});

	test('a file over Max File Size says its size and the limit', async () => {
		const { outputs } = await runUpload({ options: { maxFileSizeMb: 0.001 } }, { files: [sampleFile], onError: 'continueRegularOutput' });
		const [item] = outputs.Upload;
		expect(item.json.error).toMatch(/^"sample\.mp4" is too large to upload \(.+; the limit is 0\.001 MB\)$/);
		expect(item.json.description).toContain(`${fs.statSync(SAMPLE).size} bytes`);
		expect(uploads()).toHaveLength(0);
	});

	test('a missing binary field lists the fields the item has', async () => {
		const { outputs } = await runUpload({ binaryProperties: 'data, video' }, { files: [sampleFile], onError: 'continueRegularOutput' });
		expect(outputs.Upload[0].json.error).toBe('No binary field "video" on this item');
		expect(outputs.Upload[0].json.description).toContain('are: data');
		expect(uploads()).toHaveLength(0);
	});

	test('one refused file of several refuses the whole item', async () => {
		const files = [sampleFile, { path: path.join(dir, 'notes.txt'), property: 'doc' }];
		const { outputs } = await runUpload({ binaryProperties: 'data,doc' }, { files, onError: 'continueRegularOutput' });
		expect(outputs.Upload[0].json.error).toContain('notes.txt');
		expect(uploads()).toHaveLength(0);
	});

	test.each([
		['ftp://example.com/a.mp4', 'not an http(s) URL'],
		['https://example.com/a.mp4\nnot-a-url', '"not-a-url" is not a valid URL'],
		['https://example.com/doc.pdf', 'not a format NemoVideo accepts'],
	])('a refused URL (%j): the item names why, and nothing is sent', async (urls, why) => {
		const { outputs } = await runUpload({ source: 'url', urls }, { onError: 'continueRegularOutput' });
		expect(outputs.Upload[0].json.error).toContain(why);
		expect(uploads()).toHaveLength(0);
	});
});

test('URLs, one per line or comma-separated, are sent as {"urls": [...], "source_type": "url"}', async () => {
	const urls = 'https://example.com/clip.mp4, https://example.com/logo.png\nhttps://example.com/song.mp3';
	const { outputs, errors } = await runUpload({ source: 'url', urls });
	expect(errors).toEqual({});
	const [request] = uploads();
	expect(request.body).toEqual({ urls: ['https://example.com/clip.mp4', 'https://example.com/logo.png', 'https://example.com/song.mp3'], source_type: 'url' });
	expect(outputs.Upload[0].json.files).toHaveLength(3);
});

test('an expression that yields an array of URLs works too', async () => {
	const { errors } = await runUpload({ source: 'url', urls: '={{ ["https://example.com/a.mp4", "https://example.com/b.webm"] }}' });
	expect(errors).toEqual({});
	expect(uploads()[0].body.urls).toEqual(['https://example.com/a.mp4', 'https://example.com/b.webm']);
});

describe.each(['envelope', 'strict'])('a token rejected during the upload (%s errors)', (errorMapping) => {
	test('is refreshed and the file sent once more, read again from its start', async () => {
		simulator.setConfig({ errorMapping });
		const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
		const sessionId = await newSession(runner);
		simulator.expireTokens();
		const { outputs, errors } = await runner.run(chain([upload({ sessionId })], { files: [sampleFile] }));
		expect(errors).toEqual({});
		const sent = uploads();
		expect(sent).toHaveLength(2);
		expect(sent[0].tokenTag).not.toBe(sent[1].tokenTag);
		expect(sent[1].headers['content-length']).toBe(sent[0].headers['content-length']);
		expect(sent[1].body.files).toEqual([expect.objectContaining({ field: 'files', filename: 'sample.mp4', size: fs.statSync(SAMPLE).size })]);
		expect(outputs.Upload[0].json.files[0]).toMatchObject({ filename: 'sample.mp4', fileType: 'video' });
		expect(simulator.log.count({ method: 'POST', path: '/api/auth/anonymous-token' })).toBe(2);
	});
});

test('a 429 on the upload is waited on and the file sent once more', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const sessionId = await newSession(runner);
	simulator.setConfig({ rateLimitNext: 1 });
	const { outputs, errors } = await runner.run(chain([upload({ sessionId })], { files: [sampleFile] }));
	expect(errors).toEqual({});
	expect(uploads().map((entry) => entry.status)).toEqual([429, 200]);
	expect(outputs.Upload[0].json.files).toHaveLength(1);
});

test('filesystem binary mode: the file is streamed from the binary store', async () => {
	const { outputs, errors } = await runUpload({}, { files: [sampleFile], binaryMode: 'filesystem' });
	expect(errors).toEqual({});
	expect(outputs.Start[0].binary.data.id).toMatch(/^filesystem/);
	expect(outputs.Upload[0].json.files[0]).toMatchObject({ filename: 'sample.mp4', fileType: 'video' });
	expect(uploads()).toHaveLength(1);
	expect(uploads()[0].body.files[0].size).toBe(fs.statSync(SAMPLE).size);
});

describe('memory does not grow with the file (filesystem binary mode)', () => {
	const { spawn } = require('child_process');
	const v8 = require('v8');
	const vm = require('vm');
	const FILE_MB = 200;
	let child;
	let apiUrl;
	let bigFile;

	beforeAll(async () => {
		// The simulator runs in its own process, so this process's memory is n8n's side alone.
		child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'simulator', 'bin', 'nemo-simulator.js'), '--port', '0', '--time-scale', '0.001'], { stdio: ['ignore', 'pipe', 'inherit'] });
		apiUrl = await new Promise((resolve, reject) => {
			child.stdout.on('data', (data) => {
				const match = /listening on (\S+)/.exec(String(data));
				if (match) resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
		});
		// A real MP4 at the front, padded to size: written a megabyte at a time, never held whole.
		bigFile = path.join(dir, 'big.mp4');
		const fd = fs.openSync(bigFile, 'w');
		fs.writeSync(fd, fs.readFileSync(SAMPLE));
		const megabyte = Buffer.alloc(1024 * 1024, 0);
		for (let i = 0; i < FILE_MB; i++) fs.writeSync(fd, megabyte);
		fs.closeSync(fd);
	}, 60_000);
	afterAll(() => child?.kill());

	test(`a ${FILE_MB} MB upload raises the process's peak RSS by far less than the file`, async () => {
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc');
		const runner = await createRunner({ credentials: { baseUrl: apiUrl }, binaryMode: 'filesystem' });
		const sessionId = await newSession(runner);
		gc();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		const started = Date.now();
		const { outputs, errors } = await runner.run(chain([upload({ sessionId })], { files: [{ path: bigFile }] }));
		const seconds = (Date.now() - started) / 1000;
		clearInterval(sampler);
		expect(errors).toEqual({});
		expect(outputs.Upload[0].json.files[0].filename).toBe('big.mp4');
		const logged = await (await fetch(`${apiUrl}/__sim/requests?path=/api/upload-video/nemo_agent/me/${sessionId}`)).json();
		expect(logged.map((entry) => entry.body.files[0].size)).toEqual([fs.statSync(bigFile).size]);
		await binaryStore().deleteManyByBinaryDataId([outputs.Start[0].binary.data.id]); // 200 MB less left in the temp folder
		const growthMb = (peak - baseline) / 1024 / 1024;
		const sizeMb = fs.statSync(bigFile).size / 1024 / 1024;
		console.log(`upload of ${sizeMb.toFixed(0)} MB (stored, then streamed): ${seconds.toFixed(1)} s, peak RSS +${growthMb.toFixed(1)} MB`);
		expect(growthMb).toBeLessThan(80); // buffering the file would add 200 MB or more
	}, 120_000);
});
