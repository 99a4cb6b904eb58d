// NemoVideo Send Instruction in a real n8n 2.41.1 (the package installed from its tarball), run
// from the editor against the simulator: a generation with two-stage post-production, a silent
// edit, a dropped stream recovered with a single /run_sse request, heartbeats until the idle
// timeout, 2001 with the registration link, a Chinese reply with its GUI phrases translated, and
// every heartbeat style with CRLF and tiny chunks; no token in anything n8n shows.
const { startStack } = require('./support/stack');
const { chainWorkflow, nodeOutput, nodeError } = require('../../scripts/lib');

const RUN_SSE = { method: 'POST', path: '/run_sse' };
const GUI_WORDS = /\bclick\b|\bpanel\b|\bdrag\b|点击|面板|拖拽|拖动/i;
const GENERATE = 'Generate a 10-second video of a city timelapse at night #sim-verbose #sim-no-trailer';
const GENERATE_ZH = '生成一段10秒的城市夜景视频 #sim-verbose #sim-no-trailer';

// What every test starts from; a test changes only what its scenario needs. A thousandth of real
// time: a generation (100-300 s) takes a fraction of a second, heartbeats come every 15 ms.
const BASELINE = {
	timeScale: 0.001,
	startingCredits: 100_000,
	trailerRate: 0,
	silentEditRate: 0,
	heartbeatStyle: 'json',
	heartbeatIntervalMs: 15_000,
	lineEnding: 'lf',
	chunking: 'event',
	dropStreamAfterEvents: null,
	creditsErrorWhere: 'before',
	errorMapping: 'envelope',
};

const createSession = (language = 'en') => ({ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { language, options: { claimLink: false } } });
const send = (name, instruction, options = {}) => ({ type: 'nemoVideoSendInstruction', name, parameters: { instruction, options } });

let stack;
/** Every execution n8n returned, scanned for tokens at the end. */
const shown = [];

beforeAll(async () => {
	stack = await startStack({
		simulator: { ...BASELINE, seed: 7 },
		// Poor is first used by the 2001 test, so its anonymous account starts with few credits.
		credentials: { Main: {}, Poor: {} },
		workflows: ({ Main, Poor }) => {
			const flow = (id, steps, credential = Main) => chainWorkflow({ id, name: id, steps, credential });
			return [
				flow('wfGenerate', [createSession(), send('Send Instruction', GENERATE)]),
				flow('wfSilentEdit', [createSession(), send('Generate', GENERATE), send('Edit Title', 'Change the title to "Paradise Found"')]),
				flow('wfRecover', [createSession(), send('Send Instruction', GENERATE, { recoveryWaitSeconds: 0.5 })]),
				flow('wfIdle', [createSession(), send('Send Instruction', GENERATE, { idleTimeoutMinutes: 0.05 })]),
				flow('wfCredits', [createSession(), send('Send Instruction', GENERATE)], Poor),
				// A question after the generation: the agent answers "……视频完成后点击导出即可。"
				flow('wfChinese', [createSession('zh-CN'), send('Generate', GENERATE_ZH), send('Ask', '你能做什么？', { includeEvents: true })]),
				flow('wfHeartbeats', [createSession(), send('Send Instruction', GENERATE, { includeEvents: true })]),
			];
		},
	});
}, 10 * 60_000);

afterAll(async () => {
	await stack?.close();
});

beforeEach(() => {
	stack.simulator.setConfig(BASELINE);
	stack.simulator.log.clear();
});

/** Runs a workflow as the editor's Execute button does; resolves to the execution (status, data). */
async function run(workflowId) {
	const execution = await stack.n8n.runWorkflow(workflowId, { timeoutMs: 60_000 });
	shown.push(JSON.stringify(execution));
	return execution;
}

/** The one item `nodeName` output (main output), with the node's run time. */
function outputOf(execution, nodeName) {
	expect({ nodeName, status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ nodeName, status: 'success', error: undefined });
	const items = nodeOutput(execution.data, nodeName);
	expect(items).toHaveLength(1);
	return items[0];
}

const runTimeOf = (execution, nodeName) => execution.data.resultData.runData[nodeName].at(-1).executionTime;

async function simulatedSession(sessionId) {
	return await (await fetch(`${stack.simulator.url}/__sim/sessions/${sessionId}`)).json();
}

test('a generation with two-stage post-production: completed, the reply translated, the timeline after', async () => {
	const execution = await run('wfGenerate');
	const item = outputOf(execution, 'Send Instruction');
	const { sessionId } = outputOf(execution, 'Create Session').json;
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(Object.keys(item.json).sort()).toEqual(['changes', 'durationMs', 'messages', 'readyForExport', 'reply', 'sessionId', 'silent', 'status', 'timeline', 'toolCalls']);
	expect(item.json).toMatchObject({ sessionId, status: 'completed', silent: false, readyForExport: true, durationMs: 10_000 });
	expect(item.json.toolCalls).toEqual([
		{ name: 'generate_video_with_seedance', status: 'success' },
		{ name: 'edit_multitrack', status: 'success' },
	]);
	expect(item.json.messages.length).toBeGreaterThanOrEqual(3); // the acknowledgement, the raw video, the summary
	expect(item.json.reply).toBe(item.json.messages.join('\n\n'));
	expect(item.json.reply).not.toMatch(GUI_WORDS);
	expect(item.json.reply).toMatch(/NemoVideo (Get State|Export & Wait)/);
	expect(item.json.timeline).toMatch(/^Timeline \(3 tracks\): 1\. Video: .+ 2\. BGM: .+ 3\. Title: ".+"/);
	expect(item.json.changes).toEqual(
		expect.arrayContaining([expect.stringMatching(/^Added a video track/), expect.stringMatching(/^Added a BGM track/), expect.stringMatching(/^Added a title track/)]),
	);

	const requests = stack.simulator.log.filter(RUN_SSE);
	expect(requests).toHaveLength(1);
	expect(requests[0].body).toEqual({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text: GENERATE }] } });
});

test('a silent edit (silentEditRate 1): no text, silent, and changes[] names the new title', async () => {
	stack.simulator.setConfig({ silentEditRate: 1 });
	const execution = await run('wfSilentEdit');
	const generated = outputOf(execution, 'Generate');
	expect(generated.json).toMatchObject({ status: 'completed', silent: false });
	const item = outputOf(execution, 'Edit Title');
	expect(item.json).toMatchObject({ status: 'completed', silent: true, reply: '', messages: [], readyForExport: true });
	expect(item.json.toolCalls).toEqual([{ name: 'edit_multitrack', status: 'success' }]);
	expect(item.json.changes).toEqual([expect.stringMatching(/^Title text changed from ".+" to "Paradise Found"$/)]);
	expect(item.json.timeline).toContain('3. Title: "Paradise Found"');
	expect(stack.simulator.log.count(RUN_SSE)).toBe(2); // one per instruction
});

test('a dropped stream is recovered from the state with exactly one /run_sse request', async () => {
	stack.simulator.setConfig({ dropStreamAfterEvents: 2 });
	const execution = await run('wfRecover');
	const item = outputOf(execution, 'Send Instruction');
	const requests = stack.simulator.log.filter(RUN_SSE);
	expect(requests).toHaveLength(1);
	expect(requests[0].droppedByServer).toBe(true);
	expect(item.json).toMatchObject({ status: 'recovered', readyForExport: true });
	expect(item.json.timeline).toMatch(/^Timeline \(3 tracks\): 1\. Video: .+ 2\. BGM: .+ 3\. Title: /);
	expect(item.json.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^Added a video track/), expect.stringMatching(/^Added a title track/)]));
	// The node read the state while waiting (a GET per poll), and never sent the instruction again.
	expect(stack.simulator.log.count({ method: 'GET', path: /^\/api\/state\// })).toBeGreaterThanOrEqual(3);
});

test('heartbeats only: the idle timeout ends the wait with status "timeout"; the run goes on server-side', async () => {
	// A tenth of real time: generation takes 10-30 s of heartbeats every 0.5 s; the idle limit is 3 s.
	stack.simulator.setConfig({ timeScale: 0.1, heartbeatIntervalMs: 5000 });
	const execution = await run('wfIdle');
	const item = outputOf(execution, 'Send Instruction');
	const { sessionId } = outputOf(execution, 'Create Session').json;
	expect(item.json).toMatchObject({ status: 'timeout', silent: false, readyForExport: false });
	expect(item.json.toolCalls).toEqual([{ name: 'generate_video_with_seedance', status: 'running' }]);
	expect(item.json.messages.length).toBeGreaterThanOrEqual(1); // what the agent said before the long tool run
	expect(runTimeOf(execution, 'Send Instruction')).toBeGreaterThanOrEqual(3000);
	expect(runTimeOf(execution, 'Send Instruction')).toBeLessThan(9000);
	expect(stack.simulator.log.count(RUN_SSE)).toBe(1);
	const view = await simulatedSession(sessionId);
	expect(view.runs[0]).toMatchObject({ status: 'running', listening: false });
}, 60_000);

describe.each([
	['before', 'before'],
	['inside', 'stream'],
])('2001 (out of credits %s the stream)', (_words, where) => {
	test('the node fails with the registration link of the anonymous account', async () => {
		// Poor's account is opened by its first run, with these credits: less than a generation costs.
		stack.simulator.setConfig({ startingCredits: 20, creditsErrorWhere: where });
		const execution = await run('wfCredits');
		expect(execution.status).toBe('error');
		const { userId } = nodeOutput(execution.data, 'Create Session')[0].json;
		expect(userId).toMatch(/^anon_/);
		const error = nodeError(execution.data, 'Send Instruction');
		expect(error.message).toBe('Not enough NemoVideo credits');
		expect(error.description).toContain(`https://nemovideo.com/register?bind=${userId}`);
		expect(stack.simulator.log.count(RUN_SSE)).toBe(1);
	});
});

test('a Chinese reply: "点击导出" becomes NemoVideo Export & Wait, the rest stays Chinese', async () => {
	const execution = await run('wfChinese');
	const generated = outputOf(execution, 'Generate');
	expect(generated.json.status).toBe('completed');
	const item = outputOf(execution, 'Ask');
	expect(item.json.status).toBe('completed');
	// What the agent sent (the raw events) told the user to click Export; the reply does not.
	const said = item.json.events.filter((event) => event.type === 'text').map((event) => event.text).join('\n');
	expect(said).toContain('点击导出');
	for (const reply of [generated.json.reply, item.json.reply]) {
		expect(reply).toMatch(/[\u4e00-\u9fff]/);
		expect(reply).not.toContain('点击导出');
		expect(reply).not.toMatch(GUI_WORDS);
	}
	expect(item.json.reply).toContain('NemoVideo Export & Wait');
	expect(generated.json.reply).toContain('NemoVideo Export & Wait');
	expect(item.json.reply).toContain('生成视频'); // the description of what the agent can do stays
});

describe('every heartbeat style, with CRLF line endings and tiny chunks', () => {
	test.each(['json', 'empty', 'empty-space', 'comment', 'ping', 'mixed'])('%s', async (heartbeatStyle) => {
		stack.simulator.setConfig({ heartbeatStyle, lineEnding: 'crlf', chunking: 'tiny', heartbeatIntervalMs: 5000 });
		const execution = await run('wfHeartbeats');
		const item = outputOf(execution, 'Send Instruction');
		expect(item.json).toMatchObject({ status: 'completed', silent: false, readyForExport: true });
		expect(item.json.toolCalls).toEqual([
			{ name: 'generate_video_with_seedance', status: 'success' },
			{ name: 'edit_multitrack', status: 'success' },
		]);
		expect(item.json.events.filter((event) => event.type === 'heartbeat').length).toBeGreaterThan(3);
		expect(item.json.events.filter((event) => event.type === 'unreadable')).toEqual([]);
		expect(item.json.messages.length).toBeGreaterThanOrEqual(3);
		expect(item.json.reply).not.toMatch(GUI_WORDS);
		expect(stack.simulator.log.count(RUN_SSE)).toBe(1);
	});
});

test('no token (nmv_usr_…) appears in any execution n8n shows, nor in its log', async () => {
	// The check means something only if a token exists and was used.
	const stored = await stack.n8n.getCredentialData(stack.credentials.Main.id);
	expect(stored.sessionToken).toMatch(/^nmv_usr_/);
	const executions = await stack.n8n.rest.request('GET', '/rest/executions?limit=100');
	const all = executions.results ?? executions;
	expect(all.length).toBeGreaterThanOrEqual(13);
	for (const summary of all) shown.push(JSON.stringify(await stack.n8n.getExecution(summary.id)));
	for (const text of shown) expect(text).not.toContain('nmv_usr_');
	expect(stack.n8n.logs()).not.toContain('nmv_usr_');
});
