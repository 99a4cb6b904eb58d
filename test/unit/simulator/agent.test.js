// What the simulated agent does (docs/api.md#run-sse, #state, #credits): two-stage generation, silent
// edits, runs that outlive their connection, duplicate charges, 2001 before or in the stream.
const { useSimulator, newSession, getState, balance, call, eventually, sleep } = require('./helpers');
const { runSse, runBody, partsOf, visibleTexts } = require('./sseClient');

const sim = useSimulator({ timeScale: 0.002 }, { trailerRate: 0 });

const kindOf = (event) => {
	const parts = event.content?.parts ?? [];
	if (parts.some((p) => p.functionCall)) return `call:${parts.find((p) => p.functionCall).functionCall.name}`;
	if (parts.some((p) => p.functionResponse)) return `result:${parts[0].functionResponse.name}`;
	if (parts.some((p) => p.thought)) return 'thought';
	return 'text';
};

/** A session with a generated, post-produced video in its draft, and credits left for edits. */
async function sessionWithVideo(credits = 1000, language = 'en') {
	sim.setConfig({ startingCredits: credits });
	const session = await newSession(sim, { language });
	await runSse(sim, session.token, session.sessionId, 'Make a 10-second video of a beach at sunset #sim-verbose');
	return session;
}

test('two-stage generation: the raw video is in state before BGM and title arrive, in the documented order (docs/api.md#run-sse)', async () => {
	sim.setConfig({ thoughtRate: 0, mixedTextCallRate: 0, silentEditRate: 0 });
	const { token, sessionId } = await newSession(sim);
	let stateAtStage1;
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a city timelapse at night', {
		onEvent: async (event) => {
			if (kindOf(event) === 'result:generate_video_with_seedance') stateAtStage1 = await getState(sim, token, sessionId);
		},
	});
	expect(result.events.map(kindOf)).toEqual([
		'text',
		'call:generate_video_with_seedance',
		'result:generate_video_with_seedance',
		'text',
		'call:edit_multitrack',
		'result:edit_multitrack',
		'text',
	]);
	expect(stateAtStage1.draft.t.map((track) => track.tt)).toEqual([0]);
	expect(stateAtStage1.generated_media).toHaveLength(1);

	const stage1Delta = result.events[2].actions.stateDelta.draft;
	expect(stage1Delta.t.map((track) => track.tt)).toEqual([0]);
	const call = result.events[1].content.parts[0].functionCall;
	expect(call.args).toEqual({ prompt: 'a city timelapse at night', duration: 10, aspect_ratio: '9:16' });
	expect(result.events[2].content.parts[0].functionResponse.id).toBe(call.id);

	const state = await getState(sim, token, sessionId);
	expect(state.draft.t.map((track) => track.tt)).toEqual([0, 1, 7]);
	expect(state.draft.d).toBe(10000);
	const [video, bgm, title] = state.draft.t.map((track) => track.sg[0]);
	expect(video).toEqual({ d: 10000, m: { start: 0, name: 'a city timelapse at night', src: expect.stringMatching(/\/gen\/[0-9a-f]+\.mp4$/) } });
	expect(bgm.m).toEqual({ start: 0, name: expect.any(String), volume: 0.35 });
	expect(title).toEqual({ d: 3000, m: { start: 0, text: 'City Timelapse At Night' } });
	expect(state.canvas_config).toEqual({ width: 1080, height: 1920, aspect_ratio: '9:16' });
	expect(state.generated_media[0]).toMatchObject({ type: 'video', tool: 'generate_video_with_seedance', duration: 10 });
	expect(visibleTexts(result.events).join(' ')).toMatch(/Timeline panel|click Export|timeline/i);
});

test('generation freezes 100 credits while it runs, then consumes them', async () => {
	const { token, sessionId } = await newSession(sim);
	let during;
	await runSse(sim, token, sessionId, 'Make a video of a mountain', {
		onEvent: async (event) => {
			if (kindOf(event) === 'call:generate_video_with_seedance') {
				await sleep(20);
				during = await balance(sim, token);
			}
		},
	});
	expect(during).toEqual({ available: 0, frozen: 100, total: 100 });
	expect(await balance(sim, token)).toEqual({ available: 0, frozen: 0, total: 0 });
});

test('a failed generation gives the frozen credits back', async () => {
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a video of a mountain #sim-fail');
	const response = partsOf(result.events).find((p) => p.functionResponse)?.functionResponse;
	expect(response.response.status).toBe('error');
	expect(await balance(sim, token)).toEqual({ available: 100, frozen: 0, total: 100 });
	expect((await getState(sim, token, sessionId)).draft).toEqual({});
});

test('a silent edit carries only functionCall/functionResponse, an empty stateDelta, and still changes the state', async () => {
	const { token, sessionId } = await sessionWithVideo();
	sim.setConfig({ silentEditRate: 1, trailerRate: 1 });
	const before = await getState(sim, token, sessionId);
	const result = await runSse(sim, token, sessionId, 'Change the title to "Paradise Found"');
	expect(result.events.map(kindOf)).toEqual(['call:edit_multitrack', 'result:edit_multitrack']);
	expect(partsOf(result.events).some((p) => typeof p.text === 'string')).toBe(false);
	expect(result.events[1].actions.stateDelta).toEqual({});
	const after = await getState(sim, token, sessionId);
	expect(after.draft).not.toEqual(before.draft);
	expect(after.draft.t.find((t) => t.tt === 7).sg[0].m.text).toBe('Paradise Found');
});

test.each([
	['Set the music volume to 20%', (draft) => draft.t.find((t) => t.tt === 1).sg[0].m.volume === 0.2],
	['Change the background music to jazz', (draft) => draft.t.find((t) => t.tt === 1).sg[0].m.name === 'Smooth Jazz'],
	['Trim it to 6 seconds', (draft) => draft.d === 6000 && draft.t.every((t) => t.sg.every((s) => s.d <= 6000))],
	['Make the colours warmer', (draft) => draft.m.color_grade === 'warm'],
])('edit "%s" changes the draft and is charged 50', async (instruction, check) => {
	const { token, sessionId } = await sessionWithVideo();
	sim.setConfig({ silentEditRate: 0 });
	const before = await balance(sim, token);
	const result = await runSse(sim, token, sessionId, instruction);
	expect(result.events.map(kindOf)).toContain('call:edit_multitrack');
	expect(visibleTexts(result.events).length).toBeGreaterThan(0);
	expect(check((await getState(sim, token, sessionId)).draft)).toBe(true);
	expect((await balance(sim, token)).available).toBe(before.available - 50);
});

test('silent edits happen at about silentEditRate, and the same seed repeats the same choices', async () => {
	const pattern = async () => {
		sim.reset();
		sim.setConfig({ trailerRate: 0, seed: 42 });
		const { token, sessionId } = await sessionWithVideo(5000);
		const silent = [];
		for (let i = 0; i < 12; i++) {
			const result = await runSse(sim, token, sessionId, `Change the title to "Take ${i}"`);
			silent.push(visibleTexts(result.events).length === 0);
		}
		return silent;
	};
	const first = await pattern();
	expect(await pattern()).toEqual(first);
	const count = first.filter(Boolean).length;
	expect(count).toBeGreaterThanOrEqual(1);
	expect(count).toBeLessThanOrEqual(8);
});

test('a question gets text only; export gets GUI text telling to click Export; neither is charged', async () => {
	const { token, sessionId } = await newSession(sim);
	const question = await runSse(sim, token, sessionId, 'What can you do?');
	expect(question.events.map(kindOf).filter((k) => k !== 'thought')).toEqual(['text']);
	const exported = await runSse(sim, token, sessionId, 'Please export the video');
	expect(visibleTexts(exported.events).join(' ')).toMatch(/click (the )?Export/);
	expect(exported.events.map(kindOf)).not.toContain('call:edit_multitrack');
	expect(await balance(sim, token)).toEqual({ available: 100, frozen: 0, total: 100 });
});

test('Chinese: a zh-CN session or a Chinese instruction gets Chinese replies with 点击/导出', async () => {
	const zh = await newSession(sim, { language: 'zh-CN' });
	const reply = await runSse(sim, zh.token, zh.sessionId, 'Please export it');
	expect(visibleTexts(reply.events).join('')).toMatch(/点击.*导出/);
	const en = await newSession(sim);
	const chinese = await runSse(sim, en.token, en.sessionId, '你能做什么？');
	expect(visibleTexts(chinese.events).join('')).toMatch(/[\u4e00-\u9fff]/);
});

test('the documented limitations (docs/api.md#run-sse): aspect ratio needs regeneration, YouTube links are refused', async () => {
	const { token, sessionId } = await sessionWithVideo();
	const aspect = await runSse(sim, token, sessionId, 'Change the aspect ratio to 16:9');
	expect(visibleTexts(aspect.events).join(' ')).toMatch(/regenerat/i);
	const music = await runSse(sim, token, sessionId, 'Use this music https://www.youtube.com/watch?v=abc');
	expect(visibleTexts(music.events).join(' ')).toMatch(/YouTube/);
});

test('thoughts, text+functionCall in one event, and the trailer, by switch', async () => {
	sim.setConfig({ thoughtRate: 1, mixedTextCallRate: 1, trailerRate: 1, silentEditRate: 0, startingCredits: 1000 });
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a forest');
	expect(result.events[0].content.parts[0]).toEqual({ thought: true, text: expect.any(String) });
	const mixed = result.events.find((e) => e.content.parts.length === 2);
	expect(Object.keys(mixed.content.parts[0])).toEqual(['text']);
	expect(Object.keys(mixed.content.parts[1])).toEqual(['functionCall']);
	const texts = visibleTexts(result.events);
	expect(texts[texts.length - 1]).toBe('I encountered a temporary issue. Please try again.');
});

describe('in-stream errors (HTTP 200, then the stream closes)', () => {
	test.each([
		['#sim-error-legacy', (text) => expect(text).toContain(`data: {"error": "Last event shouldn't be partial. LLM max output limit may be reached."}\n\n`)],
		['#sim-error-quoted', (text) => expect(text).toContain('data: {"error": "boom "quoted""}\n\n')],
		['#sim-error-system', (text) => expect(text).toMatch(/data: \{"content":\{"parts":\[\{"text":"Error: [^"]+"\}\],"role":"model"\},"invocationId":"","author":"system",/)],
		['#sim-error-code', (text) => expect(text).toMatch(/data: \{"errorCode":"MALFORMED_FUNCTION_CALL","errorMessage":"[^"]+","invocationId":"e-/)],
	])('%s', async (magic, check) => {
		sim.setConfig({ thoughtRate: 0, startingCredits: 1000 });
		const { token, sessionId } = await newSession(sim);
		const result = await runSse(sim, token, sessionId, `Make a video of a forest ${magic}`);
		expect(result.status).toBe(200);
		check(result.text);
		expect(result.text.endsWith('\n\n')).toBe(true);
		// The error ends the run: no tool ran, nothing is charged, state is untouched.
		expect(result.text).not.toContain('functionResponse');
		expect(await balance(sim, token)).toMatchObject({ available: 1000, frozen: 0 });
	});

	test('the streamError switch injects it on every run; #sim-error follows the flavour', async () => {
		sim.setConfig({ streamError: 'errorCode' });
		const { token, sessionId } = await newSession(sim);
		expect((await runSse(sim, token, sessionId, 'hello')).text).toContain('"errorCode":"MALFORMED_FUNCTION_CALL"');
		sim.setConfig({ streamError: null, adkFlavor: 'new' });
		expect((await runSse(sim, token, sessionId, 'hello #sim-error')).text).toContain('"author":"system"');
	});
});

test('the simplified format (REF44): type text / tool_call / tool_result, heartbeats as {"type":"heartbeat"}', async () => {
	sim.setConfig({ sseFormat: 'simplified', thoughtRate: 1, silentEditRate: 0 });
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a forest');
	const types = result.data.map((d) => JSON.parse(d).type);
	expect(new Set(types)).toEqual(new Set(['text', 'tool_call', 'tool_result', 'heartbeat']));
	const toolCall = result.data.map((d) => JSON.parse(d)).find((e) => e.type === 'tool_call');
	expect(toolCall).toEqual({ type: 'tool_call', name: 'generate_video_with_seedance', args: expect.any(Object) });
});

test('a client that disconnects does not stop the run: state and credits still land', async () => {
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a desert', {
		stopWhen: (event) => kindOf(event) === 'call:generate_video_with_seedance',
	});
	expect(result.aborted).toBe(true);
	expect((await getState(sim, token, sessionId)).draft).toEqual({});
	const view = await eventually(async () => {
		const inspected = (await call(sim.url, 'GET', `/__sim/sessions/${sessionId}`)).body;
		return inspected.runs[0].status === 'completed' && inspected;
	});
	expect(view.runsInProgress).toBe(0);
	expect(view.runs[0].listening).toBe(false);
	expect((await getState(sim, token, sessionId)).draft.t.map((t) => t.tt)).toEqual([0, 1, 7]);
	expect(view.credits).toEqual({ available: 0, frozen: 0, total: 0 });
	const entry = sim.log.last({ path: '/run_sse' });
	expect(entry.disconnected).toBe(true);
});

test('dropStreamAfterEvents: the server cuts the connection, the job completes server-side', async () => {
	sim.setConfig({ dropStreamAfterEvents: 2, thoughtRate: 0, mixedTextCallRate: 0 });
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a desert');
	expect(result.events).toHaveLength(2);
	expect(result.error).not.toBeNull(); // an abrupt close, not a clean end of stream
	await eventually(async () => (await getState(sim, token, sessionId)).draft.t?.length === 3);
	expect(sim.log.last({ path: '/run_sse' })).toMatchObject({ disconnected: true, droppedByServer: true });
});

test('a duplicate /run_sse on a busy session runs again and is charged again', async () => {
	sim.setConfig({ startingCredits: 250 });
	const { token, sessionId } = await newSession(sim);
	const text = 'Make a 10-second video of a waterfall';
	const [first, second] = await Promise.all([runSse(sim, token, sessionId, text), sleep(5).then(() => runSse(sim, token, sessionId, text))]);
	expect(first.status).toBe(200);
	expect(second.status).toBe(200);
	expect(second.events[0].invocationId).not.toBe(first.events[0].invocationId);
	expect(await balance(sim, token)).toEqual({ available: 50, frozen: 0, total: 50 });
	expect((await getState(sim, token, sessionId)).generated_media).toHaveLength(2);
});

describe('2001 not enough credits', () => {
	test.each([
		['envelope', 200],
		['strict', 402],
	])('before the stream, as JSON (%s → HTTP %i), nothing started', async (errorMapping, status) => {
		const { token, sessionId } = await sessionWithVideo(100);
		sim.setConfig({ errorMapping });
		const res = await call(sim.url, 'POST', '/run_sse', { token, json: runBody(sessionId, 'Change the title to "More"') });
		expect(res.status).toBe(status);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.body).toMatchObject({ code: 2001, data: null });
		const view = (await call(sim.url, 'GET', `/__sim/sessions/${sessionId}`)).body;
		expect(view.runs).toHaveLength(1);
	});

	test('inside the stream: the tool answers 2001 and the agent gives the register link with bind', async () => {
		sim.setConfig({ creditsErrorWhere: 'stream' });
		const { token, sessionId, userId } = await sessionWithVideo(100);
		sim.setConfig({ creditsErrorWhere: 'stream' });
		const result = await runSse(sim, token, sessionId, 'Change the title to "More" #sim-verbose');
		expect(result.status).toBe(200);
		const response = partsOf(result.events).find((p) => p.functionResponse).functionResponse.response;
		expect(response).toEqual({ status: 'error', code: 2001, message: 'Insufficient credits' });
		expect(visibleTexts(result.events).join(' ')).toContain(`https://nemovideo.com/register?bind=${userId}`);
		expect(await balance(sim, token)).toEqual({ available: 0, frozen: 0, total: 0 });
	});

	test('questions stay free when the balance is empty', async () => {
		const { token, sessionId } = await sessionWithVideo(100);
		const result = await runSse(sim, token, sessionId, 'What can you do?');
		expect(result.status).toBe(200);
		expect(visibleTexts(result.events).length).toBeGreaterThan(0);
	});
});

test('an edit with nothing on the timeline explains instead of charging', async () => {
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Add a title "Hello"');
	expect(result.events.map(kindOf).filter((k) => k !== 'thought')).toEqual(['text']);
	expect(visibleTexts(result.events)[0]).toMatch(/no video/i);
	expect((await balance(sim, token)).available).toBe(100);
});
