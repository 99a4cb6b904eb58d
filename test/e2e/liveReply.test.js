// The agent's reply live, and NemoVideo as an AI Agent's tools, in a real n8n 2.41.1 (the package
// installed from its tarball) against the simulator:
// - a Webhook in Streaming response mode → Create Session → Send Instruction: the caller reads the
//   agent's words while the simulator's event stream is still open;
// - the agent-with-tools example (its Chat Trigger streaming) with n8n's AI Agent and OpenAI Chat
//   Model, the model a scripted OpenAI-compatible server: a video made with the tools alone, and,
//   out of credits, the registration link handed to the model;
// - the same in n8n's hosted chat page in Chromium, screenshotted (test-results/screenshots/, or
//   docs/screenshots/ with NEMO_UPDATE_SCREENSHOTS=1, as the browser test does).
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('../../scripts/lib');
const { startStack, ROOT } = require('./support/stack');
const { startScriptedModel, toolNamed, toolResults } = require('./support/scriptedModel');
const { serveChatWidget } = require('./support/chatWidget');

const RUN_SSE = { method: 'POST', path: '/run_sse' };
const SUBMIT = { method: 'POST', path: '/api/render/proxy/lambda' };
const PROMPT = 'Make a 10-second video of a rainy street at night with jazz #sim-verbose #sim-no-trailer';
const LIVE_PATH = 'nemovideo-live';
const AGENT_HOOK = { Main: 'e2e-agent-main', Poor: 'e2e-agent-poor' };
const MODEL_CREDENTIAL = { id: 'scriptedModelCred', name: 'Scripted model' };

/** The webhook workflow: POST { prompt } → a new session → the instruction, its words streamed back. */
function liveWorkflow(credential) {
	const workflow = lib.chainWorkflow({
		id: 'wfLiveReply',
		credential,
		steps: [
			{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { options: { claimLink: false } } },
			{ type: 'nemoVideoSendInstruction', name: 'Send Instruction', parameters: { instruction: "={{ $('Webhook').item.json.body.prompt }}", options: {} } },
		],
	});
	workflow.nodes[0] = { id: 'live-webhook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: 'live-webhook', parameters: { httpMethod: 'POST', path: LIVE_PATH, responseMode: 'streaming', options: {} } };
	workflow.connections = { Webhook: workflow.connections['Manual Trigger'], ...workflow.connections };
	delete workflow.connections['Manual Trigger'];
	return workflow;
}

/** The example as it ships, its chat public (so a test can post to it), its model the scripted one, and its Export polling every 0.5 s instead of 10 s. */
function agentWorkflow(key, credential) {
	const example = lib.useCredential(JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'agent-with-tools.json'), 'utf8')), credential);
	const nodes = example.nodes.map((node) => {
		if (node.type.endsWith('.chatTrigger')) {
			expect(node.parameters.options.responseMode).toBe('streaming');
			return { ...node, webhookId: AGENT_HOOK[key], parameters: { ...node.parameters, public: true, mode: 'hostedChat' } };
		}
		if (node.type.endsWith('.lmChatOpenAi')) {
			return { ...node, parameters: { ...node.parameters, model: { __rl: true, mode: 'id', value: 'scripted-model' }, responsesApiEnabled: false }, credentials: { openAiApi: MODEL_CREDENTIAL } };
		}
		if (node.type.endsWith('.nemoVideoExportTool')) return { ...node, parameters: { ...node.parameters, options: { ...node.parameters.options, pollIntervalSeconds: 0.5 } } };
		return node;
	});
	return { ...example, id: `wfAgent${key}`, name: `Agent ${key}`, nodes };
}

/**
 * The model's part: a new session, the user's words to Send Instruction, then Export; any tool
 * failure ends the turn with the words the model was given, as a model that relays them would.
 */
function videoMakingModel(request) {
	const results = toolResults(request);
	const last = results.at(-1);
	if (last && /"error"/.test(last.content)) return { text: `I could not go on: ${last.content}` };
	const sessionId = /"sessionId":"(\d+)"/.exec(results.find((result) => /Create_Session/.test(result.name))?.content ?? '')?.[1];
	if (!last) return { tool: toolNamed(request, /Create_Session/), args: { taskName: 'rainy street' } };
	if (/Create_Session/.test(last.name)) return { tool: toolNamed(request, /Send_Instruction/), args: { sessionId, instruction: PROMPT } };
	if (/Send_Instruction/.test(last.name)) return { tool: toolNamed(request, /Export/), args: { sessionId } };
	return { text: `Your video is ready: ${/"url":"([^"]+)"/.exec(last.content)?.[1]}` };
}

/** POSTs and reads n8n's streamed answer (one JSON chunk a line) as it comes; `onChunk` sees each one on arrival. */
async function readStreamed(url, body, onChunk = () => {}) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(response.status).toBe(200);
	const chunks = [];
	let pending = '';
	const decoder = new TextDecoder();
	for await (const bytes of response.body) {
		pending += decoder.decode(bytes, { stream: true });
		const lines = pending.split('\n');
		pending = lines.pop();
		for (const line of lines.filter((text) => text.trim())) {
			const chunk = JSON.parse(line);
			onChunk(chunk);
			chunks.push(chunk);
		}
	}
	return chunks;
}

/** Publishes a workflow, then waits until its webhook answers something other than 404. */
async function publish(workflowId, probeUrl) {
	const workflow = await stack.n8n.rest.request('GET', `/rest/workflows/${workflowId}`);
	await stack.n8n.rest.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	for (const until = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
		const response = await fetch(probeUrl, { method: 'OPTIONS' });
		if (response.status !== 404) return;
		if (Date.now() > until) throw new Error(`${probeUrl} still answers 404 after publishing`);
	}
}

const itemsOf = (chunks, nodeName) => chunks.filter((chunk) => chunk.type === 'item' && chunk.metadata?.nodeName === nodeName);

let stack;
let model;

beforeAll(async () => {
	model = await startScriptedModel(videoMakingModel);
	stack = await startStack({
		simulator: { timeScale: 0.01, seed: 3, startingCredits: 1000, trailerRate: 0, silentEditRate: 0 },
		credentials: { Main: {}, Poor: {} },
		otherCredentials: [{ ...MODEL_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted', url: model.url, header: false } }],
		workflows: ({ Main, Poor }) => [liveWorkflow(Main), agentWorkflow('Main', Main), agentWorkflow('Poor', Poor)],
	});
	await publish('wfLiveReply', `${stack.n8n.url}/webhook/${LIVE_PATH}`);
	for (const key of Object.keys(AGENT_HOOK)) await publish(`wfAgent${key}`, `${stack.n8n.url}/webhook/${AGENT_HOOK[key]}/chat`);
}, 10 * 60_000);

afterAll(async () => {
	if (process.env.I13_DUMP) fs.writeFileSync(process.env.I13_DUMP, JSON.stringify(model.requests, null, 1));
	await stack?.close();
	await model?.close();
});

beforeEach(() => stack.simulator.log.clear());

test('a streaming Webhook: the caller reads the agent\'s words while NemoVideo is still streaming', async () => {
	let readWhileOpen = 0;
	const chunks = await readStreamed(`${stack.n8n.url}/webhook/${LIVE_PATH}`, { prompt: PROMPT }, (chunk) => {
		if (chunk.type === 'item' && stack.simulator.log.last(RUN_SSE)?.durationMs === null) readWhileOpen++;
	});
	const pieces = itemsOf(chunks, 'Send Instruction').map((chunk) => chunk.content.trim());
	expect(readWhileOpen).toBeGreaterThanOrEqual(2); // two pieces had reached the caller before the simulator closed its stream
	expect(pieces.length).toBeGreaterThanOrEqual(3); // ack, raw video ready, summary
	expect(pieces.join(' ')).not.toMatch(/\bclick\b|\bpanel\b|temporary issue/i);
	expect(new Set(pieces).size).toBe(pieces.length); // no partial duplicates
	const own = chunks.filter((chunk) => chunk.metadata?.nodeName === 'Send Instruction').map((chunk) => chunk.type);
	expect(own[0]).toBe('begin');
	expect(own.at(-1)).toBe('end');
	expect(stack.simulator.log.count(RUN_SSE)).toBe(1);
	expect(JSON.stringify(chunks)).not.toMatch(/nmv_usr_/);
}, 120_000);

test('the AI Agent makes a video with the NemoVideo tools alone, and the chat streams the agent\'s words', async () => {
	const before = model.requests.length;
	const chunks = await readStreamed(`${stack.n8n.url}/webhook/${AGENT_HOOK.Main}/chat`, { action: 'sendMessage', sessionId: 'chat-main', chatInput: 'Make me a rainy street video' });
	const requests = model.requests.slice(before);
	const results = toolResults(requests.at(-1));
	expect(results.map((result) => result.name)).toEqual([toolNamed(requests[0], /Create_Session/), toolNamed(requests[0], /Send_Instruction/), toolNamed(requests[0], /Export/)]);
	// What the model reads of Send Instruction is small: the reply, what changed, the timeline, the readiness.
	const instructed = JSON.parse(results[1].content);
	const instructedItem = Array.isArray(instructed) ? instructed[0] : instructed;
	expect(Object.keys(instructedItem).sort()).toEqual(['changes', 'readyForExport', 'reply', 'sessionId', 'status', 'timeline']);
	expect(instructedItem.reply).not.toMatch(/Export & Wait node/);
	const url = /"url":"([^"]+)"/.exec(results[2].content)[1];
	expect(url).toMatch(/\/render-result\/render_[\w-]+\.mp4$/);
	expect(itemsOf(chunks, 'AI Agent').map((chunk) => chunk.content).join('')).toContain(url);
	expect(itemsOf(chunks, 'NemoVideo Send Instruction').length).toBeGreaterThanOrEqual(2); // NemoVideo's words, live in the chat
	expect(stack.simulator.log.count(RUN_SSE)).toBe(1);
	expect(stack.simulator.log.count(SUBMIT)).toBe(1);
	expect(JSON.stringify(requests)).not.toMatch(/nmv_usr_/);
}, 180_000);

test('out of credits (2001): the model receives the registration link, and no token', async () => {
	stack.simulator.setConfig({ startingCredits: 10 }); // the Poor credential's account is created by this test
	const before = model.requests.length;
	await readStreamed(`${stack.n8n.url}/webhook/${AGENT_HOOK.Poor}/chat`, { action: 'sendMessage', sessionId: 'chat-poor', chatInput: 'Make me a rainy street video' });
	const requests = model.requests.slice(before);
	const failed = toolResults(requests.at(-1)).at(-1);
	expect(failed.name).toMatch(/Send_Instruction/);
	expect(failed.content).toContain('Not enough NemoVideo credits');
	expect(failed.content).toMatch(/Register for free at https:\/\/nemovideo\.com\/register\?bind=[^ "]+ to get 100 more credits/);
	expect(JSON.stringify(requests)).not.toMatch(/nmv_usr_/);
}, 180_000);

test('n8n\'s chat shows NemoVideo\'s words as they come, before the agent\'s answer (screenshot)', async () => {
	lib.ensureDebPackages([{ command: 'chromium', package: 'chromium' }]);
	const { chromium } = require('playwright-core');
	const screenshots = path.join(ROOT, process.env.NEMO_UPDATE_SCREENSHOTS === '1' ? 'docs' : 'test-results', 'screenshots');
	fs.mkdirSync(screenshots, { recursive: true });
	const browserDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-chat-chromium-'));
	const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
	const context = await chromium.launchPersistentContext(browserDir, { executablePath: '/usr/bin/chromium', args, viewport: { width: 900, height: 1000 }, deviceScaleFactor: 2 });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await serveChatWidget(page);
		await page.goto(`${stack.n8n.url}/webhook/${AGENT_HOOK.Main}/chat`);
		const input = page.locator('textarea').first();
		await input.fill('Make me a 10-second video of a rainy street at night, with jazz');
		await input.press('Enter');
		// When each kind of text first shows: NemoVideo's (streamed by Send Instruction) and the agent's final answer.
		const firstSeen = {};
		for (const deadline = Date.now() + 120_000; !firstSeen.answer; await page.waitForTimeout(100)) {
			const text = await page.locator('body').innerText();
			if (/raw video is ready/i.test(text)) firstSeen.nemo ??= Date.now();
			if (/Your video is ready: http/.test(text)) firstSeen.answer = Date.now();
			if (Date.now() > deadline) throw new Error(`no answer in the chat; it shows: ${text.slice(0, 500)}`);
		}
		expect(firstSeen.nemo).toBeLessThan(firstSeen.answer);
		// The conversation, from the person's message to the input box.
		const from = await page.getByText('Make me a 10-second video').boundingBox();
		const viewport = page.viewportSize();
		await page.screenshot({ path: path.join(screenshots, 'chat-live-reply.png'), clip: { x: 0, y: from.y - 24, width: viewport.width, height: viewport.height - from.y + 24 } });
	} finally {
		await context.close();
		fs.rmSync(browserDir, { recursive: true, force: true });
	}
}, 300_000);
