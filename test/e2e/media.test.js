// Media in and out through a real n8n 2.41.1 (the package installed from its tarball), once per
// binary data mode (in memory, and filesystem as n8n 2.x uses by default): a real H.264 MP4 made by
// ffmpeg is read from disk, uploaded, a video is generated, exported and downloaded, and written
// back to disk, where ffprobe must read it as a video. The simulator's log shows the upload's
// multipart part and that no Authorization header reached the CDN (another host), also when the
// CDN fails and the API's fallback download redirects there. A file of a
// refused format stops Upload Media with a clear error before any upload request is made.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startStack } = require('./support/stack');
const { nodeOutput, nodeError } = require('../../scripts/lib');
const { ensureFfmpeg, makeMp4, probe, mediaRoundTripWorkflow, uploadOnlyWorkflow } = require('./fixtures/media/media');

const UPLOAD = { method: 'POST', path: /^\/api\/upload-video\/nemo_agent\/me\// };
const GENERATE = 'Generate a 10-second video of a city timelapse at night #sim-no-trailer';
const SIMULATOR = { timeScale: 0.001, seed: 4, startingCredits: 100_000, trailerRate: 0, silentEditRate: 0 };

let dir;
let input;
beforeAll(() => {
	ensureFfmpeg();
	// realpath: n8n refuses paths with a symlinked component, and compares resolved paths.
	dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-e2e-media-')));
	input = makeMp4(path.join(dir, 'city clip.mp4'), { seconds: 2 });
	fs.writeFileSync(path.join(dir, 'setup.exe'), Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510)]));
});
afterAll(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([
	['in memory', 'default'],
	['filesystem', 'filesystem'],
])('binary data %s (N8N_DEFAULT_BINARY_DATA_MODE=%s)', (_words, mode) => {
	let stack;
	let output;

	beforeAll(async () => {
		output = path.join(dir, `video-${mode}.mp4`);
		stack = await startStack({
			simulator: SIMULATOR,
			credentials: { Main: {} },
			// Read/Write Files from Disk may touch only N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
			n8nEnv: { N8N_DEFAULT_BINARY_DATA_MODE: mode, N8N_RESTRICT_FILE_ACCESS_TO: dir },
			workflows: ({ Main }) => [
				mediaRoundTripWorkflow({ id: 'wfMediaRoundTrip', credential: Main, input, output, instruction: GENERATE }),
				uploadOnlyWorkflow({ id: 'wfRefused', credential: Main, input: path.join(dir, 'setup.exe') }),
			],
		});
	}, 10 * 60_000);

	afterAll(async () => {
		await stack?.close();
	});

	beforeEach(() => stack.simulator.log.clear());

	test('an MP4 from disk → upload → generate → export → MP4 on disk that ffprobe reads as H.264 video', async () => {
		const execution = await stack.n8n.runWorkflow('wfMediaRoundTrip', { timeoutMs: 120_000 });
		expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });

		// The upload: one multipart request, part "files" with the file's name, type and exact size.
		const uploads = stack.simulator.log.filter(UPLOAD);
		expect(uploads).toHaveLength(1);
		expect(uploads[0].status).toBe(200);
		expect(uploads[0].hasAuthorization).toBe(true);
		expect(uploads[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(uploads[0].body.files).toEqual([{ field: 'files', filename: 'city clip.mp4', contentType: 'video/mp4', size: fs.statSync(input).size }]);
		const [uploaded] = nodeOutput(execution.data, 'Upload Media');
		expect(uploaded.json.files).toEqual([expect.objectContaining({ filename: 'city clip.mp4', fileType: 'video', width: 320, height: 240, duration: 2 })]);

		const [instructed] = nodeOutput(execution.data, 'Send Instruction');
		expect(instructed.json).toMatchObject({ status: 'completed', readyForExport: true });

		// The render's MP4, in n8n's binary store of this mode, then on disk.
		const [exported] = nodeOutput(execution.data, 'Export & Wait');
		expect(exported.json).toMatchObject({ status: 'completed', attempts: 1, renderId: expect.stringMatching(/^render_/) });
		expect(exported.json.url.startsWith(stack.simulator.cdnUrl)).toBe(true);
		const binary = exported.binary.data;
		expect(binary).toMatchObject({ mimeType: 'video/mp4', fileName: expect.stringMatching(/\.mp4$/) });
		if (mode === 'filesystem') expect(binary.id).toMatch(/^filesystem/);
		else expect(binary.id).toBeUndefined();

		const written = fs.statSync(output);
		expect(written.size).toBe(exported.json.sizeBytes);
		const probed = probe(output);
		const video = probed.streams.find((stream) => stream.codec_type === 'video');
		expect(video).toMatchObject({ codec_name: 'h264' });
		expect(video.width).toBeGreaterThan(0);
		expect(Number(probed.format.duration)).toBeGreaterThan(0);
		expect(probed.format.format_name).toContain('mp4');

		// The CDN (localhost, not the API's 127.0.0.1) served the MP4 and never saw a token.
		const cdn = stack.simulator.log.filter({ origin: 'cdn' });
		expect(cdn.length).toBeGreaterThanOrEqual(1);
		expect(cdn.map((entry) => entry.path)).toContain(new URL(exported.json.url).pathname);
		expect(cdn.every((entry) => !entry.hasAuthorization)).toBe(true);
		expect(cdn[0].host).not.toBe(new URL(stack.simulator.url).host);
		expect(stack.simulator.log.filter({ origin: 'api' }).some((entry) => entry.hasAuthorization)).toBe(true);
	}, 150_000);

	test('the CDN fails and the fallback download redirects to it: that host gets no Authorization header', async () => {
		// The first CDN GET answers 503, so Export & Wait turns to /api/render/proxy/<id>/download,
		// which answers 302 to the same CDN (another host name): the second CDN GET must carry no token.
		stack.simulator.setConfig({ fiveXxBurst: 1, fiveXxBurstPath: '/render-result', downloadRedirect: true });
		try {
			const execution = await stack.n8n.runWorkflow('wfMediaRoundTrip', { timeoutMs: 120_000 });
			expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
			const [exported] = nodeOutput(execution.data, 'Export & Wait');
			const fallback = stack.simulator.log.filter({ method: 'GET', path: /^\/api\/render\/proxy\/[^/]+\/download$/ });
			expect(fallback.map((entry) => [entry.path, entry.status, entry.hasAuthorization])).toEqual([[`/api/render/proxy/${exported.json.renderId}/download`, 302, true]]);
			const cdn = stack.simulator.log.filter({ origin: 'cdn' }).filter((entry) => entry.path.startsWith('/render-result'));
			expect(cdn.map((entry) => [entry.status, entry.hasAuthorization])).toEqual([
				[503, false],
				[200, false],
			]);
			expect(cdn[1].host).not.toBe(new URL(stack.simulator.url).host);
			expect(fs.statSync(output).size).toBe(exported.json.sizeBytes);
			expect(probe(output).streams.find((stream) => stream.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });
		} finally {
			stack.simulator.setConfig({ fiveXxBurst: 0, fiveXxBurstPath: null, downloadRedirect: false });
		}
	}, 150_000);

	test('a file of a refused format (.exe) stops Upload Media with the accepted formats, and nothing is uploaded', async () => {
		const execution = await stack.n8n.runWorkflow('wfRefused', { timeoutMs: 60_000 });
		expect(execution.status).toBe('error');
		const [read] = nodeOutput(execution.data, 'Read File');
		expect(read.json.fileName).toBe('setup.exe');
		const error = nodeError(execution.data, 'Upload Media');
		expect(error.message).toBe('"setup.exe" is not a format NemoVideo accepts');
		expect(error.description).toMatch(/mp4, mov, avi, webm, mkv/);
		expect(error.description).toMatch(/Nothing was uploaded/);
		// The session was created (the credential worked), but no upload request was made at all.
		expect(stack.simulator.log.count({ method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' })).toBe(1);
		expect(stack.simulator.log.count(UPLOAD)).toBe(0);
		expect(stack.simulator.log.count((entry) => entry.method === 'POST' && entry.path.startsWith('/api/upload'))).toBe(0);
	}, 90_000);
});
