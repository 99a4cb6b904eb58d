// NemoVideo Export & Wait inside n8n-core's real engine, against the simulator: the readiness
// check, one render per success, the retry with a new id, both response shapes, timeout and
// cancel, and a download that streams into the binary store without sending the token to the CDN.
const fs = require('fs');
const path = require('path');
const { startSimulator } = require('../../simulator');
const { createRunner, chain } = require('./harness');

const SAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'simulator', 'assets', 'sample.mp4'));
const SUBMIT = { method: 'POST', path: '/api/render/proxy/lambda' };
const POLL = { method: 'GET', path: /^\/api\/render\/proxy\/lambda\/render_/ };
const FALLBACK = { method: 'GET', path: /^\/api\/render\/proxy\/render_[^/]+\/download$/ };
const FAST = { pollIntervalSeconds: 0.02, timeoutMinutes: 1 };

let simulator;
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.001, seed: 5 });
});
afterAll(async () => {
	await simulator?.close();
});
beforeEach(() => simulator.reset());

/** n8n's binary data service, as the harness set it up (n8n-core's own DI container). */
function binaryStore() {
	const core = require('n8n-core');
	const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
	return Container.get(core.BinaryDataService);
}

/** Puts a generated video on the session's timeline: the instruction goes straight to /run_sse. */
async function generate(apiUrl, runner, sessionId) {
	const response = await fetch(`${apiUrl}/run_sse`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${runner.credentials.stored().sessionToken}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
		body: JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text: 'Generate a 10-second video of a city timelapse #sim-no-trailer' }] } }),
	});
	expect(response.status).toBe(200);
	await response.text(); // to the end of the run
}

async function newSession(runner) {
	const { outputs } = await runner.run(chain([{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { options: { claimLink: false } } }]));
	return outputs['Create Session'][0].json.sessionId;
}

async function setUp({ binaryMode, generate: withVideo = true } = {}) {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url }, binaryMode });
	const sessionId = await newSession(runner);
	if (withVideo) await generate(simulator.url, runner, sessionId);
	simulator.log.clear();
	return { runner, sessionId };
}

const exportStep = (sessionId, options = {}, extra = {}) => ({ type: 'nemoVideoExport', name: 'Export', parameters: { sessionId, options: { ...FAST, ...options } }, ...extra });
const submittedIds = () => simulator.log.filter(SUBMIT).map((entry) => entry.body.id);

test('a session with nothing generated is a clear error, and no render is submitted', async () => {
	const { runner, sessionId } = await setUp({ generate: false });
	const { errorOutputs, outputs } = await runner.run(chain([exportStep(sessionId, {}, { onError: 'continueErrorOutput' })]));
	expect(outputs.Export).toEqual([]);
	const [item] = errorOutputs.Export;
	expect(item.json.error).toBe('Nothing to export yet: the timeline is empty');
	expect(item.error.description).toContain('NemoVideo Send Instruction');
	expect(item.error.description).toContain('No render was submitted');
	expect(simulator.log.count(SUBMIT)).toBe(0);
});

describe.each(['superset', 'skill', 'lambda'])('render response shape "%s"', (renderShape) => {
	test('renders once, downloads the MP4 from the CDN without a token, output exactly as documented', async () => {
		const { runner, sessionId } = await setUp();
		simulator.setConfig({ renderShape });
		const { outputs, errors } = await runner.run(chain([exportStep(sessionId)]));
		expect(errors).toEqual({});
		const [item] = outputs.Export;
		const ids = submittedIds();
		expect(ids).toHaveLength(1); // no second render after a success
		expect(ids[0]).toMatch(/^render_[0-9a-f-]{36}$/);
		expect(Object.keys(item.json).sort()).toEqual(['attempts', 'renderId', 'sessionId', 'sizeBytes', 'status', 'url']);
		expect(item.json).toMatchObject({ sessionId, renderId: ids[0], status: 'completed', attempts: 1 });
		expect(item.json.url.startsWith(simulator.cdnUrl)).toBe(true);
		expect(item.pairedItem).toEqual({ item: 0 });

		const [submit] = simulator.log.filter(SUBMIT);
		expect(submit.body).toMatchObject({ sessionId, output: { format: 'mp4', quality: 'high' } });
		expect(submit.body.draft.t.length).toBeGreaterThan(0);

		const binary = item.binary.data;
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.fileName).toBe(`${sessionId}-${ids[0]}.mp4`);
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.equals(SAMPLE)).toBe(true); // the simulator's real MP4, byte for byte
		expect(item.json.sizeBytes).toBe(SAMPLE.length);

		const cdn = simulator.log.filter({ origin: 'cdn' });
		expect(cdn).toHaveLength(1);
		expect(cdn[0].hasAuthorization).toBe(false);
		expect(simulator.log.count(FALLBACK)).toBe(0);
	});
});

test('a failed render is submitted once more with a new id: attempts 2', async () => {
	const { runner, sessionId } = await setUp();
	simulator.setConfig({ failFirstRender: true });
	const { outputs, errors } = await runner.run(chain([exportStep(sessionId, { download: false })]));
	expect(errors).toEqual({});
	const ids = submittedIds();
	expect(ids).toHaveLength(2);
	expect(ids[0]).not.toBe(ids[1]);
	expect(outputs.Export[0].json).toMatchObject({ renderId: ids[1], status: 'completed', attempts: 2 });
});

test('a second failure is an error that names both render ids; no third render', async () => {
	const { runner, sessionId } = await setUp();
	simulator.setConfig({ failFirstRender: true, renderDurationMs: 200_000 }); // fails after ~0.1 s
	const execution = runner.start(chain([exportStep(sessionId, { download: false }, { onError: 'continueErrorOutput' })]));
	// Arm the failure again once the first render is in, so the retry fails too.
	while (simulator.log.count(SUBMIT) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
	simulator.setConfig({ failFirstRender: true });
	const { errorOutputs } = await execution.result;
	const ids = submittedIds();
	expect(ids).toHaveLength(2);
	const [item] = errorOutputs.Export;
	expect(item.json.error).toBe(`Export failed 2 times (render ${ids[0]} and ${ids[1]})`);
	expect(item.error.description).toContain('Render failed: internal error');
});

test('a timeout names the render id and how to follow it; nothing is resubmitted', async () => {
	const { runner, sessionId } = await setUp();
	simulator.setConfig({ renderDurationMs: 3_600_000 }); // an hour, scaled to 3.6 s
	const { errorOutputs } = await runner.run(chain([exportStep(sessionId, { timeoutMinutes: 0.01 }, { onError: 'continueErrorOutput' })]));
	const [id] = submittedIds();
	const [item] = errorOutputs.Export;
	expect(item.json.error).toBe(`Render ${id} did not finish within 0.6 seconds`);
	expect(item.error.description).toContain(`run NemoVideo Export & Wait with Render ID (in Options) set to ${id}`);
	expect(item.error.description).toContain('connect this node\'s error output');
	expect(submittedIds()).toHaveLength(1);
});

/** Export → (error output) → Export that follows the render named by the first one's timeout. */
function timeoutThenResume(sessionId, firstOptions) {
	const workflow = chain([exportStep(sessionId, firstOptions, { onError: 'continueErrorOutput' })]);
	workflow.nodes.push({
		id: 'resume',
		name: 'Resume',
		type: 'n8n-nodes-nemovideo.nemoVideoExport',
		typeVersion: 1,
		position: [400, 200],
		parameters: { options: { ...FAST, renderId: '={{ $json.error }}' } }, // Session ID left at its default: the error item has none
	});
	workflow.connections.Export = { main: [[], [{ node: 'Resume', type: 'main', index: 0 }]] };
	return workflow;
}

describe('following an existing render (Render ID)', () => {
	test.each(['superset', 'skill', 'lambda'])('a timed-out Export feeds a second one that downloads the same render (%s shape)', async (renderShape) => {
		const { runner, sessionId } = await setUp();
		simulator.setConfig({ renderShape, renderDurationMs: 1_500_000 }); // 1.5 s scaled: longer than the first's 0.6 s
		const { outputs, errorOutputs, errors } = await runner.run(timeoutThenResume(sessionId, { timeoutMinutes: 0.01 }));
		expect(errors).toEqual({});
		const [id] = submittedIds();
		expect(errorOutputs.Export[0].json.error).toContain(id);
		expect(submittedIds()).toHaveLength(1); // the second Export submitted nothing
		const [item] = outputs.Resume;
		expect(item.json).toMatchObject({ renderId: id, status: 'completed', attempts: 0 });
		expect(Buffer.from(item.binary.data.data, 'base64').equals(SAMPLE)).toBe(true);
		expect(item.json.sizeBytes).toBe(SAMPLE.length);
		expect(item.binary.data.fileName).toBe(`${id}.mp4`);
	});

	test('after a failed render and its retry timed out, following it submits nothing more', async () => {
		const { runner, sessionId } = await setUp();
		simulator.setConfig({ failFirstRender: true, renderDurationMs: 1_500_000 });
		const { outputs, errors } = await runner.run(timeoutThenResume(sessionId, { timeoutMinutes: 0.02 }));
		expect(errors).toEqual({});
		const ids = submittedIds();
		expect(ids).toHaveLength(2); // the failed one and its retry; none from the second Export
		expect(outputs.Resume[0].json).toMatchObject({ renderId: ids[1], status: 'completed', attempts: 0 });
	});

	test('a followed render that fails is an error, not a new render', async () => {
		const { runner, sessionId } = await setUp();
		simulator.setConfig({ failFirstRender: true, renderDurationMs: 200_000 });
		const submitted = await runner.run(chain([exportStep(sessionId, { timeoutMinutes: 0.001, download: false }, { onError: 'continueErrorOutput' })]));
		const [renderId] = /render_[\w-]+/.exec(submitted.errorOutputs.Export[0].json.error);
		const { errorOutputs } = await runner.run(chain([exportStep(sessionId, { renderId, download: false }, { onError: 'continueErrorOutput' })]));
		expect(errorOutputs.Export[0].json.error).toBe(`Render ${renderId} failed`);
		expect(errorOutputs.Export[0].error.description).toContain('Clear Render ID');
		expect(submittedIds()).toEqual([renderId]);
	});

	test('an unknown render id is a clear error; nothing is submitted', async () => {
		const { runner, sessionId } = await setUp();
		const { errorOutputs } = await runner.run(chain([exportStep(sessionId, { renderId: 'render_nope' }, { onError: 'continueErrorOutput' })]));
		expect(errorOutputs.Export[0].json.error).toBe('NemoVideo has no render render_nope');
		expect(errorOutputs.Export[0].error.description).toContain('Nothing was submitted');
		expect(simulator.log.count(SUBMIT)).toBe(0);
	});
});

test('cancelling the execution stops the polling at once', async () => {
	const { runner, sessionId } = await setUp();
	simulator.setConfig({ renderDurationMs: 3_600_000 });
	const execution = runner.start(chain([exportStep(sessionId, { pollIntervalSeconds: 30, timeoutMinutes: 10 })]));
	const deadline = Date.now() + 5_000;
	while (simulator.log.count(SUBMIT) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
	const cancelledAt = Date.now();
	execution.cancel();
	await execution.result.catch(() => undefined);
	expect(Date.now() - cancelledAt).toBeLessThan(2_000);
	const polls = simulator.log.count(POLL);
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect(simulator.log.count(POLL)).toBe(polls);
	expect(submittedIds()).toHaveLength(1);
});

test('5xx errors while polling are ridden out, even past the transport\'s own retries', async () => {
	const { runner, sessionId } = await setUp();
	// Four 503s use up the transport's four attempts at one poll; the polling asks again next time.
	simulator.setConfig({ fiveXxBurst: 4, fiveXxBurstPath: '/api/render/proxy/lambda/' });
	const { outputs, errors } = await runner.run(chain([exportStep(sessionId, { download: false })]));
	expect(errors).toEqual({});
	expect(outputs.Export[0].json).toMatchObject({ status: 'completed', attempts: 1 });
	expect(simulator.log.filter(POLL).filter((entry) => entry.status === 503)).toHaveLength(4);
	expect(submittedIds()).toHaveLength(1);
});

test('with Download off: the URL and no binary, and nothing fetched', async () => {
	const { runner, sessionId } = await setUp();
	const { outputs } = await runner.run(chain([exportStep(sessionId, { download: false })]));
	expect(outputs.Export[0].binary).toBeUndefined();
	expect(outputs.Export[0].json.url).toMatch(/^http/);
	expect(simulator.log.count({ origin: 'cdn' })).toBe(0);
});

test('another binary field name, on request', async () => {
	const { runner, sessionId } = await setUp();
	const { outputs } = await runner.run(chain([exportStep(sessionId, { binaryPropertyName: 'video' })]));
	expect(Object.keys(outputs.Export[0].binary)).toEqual(['video']);
});

describe('download fallback', () => {
	test('when the CDN fails, /api/render/proxy/<id>/download is used with the token', async () => {
		const { runner, sessionId } = await setUp();
		simulator.setConfig({ fiveXxBurst: 1, fiveXxBurstPath: '/render-result' });
		const { outputs, errors } = await runner.run(chain([exportStep(sessionId)]));
		expect(errors).toEqual({});
		const [id] = submittedIds();
		const [cdn] = simulator.log.filter({ origin: 'cdn' });
		expect(cdn).toMatchObject({ status: 503, hasAuthorization: false });
		const [fallback] = simulator.log.filter(FALLBACK);
		expect(fallback.path).toBe(`/api/render/proxy/${id}/download`);
		expect(fallback.hasAuthorization).toBe(true);
		expect(Buffer.from(outputs.Export[0].binary.data.data, 'base64').equals(SAMPLE)).toBe(true);
		expect(outputs.Export[0].json.sizeBytes).toBe(SAMPLE.length);
	});

	test('a fallback that redirects to the CDN does not carry the token there', async () => {
		const { runner, sessionId } = await setUp();
		simulator.setConfig({ fiveXxBurst: 1, fiveXxBurstPath: '/render-result', downloadRedirect: true });
		const { outputs, errors } = await runner.run(chain([exportStep(sessionId)]));
		expect(errors).toEqual({});
		expect(simulator.log.filter(FALLBACK)[0].status).toBe(302);
		const cdn = simulator.log.filter({ origin: 'cdn' });
		expect(cdn.map((entry) => entry.status)).toEqual([503, 200]);
		expect(cdn.every((entry) => !entry.hasAuthorization)).toBe(true);
		expect(Buffer.from(outputs.Export[0].binary.data.data, 'base64').equals(SAMPLE)).toBe(true);
	});
});

test('filesystem binary mode: the MP4 streams into the binary store', async () => {
	const { runner, sessionId } = await setUp({ binaryMode: 'filesystem' });
	const { outputs, errors } = await runner.run(chain([exportStep(sessionId)]));
	expect(errors).toEqual({});
	const binary = outputs.Export[0].binary.data;
	expect(binary.id).toMatch(/^filesystem/);
	expect(binary.data).toBe('filesystem-v2'); // no bytes in the item: they are in the store
	expect(outputs.Export[0].json.sizeBytes).toBe(SAMPLE.length);
	expect((await binaryStore().getAsBuffer(binary)).equals(SAMPLE)).toBe(true);
});

describe('memory does not grow with the video (filesystem binary mode)', () => {
	const { spawn } = require('child_process');
	const v8 = require('v8');
	const vm = require('vm');
	const RENDER_MB = 200;
	let child;
	let apiUrl;

	beforeAll(async () => {
		// The simulator runs in its own process, so this process's memory is n8n's side alone.
		const bin = path.join(__dirname, '..', '..', 'simulator', 'bin', 'nemo-simulator.js');
		child = spawn(process.execPath, [bin, '--port', '0', '--time-scale', '0.001', '--render-output-bytes', String(RENDER_MB * 1024 * 1024)], { stdio: ['ignore', 'pipe', 'inherit'] });
		apiUrl = await new Promise((resolve, reject) => {
			child.stdout.on('data', (data) => {
				const match = /listening on (\S+)/.exec(String(data));
				if (match) resolve(match[1]);
			});
			child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
		});
	});
	afterAll(() => child?.kill());

	test(`a ${RENDER_MB} MB render downloads with a peak RSS growth far below its size`, async () => {
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc');
		const runner = await createRunner({ credentials: { baseUrl: apiUrl }, binaryMode: 'filesystem' });
		const sessionId = await newSession(runner);
		await generate(apiUrl, runner, sessionId);

		gc();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		const started = Date.now();
		const result = await runner.run(chain([exportStep(sessionId)]));
		const seconds = (Date.now() - started) / 1000;
		clearInterval(sampler);
		expect(result.errors).toEqual({});
		const { json, binary } = result.outputs.Export[0];
		expect(binary.data.id).toMatch(/^filesystem/);
		await binaryStore().deleteManyByBinaryDataId([binary.data.id]); // 200 MB less left in the temp folder
		expect(json.sizeBytes).toBeGreaterThan(RENDER_MB * 1024 * 1024 * 0.9);
		const cdn = await (await fetch(`${apiUrl}/__sim/requests?origin=cdn`)).json();
		expect(cdn.map((entry) => [entry.status, entry.hasAuthorization])).toEqual([[200, false]]);
		const growthMb = (peak - baseline) / 1024 / 1024;
		console.log(`download of ${(json.sizeBytes / 1024 / 1024).toFixed(0)} MB: ${seconds.toFixed(1)} s (render wait included), peak RSS +${growthMb.toFixed(1)} MB`);
		expect(growthMb).toBeLessThan(80); // buffering the file would add 200 MB or more
	}, 120_000);
});

test('a render URL on the API\'s own host is fetched with the token, through the transport', async () => {
	const sameOrigin = await startSimulator({ timeScale: 0.001, seed: 5, cdnSameOrigin: true });
	try {
		const runner = await createRunner({ credentials: { baseUrl: sameOrigin.url } });
		const sessionId = await newSession(runner);
		await generate(sameOrigin.url, runner, sessionId);
		const { outputs, errors } = await runner.run(chain([exportStep(sessionId)]));
		expect(errors).toEqual({});
		expect(outputs.Export[0].json.url.startsWith(`${sameOrigin.url}/cdn/`)).toBe(true);
		const [download] = sameOrigin.log.filter({ method: 'GET', path: /^\/cdn\/render-result\// });
		expect(download).toMatchObject({ status: 200, hasAuthorization: true });
		expect(sameOrigin.log.count(FALLBACK)).toBe(0);
		expect(Buffer.from(outputs.Export[0].binary.data.data, 'base64').equals(SAMPLE)).toBe(true);
	} finally {
		await sameOrigin.close();
	}
});
