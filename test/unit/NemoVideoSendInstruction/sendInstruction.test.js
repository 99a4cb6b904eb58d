// The Send Instruction node end to end, with n8n's HTTP helper answered from a script: state reads
// as JSON, /run_sse as a Readable of recorded-shape frames.
const { sendInstruction, runSseBody } = require('../../../nodes/NemoVideoSendInstruction/execute');
const { NemoVideoSendInstruction } = require('../../../nodes/NemoVideoSendInstruction/NemoVideoSendInstruction.node');
const { fakeContext, ok, envelopeError } = require('../shared/transport/fakeContext');
const { frames, heartbeatWire, wire, crlf, bodyOf, droppedBodyOf, hangingBodyOf, heartbeatingBody } = require('./stream/fixtures');

const SESSION = '5529798706024415232';
const video = { tt: 0, sg: [{ d: 10000, m: { start: 0, name: 'city timelapse' } }] };
const bgm = { tt: 1, sg: [{ d: 10000, m: { start: 0, name: 'Lo-fi', volume: 0.35 } }] };
const title = (text) => ({ tt: 7, sg: [{ d: 3000, m: { start: 0, text } }] });
const stateOf = (tracks) => ok({ session_id: SESSION, user_id: 'anon_0123456789abcdef', state: { video_infos: [], generated_media: [], draft: tracks ? { t: tracks, d: 10000 } : {} } });
const stream = (body) => ({ statusCode: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body });

function contextFor(answers, { parameters = {}, signal, items = [{ json: {} }], continueOnFail = false } = {}) {
	const ctx = fakeContext({ answers, signal });
	const values = { sessionId: SESSION, instruction: 'Make a 10-second city timelapse', options: { recoveryWaitSeconds: 0.01 }, ...parameters };
	ctx.getNodeParameter = (name, _itemIndex, fallback) => (name in values ? values[name] : fallback);
	ctx.getInputData = () => items;
	ctx.continueOnFail = () => continueOnFail;
	return ctx;
}
const posts = (ctx) => ctx.calls.filter((call) => call.options.method === 'POST');
const gets = (ctx) => ctx.calls.filter((call) => call.options.method === 'GET');

const twoStageGeneration = wire(
	frames.thought,
	frames.partial1,
	frames.partial2,
	frames.finalText,
	frames.generateCall,
	frames.jsonHeartbeat,
	frames.jsonHeartbeat,
	frames.generateResult,
	frames.rawReadyText,
	frames.textAndEditCall,
	frames.editResult,
	frames.summaryText,
	frames.trailer,
);

test('a generation with two-stage post-production: one request, the exact body, a clean item', async () => {
	const ctx = contextFor([stateOf(), stream(bodyOf(twoStageGeneration, 9)), stateOf([video, bgm, title('Urban Dreams')])]);
	const output = await sendInstruction(ctx, 0);

	expect(posts(ctx)).toHaveLength(1);
	const [post] = posts(ctx);
	expect(post.options.url).toBe('http://api.test/run_sse');
	expect(post.options.body).toEqual({
		app_name: 'nemo_agent',
		user_id: 'me',
		session_id: SESSION,
		new_message: { parts: [{ text: 'Make a 10-second city timelapse' }] },
	});
	expect(post.options.headers.Accept).toBe('text/event-stream');
	expect(output).toEqual({
		sessionId: SESSION,
		status: 'completed',
		reply: [
			"Sure! I'll generate a 10-second city timelapse.",
			'The raw video is ready. Adding music and a title now.',
			'Adding a title...',
			'Your video is ready! Check the timeline with the NemoVideo Get State node or run the NemoVideo Export & Wait node to save it.',
		].join('\n\n'),
		messages: expect.any(Array),
		toolCalls: [
			{ name: 'generate_video_with_seedance', status: 'success' },
			{ name: 'edit_multitrack', status: 'success' },
		],
		silent: false,
		changes: ['Added a video track: city timelapse (0-10s)', 'Added a BGM track: Lo-fi (0-10s, 35%)', 'Added a title track: "Urban Dreams" (0-3s)'],
		timeline: 'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
		readyForExport: true,
		durationMs: 10000,
	});
	// the messages are the reply's paragraphs, each once, in order, translated
	expect(output.messages).toEqual(output.reply.split('\n\n'));
	expect(output.events).toBeUndefined();
});

test('the request body is exactly the documented one', () => {
	expect(runSseBody('1', 'hi')).toEqual({ app_name: 'nemo_agent', user_id: 'me', session_id: '1', new_message: { parts: [{ text: 'hi' }] } });
});

test('a silent edit: no text, silent, and the change described', async () => {
	const ctx = contextFor([stateOf([video, bgm]), stream(bodyOf(wire(frames.editCall, frames.editResult), 5)), stateOf([video, bgm, title('Paradise Found')])]);
	const output = await sendInstruction(ctx, 0);
	expect(output).toMatchObject({ status: 'completed', reply: '', messages: [], silent: true, changes: ['Added a title track: "Paradise Found" (0-3s)'] });
	expect(output.toolCalls).toEqual([{ name: 'edit_multitrack', status: 'success' }]);
});

test('a dropped stream is recovered from the state, never re-sent', async () => {
	const ctx = contextFor([
		stateOf(),
		stream(droppedBodyOf(wire(frames.finalText, frames.generateCall, frames.jsonHeartbeat))),
		stateOf([video]),
		stateOf([video, bgm, title('Urban Dreams')]),
		stateOf([video, bgm, title('Urban Dreams')]),
	]);
	const output = await sendInstruction(ctx, 0);
	expect(posts(ctx)).toHaveLength(1);
	expect(gets(ctx)).toHaveLength(4); // before, then three recovery reads (the last confirms it settled)
	expect(output).toMatchObject({
		status: 'recovered',
		reply: "Sure! I'll generate a 10-second city timelapse.",
		toolCalls: [{ name: 'generate_video_with_seedance', status: 'running' }],
		silent: false,
		readyForExport: true,
	});
	expect(output.changes).toHaveLength(3);
});

test('a clean close while a tool is still running is treated as a drop too', async () => {
	const ctx = contextFor([stateOf(), stream(bodyOf(wire(frames.generateCall))), stateOf([video]), stateOf([video])]);
	const output = await sendInstruction(ctx, 0);
	expect(output.status).toBe('recovered');
	expect(output.silent).toBe(true);
	expect(posts(ctx)).toHaveLength(1);
});

test('a dropped stream with recovery off is a clear error that says nothing was re-sent', async () => {
	const ctx = contextFor([stateOf(), stream(droppedBodyOf(wire(frames.generateCall)))], { parameters: { options: { recoverOnDisconnect: false } } });
	await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({
		message: 'The connection to NemoVideo dropped before the agent finished',
		description: expect.stringContaining('was not sent again'),
	});
	expect(posts(ctx)).toHaveLength(1);
});

test('a dropped stream and a session that never changes: an error after five reads', async () => {
	const ctx = contextFor([stateOf(), stream(droppedBodyOf(wire(frames.generateCall))), ...Array(5).fill(stateOf())]);
	await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({
		message: 'The connection to NemoVideo dropped and the session has not changed since',
		description: expect.stringContaining('checked 5 times'),
	});
	expect(posts(ctx)).toHaveLength(1);
});

describe('heartbeats only until the idle timeout', () => {
	const options = { idleTimeoutMinutes: 0.003, recoveryWaitSeconds: 0.01 }; // 180 ms

	test('status "timeout" with what is known so far', async () => {
		const body = heartbeatingBody(20);
		const ctx = contextFor([stateOf(), stream(body), stateOf()], { parameters: { options } });
		const output = await sendInstruction(ctx, 0);
		expect(output).toMatchObject({ status: 'timeout', silent: false, changes: [], readyForExport: false });
		expect(body.destroyed).toBe(true);
	});

	test('or an error, when the user prefers', async () => {
		const ctx = contextFor([stateOf(), stream(heartbeatingBody(20))], { parameters: { options: { ...options, onTimeout: 'error' } } });
		await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({ message: 'NemoVideo sent only keep-alive signals for 0.2 seconds' });
	});

	test('the overall timeout ends a stream that keeps talking', async () => {
		const chatty = heartbeatingBody(10, `data: ${frames.thought}\n\n`);
		const ctx = contextFor([stateOf(), stream(chatty), stateOf()], { parameters: { options: { timeoutMinutes: 0.004 } } });
		const output = await sendInstruction(ctx, 0);
		expect(output.status).toBe('timeout');
	});
});

describe('a token in what the server streams never reaches the error', () => {
	/** Everything n8n shows or logs of an error: its message, description, response and cause. */
	const shown = (error) => JSON.stringify({ message: error.message, description: error.description, messages: error.messages, context: error.context, cause: error.cause });
	const secret = 'nmv_usr_0123456789abcdef.ghij';

	test("in an agent's error event", async () => {
		const errorFrame = frames.errorCode.replace('Malformed function call: edit_multitrack', `upstream said: Bearer ${secret}`);
		const ctx = contextFor([stateOf([video]), stream(bodyOf(wire(errorFrame))), stateOf([video])]);
		const error = await sendInstruction(ctx, 0).catch((e) => e);
		expect(error.message).toContain('upstream said: Bearer [token removed]');
		expect(shown(error)).not.toContain('nmv_usr_');
	});

	test("in a tool's out-of-credits message", async () => {
		const creditsFrame = frames.creditsResult.replace('Insufficient credits', `Insufficient credits for ${secret}`);
		const ctx = contextFor([stateOf(), stream(bodyOf(wire(frames.generateCall, creditsFrame)))]);
		const error = await sendInstruction(ctx, 0).catch((e) => e);
		expect(error.nemoCode).toBe(2001);
		expect(shown(error)).toContain('Insufficient credits for [token removed]');
		expect(shown(error)).not.toContain('nmv_usr_');
	});
});

describe('out of credits (2001)', () => {
	test('inside the stream: an error with the registration link', async () => {
		const ctx = contextFor([stateOf(), stream(bodyOf(wire(frames.generateCall, frames.creditsResult)))]);
		await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({
			message: 'Not enough NemoVideo credits',
			description: expect.stringContaining('https://web.test/register?bind=anon_0123456789abcdef'),
			nemoCode: 2001,
		});
	});

	test('before the stream: the same error, and no state read after', async () => {
		const ctx = contextFor([stateOf(), envelopeError(2001, 'Insufficient credits')]);
		await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({
			nemoCode: 2001,
			description: expect.stringContaining('/register?bind=anon_0123456789abcdef'),
		});
		expect(ctx.calls).toHaveLength(2);
	});
});

test('a Chinese reply with GUI phrases becomes n8n steps; the content stays', async () => {
	const ctx = contextFor([stateOf(), stream(bodyOf(wire(frames.chineseText), 1)), stateOf([video])]);
	const output = await sendInstruction(ctx, 0);
	expect(output.reply).toBe('视频已生成！您可以用 NemoVideo Get State 节点查看时间线，或使用 NemoVideo Export & Wait 节点保存。画面中一位女孩在海边奔跑。');
});

test.each(Object.keys(heartbeatWire))('heartbeat style "%s" with CRLF in tiny chunks', async (style) => {
	const text = crlf(heartbeatWire[style] + wire(frames.editCall) + heartbeatWire[style] + wire(frames.editResult, frames.summaryText) + heartbeatWire[style]);
	const ctx = contextFor([stateOf([video]), stream(bodyOf(text, 3)), stateOf([video, title('A')])], { parameters: { options: { includeEvents: true } } });
	const output = await sendInstruction(ctx, 0);
	expect(output.status).toBe('completed');
	expect(output.messages).toHaveLength(1);
	expect(output.events.filter((event) => event.type === 'heartbeat')).toHaveLength(3);
	expect(output.events.map((event) => event.type)).toEqual(['heartbeat', 'toolCall', 'heartbeat', 'toolResult', 'text', 'heartbeat']);
});

test.each([
	['an invalid-JSON error event', frames.errorInvalidJson, 'boom "quoted"'],
	['an errorCode event', frames.errorCode, 'Malformed function call: edit_multitrack [MALFORMED_FUNCTION_CALL]'],
	['a system error event', frames.systemError, 'something failed'],
])('the agent stopping with %s is an error naming it', async (_name, errorFrame, message) => {
	const ctx = contextFor([stateOf([video]), stream(bodyOf(wire(frames.editCall, errorFrame))), stateOf([video])]);
	await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({ message: `The NemoVideo agent stopped with an error: ${message}` });
	expect(posts(ctx)).toHaveLength(1);
});

test('cancelling the execution closes the stream at once', async () => {
	const controller = new AbortController();
	const body = hangingBodyOf(wire(frames.generateCall));
	const ctx = contextFor([stateOf(), stream(body)], { signal: controller.signal });
	const running = sendInstruction(ctx, 0);
	setTimeout(() => controller.abort(), 50);
	const started = Date.now();
	await expect(running).rejects.toThrow('The execution was cancelled');
	expect(Date.now() - started).toBeLessThan(300);
	expect(body.destroyed).toBe(true);
});

test('with both checks off, the state is read only after the instruction', async () => {
	const ctx = contextFor([stream(bodyOf(wire(frames.summaryText))), stateOf([video])], {
		parameters: { options: { checkSilentEdits: false, recoverOnDisconnect: false } },
	});
	const output = await sendInstruction(ctx, 0);
	expect(ctx.calls.map((call) => call.options.method)).toEqual(['POST', 'GET']);
	expect(output.changes).toEqual([]);
});

test('an empty instruction is refused before anything is sent', async () => {
	const ctx = contextFor([], { parameters: { instruction: '  ' } });
	await expect(sendInstruction(ctx, 0)).rejects.toMatchObject({ message: 'No instruction' });
	expect(ctx.calls).toHaveLength(0);
});

describe('the node', () => {
	test('describes itself for people and AI agents', () => {
		const { description } = new NemoVideoSendInstruction();
		expect(description.name).toBe('nemoVideoSendInstruction');
		expect(description.usableAsTool).toBe(true);
		const options = description.properties.find((p) => p.name === 'options').options;
		expect(Object.fromEntries(options.map((o) => [o.name, o.default]))).toMatchObject({
			timeoutMinutes: 15,
			idleTimeoutMinutes: 10,
			checkSilentEdits: true,
			recoverOnDisconnect: true,
			includeEvents: false,
		});
		expect(description.properties.find((p) => p.name === 'sessionId').default).toBe('={{ $json.sessionId }}');
	});

	test('one conversation per item, paired, and continue-on-fail turns a failure into an error item', async () => {
		const ctx = contextFor(
			[stateOf(), stream(bodyOf(wire(frames.summaryText))), stateOf([video]), stateOf(), envelopeError(1002, 'Session not found')],
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		const [items] = await new NemoVideoSendInstruction().execute.call(ctx);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.status).toBe('completed');
		expect(items[1].json.error).toBe('NemoVideo session not found');
		expect(posts(ctx)).toHaveLength(2);
	});
});
