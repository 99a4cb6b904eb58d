// examples/ in a real n8n 2.41.1 (this package installed from its tarball) against the simulator,
// in the demo's own setup: the workflows, the credential, the folders and the variables that
// `npm start` gives them (scripts/start.js), imported exactly as it imports them. The form is
// submitted over HTTP as a browser does and must hand back a playable MP4, for a plain description
// too; the batch must write its MP4 files into the demo's folder; the iterative edit must report
// silent edits with what changed and end with a render. The batch's stop on short credits runs a
// copy of it on a second account that starts with 100 credits.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('../../scripts/lib');
const demo = require('../../scripts/start');
const { startStack, ROOT, N8N_MAJOR } = require('./support/stack');

const EXAMPLES = path.join(ROOT, 'examples');
const SAMPLE_MP4 = path.join(ROOT, 'simulator', 'assets', 'sample.mp4');
const FORM_PATH = 'nemovideo-form';
const SHORT_BATCH_ID = 'nemoBatchShortCredits';
// The examples are saved from n8n 2.x. These of their nodes store versions n8n 1.x does not have
// (its newest are Form Trigger 2.3, Form 2.3, AI Agent 3 and Read/Write Files 1); the README says so.
const ONLY_ON_N8N_2 = [
	'agent-with-tools.json: AI Agent (@n8n/n8n-nodes-langchain.agent v3.1)',
	'form-to-video.json: Video request form (n8n-nodes-base.formTrigger v2.6)',
	'form-to-video.json: Send the MP4 back (n8n-nodes-base.form v2.5)',
	'scheduled-batch.json: Write the MP4 (n8n-nodes-base.readWriteFile v1.1)',
];

const loadExample = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
const findNode = (workflow, name) => workflow.nodes.find((node) => node.name === name);

/** An MP4 starts with a box whose type is `ftyp` (ISO/IEC 14496-12). */
function expectMp4(bytes) {
	expect(bytes.length).toBeGreaterThan(1000);
	expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
}

function hasFfprobe() {
	try {
		execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** ffprobe's view of a file: the codec type of its first stream and its duration, or undefined without ffprobe. */
function probe(file) {
	if (!hasFfprobe()) return undefined;
	const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type:format=duration', '-of', 'json', file], { encoding: 'utf8' });
	const parsed = JSON.parse(out);
	return { codecTypes: parsed.streams.map((stream) => stream.codec_type), duration: Number(parsed.format.duration) };
}

function expectPlayableVideo(bytes, dir, name) {
	expectMp4(bytes);
	const file = path.join(dir, name);
	fs.writeFileSync(file, bytes);
	const probed = probe(file);
	if (probed) {
		expect(probed.codecTypes).toContain('video');
		expect(probed.duration).toBeGreaterThan(0);
	}
}

let stack;
let n8n;
let workDir;

beforeAll(async () => {
	workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-examples-'));
	demo.prepareDemoFolders();
	stack = await startStack({
		credentials: { demo: demo.DEMO_CREDENTIAL, short: {} },
		// The demo's simulator, on a port of its own and faster.
		simulator: { ...demo.SIMULATOR_DEFAULTS, port: 0, timeScale: 0.01 },
		n8nEnv: demo.DEMO_N8N_ENV,
		workflows: (refs) => {
			const workflows = demo.exampleWorkflows().map((example) => example.workflow);
			const batch = workflows.find((workflow) => workflow.id === 'nemoScheduledBatch');
			return [...workflows, lib.useCredential({ ...structuredClone(batch), id: SHORT_BATCH_ID, name: `${batch.name} (short of credits)` }, refs.short)];
		},
	});
	n8n = stack.n8n;
}, 5 * 60_000);

afterAll(async () => {
	await stack?.close();
	if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** fetch() on the instance, signed in as its owner (the cookie is bound to the browser id sent). */
async function signedInFetch(urlPath) {
	const browserId = 'examples-test-browser';
	const login = await fetch(`${n8n.url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: n8n.owner.email, password: n8n.owner.password }),
	});
	expect(login.status).toBe(200);
	const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('n8n-auth='));
	const response = await fetch(`${n8n.url}${urlPath}`, { headers: { cookie, 'browser-id': browserId } });
	expect(response.status).toBe(200);
	return response;
}

/**
 * The stored bytes of a binary field of an execution, fetched as the editor's download link does;
 * in memory mode (n8n 1.x's default) the execution carries them itself.
 */
async function binaryBytes(binary) {
	if (N8N_MAJOR < 2 && binary.id === undefined) return Buffer.from(binary.data, 'base64');
	expect(binary.id).toEqual(expect.any(String));
	const response = await signedInFetch(`/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`);
	return Buffer.from(await response.arrayBuffer());
}

const sessionCreates = () => stack.simulator.log.all().filter((entry) => entry.method === 'POST' && /^\/api\/tasks\/[^/]+\/with-session\/nemo_agent$/.test(entry.path)).length;

test('every node of every example is a node type this n8n knows, at the version the example stores (on 1.x: all but the 2.x-only ones)', async () => {
	const known = new Map();
	for (const type of await (await signedInFetch('/types/nodes.json')).json()) {
		known.set(type.name, [...(known.get(type.name) ?? []), ...[type.version].flat()]);
	}
	const files = fs.readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'));
	expect(files.sort()).toEqual(['agent-with-tools.json', 'form-to-video.json', 'iterative-edit.json', 'scheduled-batch.json']);
	const unknown = [];
	for (const file of files) {
		for (const node of loadExample(file).nodes) {
			if (!known.get(node.type)?.includes(node.typeVersion)) unknown.push(`${file}: ${node.name} (${node.type} v${node.typeVersion})`);
		}
	}
	expect(unknown).toEqual(N8N_MAJOR >= 2 ? [] : ONLY_ON_N8N_2);
	// The agent's tools are this package's nodes in the form n8n generates for usableAsTool nodes.
	const tools = loadExample('agent-with-tools.json').nodes.filter((node) => node.type.endsWith('Tool'));
	expect(tools.map((node) => node.type).sort()).toEqual(
		['CreateSession', 'Export', 'GetCredits', 'GetState', 'SendInstruction', 'UploadMedia'].map((name) => `n8n-nodes-nemovideo.nemoVideo${name}Tool`),
	);
}, 30_000);

// On n8n 1.x the form example cannot run: its Form Trigger 2.6 and Form 2.5 do not exist there.
(N8N_MAJOR >= 2 ? describe : describe.skip)('form to video', () => {
	const WORKFLOW_ID = 'nemoFormToVideo';

	beforeAll(async () => {
		// Publishing is what makes the production form URL answer.
		const workflow = await n8n.rest.request('GET', `/rest/workflows/${WORKFLOW_ID}`);
		await n8n.rest.request('POST', `/rest/workflows/${WORKFLOW_ID}/activate`, { versionId: workflow.versionId });
		// The form's webhook is registered a moment after the answer: wait until the form page shows.
		for (const until = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
			const response = await fetch(`${n8n.url}/form/${FORM_PATH}`);
			if (response.status === 200) break;
			if (Date.now() > until) throw new Error(`the published form still answers ${response.status}`);
		}
	}, 60_000);

	/**
	 * Submits the published form as the form page's script does (multipart, field-<index>), follows
	 * it to n8n's "form waiting" page until the ending page is ready, reads the MP4 that page hands
	 * to the browser, then lets the page's closing POST finish the execution.
	 */
	async function submitForm({ description, clip }) {
		const body = new FormData();
		body.append('field-0', description);
		if (clip) body.append('field-1', new Blob([clip.bytes], { type: clip.type }), clip.name);
		const submitted = await fetch(`${n8n.url}/form/${FORM_PATH}`, { method: 'POST', body });
		expect(submitted.status).toBe(200);
		const { formWaitingUrl } = await submitted.json();
		expect(formWaitingUrl).toMatch(/\/form-waiting\/\d+/);
		const executionId = /\/form-waiting\/(\d+)/.exec(formWaitingUrl)[1];

		const statusUrl = new URL(formWaitingUrl);
		statusUrl.pathname += '/n8n-execution-status';
		const deadline = Date.now() + 120_000;
		let status;
		for (;;) {
			status = (await (await fetch(statusUrl)).text()).trim();
			if (status !== 'running' && status !== 'new' && status !== 'waiting') break;
			if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${status} after 2 minutes`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		if (status !== 'form-waiting') {
			const execution = await n8n.getExecution(executionId);
			throw new Error(`execution ${executionId} ended "${status}" before its ending page: ${JSON.stringify(execution.data?.resultData?.error ?? execution.status)}`);
		}

		const page = await (await fetch(formWaitingUrl)).text();
		const match = /JSON\.parse\(decodeURIComponent\("([^"]*)"\)\)/.exec(page);
		expect(match).not.toBeNull();
		const files = JSON.parse(decodeURIComponent(match[1]));
		await fetch(formWaitingUrl, { method: 'POST' });

		let execution;
		for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 250))) {
			execution = await n8n.getExecution(executionId);
			if (!['new', 'running', 'waiting'].includes(execution.status)) break;
		}
		return { page, files, execution };
	}

	test('a plain description (no "make" or "create"): the ending page hands the browser a playable MP4', async () => {
		const description = 'A 10-second clip of waves on a beach at sunset with soft piano';
		const { files, execution } = await submitForm({ description });

		expect(files).toHaveLength(1);
		expect(files[0].type).toBe('video/mp4');
		expect(files[0].fileName).toMatch(/\.mp4$/);
		expect(files[0].data.type).toBe('Buffer');
		expectPlayableVideo(Buffer.from(files[0].data.data), workDir, 'form.mp4');

		expect(execution.status).toBe('success');
		const out = (name) => lib.nodeOutput(execution, name);
		expect(out('Clip attached?')).toEqual([]); // the "true" output: no upload without a clip
		expect(out('NemoVideo Upload Media')).toBeUndefined();
		const [instruction] = out('NemoVideo Send Instruction');
		expect(instruction.json).toMatchObject({ status: 'completed', readyForExport: true });
		const [exported] = out('NemoVideo Export & Wait');
		expect(exported.json.sessionId).toBe(instruction.json.sessionId);
		expect(exported.binary.data).toMatchObject({ mimeType: 'video/mp4' });

		const sent = stack.simulator.log.all().filter((entry) => entry.path === '/run_sse' && entry.body?.session_id === instruction.json.sessionId);
		expect(sent).toHaveLength(1);
		expect(sent[0].body.new_message.parts[0].text).toBe(description);
	}, 180_000);

	test('with a clip: the clip is uploaded into the session and named in the instruction', async () => {
		const clip = { bytes: fs.readFileSync(SAMPLE_MP4), type: 'video/mp4', name: 'my-clip.mp4' };
		const { files, execution } = await submitForm({ description: 'Cut my clip to 5 seconds and add upbeat music', clip });

		expectPlayableVideo(Buffer.from(files[0].data.data), workDir, 'form-with-clip.mp4');
		expect(execution.status).toBe('success');
		const [uploaded] = lib.nodeOutput(execution, 'NemoVideo Upload Media');
		expect(uploaded.json.files).toEqual([expect.objectContaining({ filename: 'my-clip.mp4' })]);

		const uploads = stack.simulator.log.all().filter((entry) => entry.method === 'POST' && entry.path.includes(uploaded.json.sessionId) && entry.path.includes('upload'));
		expect(uploads).toHaveLength(1);
		const sent = stack.simulator.log.all().find((entry) => entry.path === '/run_sse' && entry.body?.session_id === uploaded.json.sessionId);
		expect(sent.body.new_message.parts[0].text).toBe('Cut my clip to 5 seconds and add upbeat music\n\nUse the file I uploaded: my-clip.mp4.');
	}, 180_000);
});

describe('scheduled batch', () => {
	const run = (workflowId) => n8n.runWorkflow(workflowId, { triggerName: 'Every morning at 9', timeoutMs: 170_000 });
	const written = [];
	afterAll(() => {
		for (const file of written) fs.rmSync(file, { force: true });
	});

	test('three prompts become three MP4 files in the folder npm start makes for it', async () => {
		expect(fs.statSync(demo.BATCH_FOLDER).isDirectory()).toBe(true);
		const execution = await run('nemoScheduledBatch');
		expect(execution.status).toBe('success');
		const files = lib.nodeOutput(execution, 'Write the MP4').map((item) => item.json.fileName);
		written.push(...files);
		expect(files).toHaveLength(3);
		expect(new Set(files).size).toBe(3);
		for (const file of files) {
			expect(path.dirname(file)).toBe(demo.BATCH_FOLDER);
			expectPlayableVideo(fs.readFileSync(file), workDir, `batch-${path.basename(file)}`);
		}
		expect(lib.nodeOutput(execution, 'Not enough credits: stop')).toBeUndefined();
		const sessions = new Set(lib.nodeOutput(execution, 'NemoVideo Export & Wait').map((item) => item.json.sessionId));
		expect(sessions.size).toBe(3);
	}, 180_000);

	test('on an account with 100 credits, the run stops with its message and sends nothing to NemoVideo', async () => {
		// The second credential's account is made at its first call, with the credits configured then.
		stack.simulator.setConfig({ startingCredits: 100 });
		const createsBefore = sessionCreates();
		const execution = await run(SHORT_BATCH_ID);
		stack.simulator.setConfig({ startingCredits: demo.SIMULATOR_DEFAULTS.startingCredits });
		expect(execution.status).toBe('success');
		const [stop] = lib.nodeOutput(execution, 'Not enough credits: stop');
		expect(stop.json).toEqual({
			message: 'Not enough NemoVideo credits for this batch: 300 needed (3 videos at 100 each), 100 available. Nothing was sent to NemoVideo. Top up, or shorten the list.',
			creditsNeeded: 300,
			creditsAvailable: 100,
		});
		expect(lib.nodeOutput(execution, 'NemoVideo Create Session')).toBeUndefined();
		expect(sessionCreates()).toBe(createsBefore);
	}, 180_000);
});

describe('iterative edit', () => {
	const WORKFLOW_ID = 'nemoIterativeEdit';
	const run = () => n8n.runWorkflow(WORKFLOW_ID, { triggerName: 'Run the example', timeoutMs: 110_000 });
	afterEach(() => stack.simulator.setConfig({ silentEditRate: 0.3 }));

	async function expectFinalRender(execution, name) {
		const [exported] = lib.nodeOutput(execution, 'NemoVideo Export & Wait');
		expect(exported.json).toMatchObject({ renderId: expect.any(String), attempts: 1 });
		expect(exported.binary.data.mimeType).toBe('video/mp4');
		expectPlayableVideo(await binaryBytes(exported.binary.data), workDir, name);
		return exported;
	}

	test('silent edits: no reply, and changes[] says what the title and the music edit did', async () => {
		stack.simulator.setConfig({ silentEditRate: 1 });
		const execution = await run();
		expect(execution.status).toBe('success');
		const out = (name) => lib.nodeOutput(execution, name)[0].json;

		expect(out('Generate the first cut')).toMatchObject({ status: 'completed', readyForExport: true });
		const state = out('NemoVideo Get State');
		expect(state.readyForExport).toBe(true);
		expect(state.timeline).toMatch(/^Timeline \(\d+ tracks?\): /);

		const title = out('Edit 1: add a title');
		expect(title).toMatchObject({ status: 'completed', silent: true, reply: '' });
		expect(title.changes.join('\n')).toMatch(/title/i);
		expect(title.timeline).toMatch(/Urban Dreams/);
		const music = out('Edit 2: quieter music');
		expect(music).toMatchObject({ status: 'completed', silent: true, reply: '' });
		expect(music.changes.join('\n')).toMatch(/30%/);
		expect(music.timeline).not.toBe(title.timeline);

		const exported = await expectFinalRender(execution, 'edit-silent.mp4');
		expect(exported.json.sessionId).toBe(state.sessionId);
	}, 120_000);

	test('edits the agent talks about: a reply, silent false, and the changes still listed', async () => {
		stack.simulator.setConfig({ silentEditRate: 0 });
		const execution = await run();
		expect(execution.status).toBe('success');
		for (const name of ['Edit 1: add a title', 'Edit 2: quieter music']) {
			const [edit] = lib.nodeOutput(execution, name);
			expect(edit.json.silent).toBe(false);
			expect(edit.json.reply).not.toBe('');
			expect(edit.json.changes.length).toBeGreaterThan(0);
		}
		await expectFinalRender(execution, 'edit-verbose.mp4');
	}, 120_000);
});
