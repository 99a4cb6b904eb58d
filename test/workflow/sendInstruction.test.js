// NemoVideo Send Instruction inside n8n-core's real engine, against the simulator: two-stage
// generation, a silent edit, a dropped stream recovered without a second request, heartbeats until
// the idle timeout, 2001 before and inside the stream, a Chinese reply, in-stream errors,
// cancellation, and every heartbeat style with CRLF and tiny chunks.
const { startSimulator } = require('../../simulator');
const { createRunner, chain } = require('./harness');

const RUN_SSE = { method: 'POST', path: '/run_sse' };
const GUI_WORDS = /\bclick\b|\bpanel\b|\bdrag\b|点击|面板|拖拽|拖动/i;
const GENERATE = 'Generate a 10-second video of a city timelapse at night #sim-verbose #sim-no-trailer';

let simulator;
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.001, seed: 11 });
});
afterAll(async () => {
	await simulator?.close();
});
beforeEach(() => {
	simulator.reset();
	simulator.setConfig({ startingCredits: 1000, trailerRate: 0 });
});

async function newSession({ language = 'en' } = {}) {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const { outputs } = await runner.run(
		chain([{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { language, options: { claimLink: false } } }]),
	);
	return { runner, sessionId: outputs['Create Session'][0].json.sessionId };
}

const send = (sessionId, instruction, options = {}, extra = {}) => ({
	type: 'nemoVideoSendInstruction',
	name: 'Send Instruction',
	parameters: { sessionId, instruction, options: { recoveryWaitSeconds: 0.2, ...options } },
	...extra,
});

async function instruct(runner, sessionId, instruction, options, extra) {
	const result = await runner.run(chain([send(sessionId, instruction, options, extra)]));
	return { ...result, item: result.outputs['Send Instruction']?.[0] };
}

async function sessionView(sessionId) {
	return await (await fetch(`${simulator.url}/__sim/sessions/${sessionId}`)).json();
}

test('a generation with two-stage post-production: one request, the reply translated, the timeline after', async () => {
	const { runner, sessionId } = await newSession();
	simulator.log.clear();
	const { item, errors } = await instruct(runner, sessionId, GENERATE);
	expect(errors).toEqual({});
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(Object.keys(item.json).sort()).toEqual(
		['changes', 'durationMs', 'messages', 'readyForExport', 'reply', 'sessionId', 'silent', 'status', 'timeline', 'toolCalls'].sort(),
	);
	expect(item.json).toMatchObject({ sessionId, status: 'completed', silent: false, readyForExport: true, durationMs: 10000 });
	expect(item.json.toolCalls).toEqual([
		{ name: 'generate_video_with_seedance', status: 'success' },
		{ name: 'edit_multitrack', status: 'success' },
	]);
	expect(item.json.messages.length).toBeGreaterThanOrEqual(3); // ack, raw video ready, summary
	expect(item.json.reply).toBe(item.json.messages.join('\n\n'));
	expect(item.json.reply).not.toMatch(GUI_WORDS);
	expect(item.json.reply).toMatch(/NemoVideo (Get State|Export & Wait)/);
	expect(item.json.timeline).toMatch(/^Timeline \(3 tracks\): 1\. Video: .+ 2\. BGM: .+ 3\. Title: ".+"/);
	expect(item.json.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^Added a video track/), expect.stringMatching(/^Added a BGM track/), expect.stringMatching(/^Added a title track/)]));
	expect(simulator.log.count(RUN_SSE)).toBe(1);
	expect(simulator.log.filter(RUN_SSE)[0].body).toEqual({
		app_name: 'nemo_agent',
		user_id: 'me',
		session_id: sessionId,
		new_message: { parts: [{ text: GENERATE }] },
	});
	expect(JSON.stringify(item.json)).not.toMatch(/nmv_usr_/);
});

test('a silent edit: no text, silent, and the change described from the state', async () => {
	const { runner, sessionId } = await newSession();
	await instruct(runner, sessionId, GENERATE);
	const { item, errors } = await instruct(runner, sessionId, 'Change the title to "Paradise Found" #sim-silent');
	expect(errors).toEqual({});
	expect(item.json).toMatchObject({ status: 'completed', silent: true, reply: '', messages: [] });
	expect(item.json.toolCalls).toEqual([{ name: 'edit_multitrack', status: 'success' }]);
	expect(item.json.changes).toEqual([expect.stringMatching(/^Title text changed from ".+" to "Paradise Found"$/)]);
	expect(item.json.timeline).toContain('"Paradise Found"');
});

test('a dropped stream is recovered from the state with exactly one /run_sse request', async () => {
	const { runner, sessionId } = await newSession();
	simulator.setConfig({ dropStreamAfterEvents: 2 });
	simulator.log.clear();
	const { item, errors } = await instruct(runner, sessionId, GENERATE);
	expect(errors).toEqual({});
	expect(simulator.log.count(RUN_SSE)).toBe(1);
	expect(simulator.log.filter(RUN_SSE)[0].droppedByServer).toBe(true);
	expect(item.json).toMatchObject({ status: 'recovered', readyForExport: true });
	expect(item.json.timeline).toMatch(/^Timeline \(3 tracks\)/);
	expect(item.json.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^Added a video track/), expect.stringMatching(/^Added a title track/)]));
});

test('a dropped stream with recovery off is an error that says nothing was re-sent', async () => {
	const { runner, sessionId } = await newSession();
	simulator.setConfig({ dropStreamAfterEvents: 1 });
	simulator.log.clear();
	const { errors } = await instruct(runner, sessionId, GENERATE, { recoverOnDisconnect: false });
	expect(errors['Send Instruction'].message).toBe('The connection to NemoVideo dropped before the agent finished');
	expect(errors['Send Instruction'].description).toContain('was not sent again');
	expect(simulator.log.count(RUN_SSE)).toBe(1);
});

describe('heartbeats only until the idle timeout', () => {
	// Generation takes 100-300 s of heartbeats every 15 s; at a tenth of real time that is 10-30 s
	// with a heartbeat every 1.5 s, and the idle limit (1.2 s... of progress) falls inside it.
	const idle = { idleTimeoutMinutes: 0.05 }; // 3 s

	test('status "timeout", with the text so far and the state as it is', async () => {
		const { runner, sessionId } = await newSession();
		simulator.setConfig({ timeScale: 0.1, heartbeatIntervalMs: 5000 });
		simulator.log.clear();
		const started = Date.now();
		const { item, errors } = await instruct(runner, sessionId, GENERATE, idle);
		expect(errors).toEqual({});
		expect(Date.now() - started).toBeLessThan(9000);
		expect(item.json).toMatchObject({ status: 'timeout', silent: false });
		expect(item.json.toolCalls).toEqual([{ name: 'generate_video_with_seedance', status: 'running' }]);
		expect(item.json.messages.length).toBeGreaterThanOrEqual(1);
		expect(simulator.log.count(RUN_SSE)).toBe(1);
		const view = await sessionView(sessionId);
		expect(view.runs[0]).toMatchObject({ status: 'running', listening: false });
	}, 30_000);

	test('or an error, when the user prefers', async () => {
		const { runner, sessionId } = await newSession();
		simulator.setConfig({ timeScale: 0.1, heartbeatIntervalMs: 5000 });
		const { errors } = await instruct(runner, sessionId, GENERATE, { ...idle, onTimeout: 'error' });
		expect(errors['Send Instruction'].message).toBe('NemoVideo sent only keep-alive signals for 3 seconds');
		expect(errors['Send Instruction'].description).toContain('NemoVideo Get State');
		expect(simulator.log.count(RUN_SSE)).toBe(1);
	}, 30_000);
});

describe.each(['before', 'stream'])('2001 (credits error %s the stream)', (where) => {
	test.each(['envelope', 'strict'])('an error with the registration link (%s error mapping)', async (errorMapping) => {
		simulator.setConfig({ startingCredits: 20, creditsErrorWhere: where, errorMapping });
		const { runner, sessionId } = await newSession();
		// Continue On Fail: the failure becomes an item, paired with its input.
		const { outputs } = await runner.run(chain([send(sessionId, GENERATE, {}, { onError: 'continueRegularOutput' })]));
		const [failure] = outputs['Send Instruction'];
		const userId = runner.credentials.stored().anonymousUserId;
		expect(failure.json.error).toBe('Not enough NemoVideo credits');
		expect(failure.json.description).toContain(`https://nemovideo.com/register?bind=${userId}`);
		expect(failure.pairedItem).toEqual({ item: 0 });
		expect(simulator.log.count(RUN_SSE)).toBe(1);
	});
});

test('a Chinese reply: GUI phrases become n8n steps, the rest stays Chinese', async () => {
	const { runner, sessionId } = await newSession({ language: 'zh-CN' });
	const { item, errors } = await instruct(runner, sessionId, '生成一段10秒的城市夜景视频 #sim-verbose #sim-no-trailer');
	expect(errors).toEqual({});
	expect(item.json.status).toBe('completed');
	expect(item.json.reply).toMatch(/[\u4e00-\u9fff]/);
	expect(item.json.reply).not.toMatch(GUI_WORDS);
	expect(item.json.reply).toContain('NemoVideo Get State 节点');
	expect(item.json.reply).toContain('NemoVideo Export & Wait 节点');
});

test.each([
	['#sim-error-quoted', 'boom "quoted"'],
	['#sim-error-legacy', "Last event shouldn't be partial"],
	['#sim-error-code', 'MALFORMED_FUNCTION_CALL'],
	['#sim-error-system', 'Something went wrong while processing your request.'],
])('the agent stopping with an in-stream error (%s) is an error naming it', async (magic, words) => {
	const { runner, sessionId } = await newSession();
	const { errors } = await instruct(runner, sessionId, `${GENERATE} ${magic}`);
	expect(errors['Send Instruction'].message).toMatch(/^The NemoVideo agent stopped with an error: /);
	expect(errors['Send Instruction'].message).toContain(words);
	// newer ADK's system events say "Error: …": the prefix is the event's, not part of the message
	expect(errors['Send Instruction'].message).not.toContain('Error: Something');
	expect(simulator.log.count(RUN_SSE)).toBe(1);
});

test('the temporary-issue trailer is dropped after a normal reply', async () => {
	const { runner, sessionId } = await newSession();
	const { item } = await instruct(runner, sessionId, 'Generate a 10-second video of a forest #sim-verbose #sim-trailer', { includeEvents: true });
	expect(item.json.status).toBe('completed');
	// the agent did send the trailer (the events show it), and the reply left it out
	expect(item.json.events).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'text', text: expect.stringMatching(/^I encountered a temporary issue/) })]));
	expect(item.json.reply).not.toContain('temporary issue');
	expect(item.json.messages.length).toBeGreaterThan(0);
});

test('cancelling the execution closes the stream at once; the run goes on server-side', async () => {
	const { runner, sessionId } = await newSession();
	simulator.setConfig({ timeScale: 0.1, heartbeatIntervalMs: 5000 });
	const execution = runner.start(chain([send(sessionId, GENERATE)]));
	// wait until the stream is open and the agent is working
	for (let tries = 0; tries < 100 && !(await sessionView(sessionId)).runs?.[0]?.listening; tries++) await new Promise((r) => setTimeout(r, 50));
	const cancelledAt = Date.now();
	execution.cancel();
	await execution.result.catch(() => undefined);
	expect(Date.now() - cancelledAt).toBeLessThan(1000);
	let view = await sessionView(sessionId);
	for (let tries = 0; tries < 20 && view.runs[0].listening; tries++) {
		await new Promise((r) => setTimeout(r, 50));
		view = await sessionView(sessionId);
	}
	expect(view.runs[0]).toMatchObject({ status: 'running', listening: false });
	expect(simulator.log.count(RUN_SSE)).toBe(1);
}, 30_000);

describe('every heartbeat style, with CRLF line endings and tiny chunks', () => {
	test.each(['json', 'empty', 'empty-space', 'comment', 'ping', 'mixed'])('%s', async (heartbeatStyle) => {
		const { runner, sessionId } = await newSession();
		simulator.setConfig({ heartbeatStyle, lineEnding: 'crlf', chunking: 'tiny', heartbeatIntervalMs: 5000 });
		const { item, errors } = await instruct(runner, sessionId, GENERATE, { includeEvents: true });
		expect(errors).toEqual({});
		expect(item.json).toMatchObject({ status: 'completed', readyForExport: true });
		expect(item.json.toolCalls).toEqual([
			{ name: 'generate_video_with_seedance', status: 'success' },
			{ name: 'edit_multitrack', status: 'success' },
		]);
		expect(item.json.events.filter((event) => event.type === 'heartbeat').length).toBeGreaterThan(3);
		expect(item.json.events.filter((event) => event.type === 'unreadable')).toEqual([]);
		expect(item.json.reply).not.toMatch(GUI_WORDS);
	});
});

test.each([
	['the legacy simplified format', { sseFormat: 'simplified' }],
	['the newer ADK flavour', { adkFlavor: 'new' }],
	['LiteLLM-style aggregates', { finalPartialFlag: 'false' }],
])('%s', async (_name, config) => {
	const { runner, sessionId } = await newSession();
	simulator.setConfig(config);
	const { item, errors } = await instruct(runner, sessionId, GENERATE);
	expect(errors).toEqual({});
	expect(item.json).toMatchObject({ status: 'completed', silent: false, readyForExport: true });
	expect(item.json.toolCalls.map((call) => call.status)).toEqual(['success', 'success']);
});

describe('the reply, live, when the execution streams its response', () => {
	/** Runs the instruction with streaming on; each chunk is kept with whether /run_sse was still open when it came. */
	async function instructStreaming(runner, sessionId, instruction, options) {
		const chunks = [];
		const onChunk = (chunk) => chunks.push({ ...chunk, streamOpen: simulator.log.last(RUN_SSE)?.durationMs === null });
		const result = await runner.run(chain([send(sessionId, instruction, options)]), { onChunk });
		return { ...result, item: result.outputs['Send Instruction']?.[0], chunks };
	}
	const contents = (chunks) => chunks.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content.trim());

	test('each message is sent once as it arrives, translated, without thoughts or trailer; the item still comes', async () => {
		const { runner, sessionId } = await newSession();
		simulator.setConfig({ timeScale: 0.004, trailerRate: 1 }); // post-production: 40 to 120 ms after the second message
		const { item, errors, chunks } = await instructStreaming(runner, sessionId, `${GENERATE.replace(' #sim-no-trailer', '')} #sim-thought`, { includeEvents: true });
		expect(errors).toEqual({});
		// the agent did think and did send the trailer
		expect(item.json.events).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'thought' }), expect.objectContaining({ type: 'text', text: expect.stringMatching(/^I encountered a temporary issue/) })]));
		delete item.json.events;
		expect(chunks.map((chunk) => chunk.type)).toEqual(['begin', ...item.json.messages.map(() => 'item'), 'end']);
		expect(contents(chunks)).toEqual(item.json.messages); // no partial duplicates, no thoughts, no trailer
		expect(chunks.map((chunk) => chunk.content ?? '').join('')).toBe(item.json.reply); // joined as the output joins them
		expect(contents(chunks).join(' ')).not.toMatch(GUI_WORDS);
		expect(chunks.every((chunk) => chunk.metadata.nodeName === 'Send Instruction' && chunk.metadata.itemIndex === 0)).toBe(true);
		expect(chunks.filter((chunk) => chunk.type === 'item' && chunk.streamOpen).length).toBeGreaterThanOrEqual(2);
		expect(simulator.log.count(RUN_SSE)).toBe(1);
	});

	test('a silent edit sends what changed', async () => {
		const { runner, sessionId } = await newSession();
		await instruct(runner, sessionId, GENERATE);
		const { item, chunks } = await instructStreaming(runner, sessionId, 'Change the title to "Paradise Found" #sim-silent');
		expect(item.json.silent).toBe(true);
		expect(contents(chunks)).toEqual([item.json.changes.join('\n')]);
		expect(contents(chunks)[0]).toMatch(/^Title text changed from ".+" to "Paradise Found"$/);
	});

	test('a recovered stream sends the words it got, then what changed', async () => {
		const { runner, sessionId } = await newSession();
		simulator.setConfig({ dropStreamAfterEvents: 2 });
		const { item, chunks } = await instructStreaming(runner, sessionId, GENERATE);
		expect(item.json.status).toBe('recovered');
		expect(contents(chunks).at(-1)).toBe(item.json.changes.join('\n'));
		expect(chunks.at(-1).type).toBe('end');
	});

	test('Stream Reply off: nothing is sent', async () => {
		const { runner, sessionId } = await newSession();
		const { item, chunks } = await instructStreaming(runner, sessionId, GENERATE, { streamReply: false });
		expect(item.json.messages.length).toBeGreaterThan(0);
		expect(chunks).toEqual([]);
	});
});
