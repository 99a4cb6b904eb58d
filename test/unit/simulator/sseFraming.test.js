// The /run_sse wire format, byte by byte (docs/api.md#run-sse, #event-kinds), and its switches.
const { useSimulator, newSession, call } = require('./helpers');
const { runSse, runBody } = require('./sseClient');
const { tinyPieces } = require('../../../simulator/sse/chunker');
const { createRandom } = require('../../../simulator/time/random');

const sim = useSimulator({ timeScale: 0.002 }, { startingCredits: 1000, trailerRate: 0 });

/** Splits the raw body into frames at blank lines, keeping the exact bytes of each. */
const framesOf = (text, eol = '\n') => text.split(eol + eol).filter((frame) => frame !== '');

const ADK_KEYS = ['content', 'partial', 'finishReason', 'errorCode', 'errorMessage', 'usageMetadata', 'invocationId', 'author', 'actions', 'longRunningToolIds', 'id', 'timestamp'];

test('ADK 2506 framing: data: <compact camelCase JSON>, blank line, nothing else, no [DONE], no user echo', async () => {
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a city timelapse at night');
	expect(result.status).toBe(200);
	expect(result.headers['content-type']).toBe('text/event-stream; charset=utf-8');
	expect(result.text.endsWith('\n\n')).toBe(true);
	expect(result.text).not.toMatch(/\[DONE\]|^event:|^id:|^retry:/m);

	const frames = framesOf(result.text);
	const eventFrames = frames.filter((frame) => frame !== 'data: {"type":"heartbeat"}');
	expect(eventFrames.length).toBeGreaterThanOrEqual(6);
	const invocationIds = new Set();
	for (const frame of eventFrames) {
		expect(frame).toMatch(/^data: \{.*\}$/s);
		expect(frame).not.toContain('\n'); // one line: newlines inside texts are escaped
		const json = frame.slice('data: '.length);
		expect(JSON.stringify(JSON.parse(json))).toBe(json); // compact, as pydantic writes it
		const event = JSON.parse(json);
		for (const key of Object.keys(event)) expect(ADK_KEYS).toContain(key);
		expect(event.author).toBe('nemo_agent');
		expect(event.actions).toEqual(expect.objectContaining({ artifactDelta: {}, requestedAuthConfigs: {} }));
		expect(Object.keys(event.actions)).toEqual(['stateDelta', 'artifactDelta', 'requestedAuthConfigs']);
		expect(event.id).toMatch(/^[A-Za-z0-9]{8}$/);
		expect(event.invocationId).toMatch(/^e-[0-9a-f-]{36}$/);
		expect(Number.isInteger(event.timestamp)).toBe(false);
		expect(event).not.toHaveProperty('finishReason');
		invocationIds.add(event.invocationId);
		for (const part of event.content.parts) {
			if (part.functionCall) {
				expect(Object.keys(part.functionCall)).toEqual(['id', 'args', 'name']);
				expect(part.functionCall.id).toMatch(/^adk-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
				expect(event.longRunningToolIds).toEqual([]);
			}
			if (part.functionResponse) {
				expect(Object.keys(part.functionResponse)).toEqual(['id', 'name', 'response']);
				expect(event.content.role).toBe('user');
			}
		}
		// Field order: content first, the Event fields after (LlmResponse then Event).
		expect(Object.keys(event)[0]).toBe('content');
		expect(Object.keys(event).slice(-2)).toEqual(['id', 'timestamp']);
	}
	expect(invocationIds.size).toBe(1);
	// The user's instruction is never echoed.
	expect(result.events.some((event) => event.author === 'user')).toBe(false);
	expect(result.events.some((event) => event.content?.role === 'user' && event.content.parts.some((p) => p.text))).toBe(false);
});

test('the newer ADK flavour: UUID ids, requestedToolConfirmations, finishReason and usageMetadata on model events', async () => {
	sim.setConfig({ adkFlavor: 'new' });
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'What can you do?');
	expect(result.events.length).toBeGreaterThan(0);
	for (const event of result.events) {
		expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(Object.keys(event.actions)).toEqual(['stateDelta', 'artifactDelta', 'requestedAuthConfigs', 'requestedToolConfirmations']);
		expect(event.finishReason).toBe('STOP');
		expect(event.usageMetadata).toEqual({ candidatesTokenCount: expect.any(Number), promptTokenCount: expect.any(Number), totalTokenCount: expect.any(Number) });
	}
});

test('camelCase aliases are accepted in the body', async () => {
	const { token, sessionId } = await newSession(sim);
	const body = { appName: 'nemo_agent', userId: 'me', sessionId, newMessage: { role: 'user', parts: [{ text: 'What can you do?' }] } };
	const result = await runSse(sim, token, sessionId, '', { body });
	expect(result.status).toBe(200);
	expect(result.events.length).toBeGreaterThan(0);
});

describe('streaming:true', () => {
	test.each([
		['absent', undefined],
		['false', false],
	])('partial chunks, then ONE aggregated event repeating the text (final partial flag %s)', async (flag, expected) => {
		sim.setConfig({ finalPartialFlag: flag, thoughtRate: 0 });
		const { token, sessionId } = await newSession(sim);
		const result = await runSse(sim, token, sessionId, 'What can you do?', { extra: { streaming: true } });
		const partials = result.events.filter((event) => event.partial === true);
		const finals = result.events.filter((event) => event.partial !== true);
		expect(partials.length).toBeGreaterThanOrEqual(2);
		expect(finals).toHaveLength(1);
		expect(finals[0].partial).toBe(expected);
		if (expected === undefined) expect(finals[0]).not.toHaveProperty('partial');
		expect(partials.map((event) => event.content.parts[0].text).join('')).toBe(finals[0].content.parts[0].text);
		// ADK 2506 gives every chunk its own id; all share the invocation.
		expect(new Set(result.events.map((event) => event.id)).size).toBe(result.events.length);
		expect(new Set(result.events.map((event) => event.invocationId)).size).toBe(1);
	});

	test('function calls are never partial; without streaming there are no partial events at all', async () => {
		const { token, sessionId } = await newSession(sim);
		const streamed = await runSse(sim, token, sessionId, 'Make a 10-second video of waves', { extra: { streaming: true } });
		const toolEvents = streamed.events.filter((e) => e.content?.parts.some((p) => p.functionCall || p.functionResponse));
		expect(toolEvents.length).toBeGreaterThan(0);
		for (const event of toolEvents) expect(event).not.toHaveProperty('partial');
		expect(streamed.events.some((event) => event.partial)).toBe(true);
		const plain = await newSession(sim);
		const unstreamed = await runSse(sim, plain.token, plain.sessionId, 'What can you do?');
		expect(unstreamed.events.some((event) => 'partial' in event)).toBe(false);
	});

	test('newer ADK keeps one id for the partials and the aggregate', async () => {
		sim.setConfig({ adkFlavor: 'new', thoughtRate: 0 });
		const { token, sessionId } = await newSession(sim);
		const result = await runSse(sim, token, sessionId, 'What can you do?', { extra: { streaming: true } });
		expect(new Set(result.events.map((event) => event.id)).size).toBe(1);
	});
});

describe('heartbeats during long tool runs', () => {
	test.each([
		['json', /^data: \{"type":"heartbeat"\}$/],
		['empty', /^data:$/],
		['empty-space', /^data: $/],
		['comment', /^: heartbeat$/],
		['ping', /^: ping - \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/],
	])('%s', async (style, pattern) => {
		sim.setConfig({ heartbeatStyle: style });
		const { token, sessionId } = await newSession(sim);
		const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a forest');
		const heartbeats = framesOf(result.text).filter((frame) => !frame.startsWith('data: {"content"'));
		expect(heartbeats.length).toBeGreaterThanOrEqual(5);
		for (const frame of heartbeats) expect(frame).toMatch(pattern);
		// They come between the generation call and its result.
		const frames = framesOf(result.text);
		const callAt = frames.findIndex((f) => f.includes('"functionCall"'));
		const resultAt = frames.findIndex((f) => f.includes('"functionResponse"'));
		expect(callAt).toBeGreaterThanOrEqual(0);
		expect(resultAt - callAt - 1).toBeGreaterThanOrEqual(5);
		expect(frames.slice(callAt + 1, resultAt).every((f) => pattern.test(f))).toBe(true);
	});

	test('mixed uses several styles in one stream', async () => {
		sim.setConfig({ heartbeatStyle: 'mixed', heartbeatIntervalMs: 5000 });
		const { token, sessionId } = await newSession(sim);
		const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a forest');
		const styles = new Set(framesOf(result.text).filter((f) => !f.startsWith('data: {"content"')).map((f) => (f.startsWith(': ping') ? 'ping' : f)));
		expect(styles.size).toBeGreaterThanOrEqual(3);
	});

	test('the interval follows heartbeatIntervalMs', async () => {
		const count = async (interval) => {
			sim.setConfig({ heartbeatIntervalMs: interval, seed: 11 });
			const { token, sessionId } = await newSession(sim);
			const result = await runSse(sim, token, sessionId, 'Make a 10-second video of a forest');
			return framesOf(result.text).filter((f) => f === 'data: {"type":"heartbeat"}').length;
		};
		const slow = await count(30000);
		const fast = await count(5000);
		expect(fast).toBeGreaterThan(slow * 4);
	});
});

test('CRLF line endings everywhere, no bare LF', async () => {
	sim.setConfig({ lineEnding: 'crlf', heartbeatStyle: 'comment' });
	const { token, sessionId } = await newSession(sim);
	const result = await runSse(sim, token, sessionId, 'Make a 10-second video of rain');
	expect(result.text).toMatch(/\r\n\r\n$/);
	expect(result.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	expect(result.comments.length).toBeGreaterThan(0);
	expect(result.events.some((e) => e.content?.parts.some((p) => p.functionResponse))).toBe(true);
});

test('tiny chunking: the bytes arrive in many small pieces and still parse to the same events', async () => {
	sim.setConfig({ chunking: 'tiny' });
	const { token, sessionId } = await newSession(sim, { language: 'zh-CN' });
	const result = await runSse(sim, token, sessionId, '你能做什么？');
	expect(result.status).toBe(200);
	expect(result.chunks.length).toBeGreaterThan(20);
	const text = result.events.flatMap((e) => e.content.parts).filter((p) => !p.thought).map((p) => p.text).join('');
	expect(text).toMatch(/[\u4e00-\u9fff]/);
	expect(text).not.toContain('\uFFFD');
});

test('tiny pieces are 1-7 bytes and cut inside every multi-byte UTF-8 character', () => {
	const bytes = Buffer.from('data: {"text":"点击导出 🎬 ok"}\n\n', 'utf8');
	const pieces = tinyPieces(bytes, createRandom(3));
	expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
	for (const piece of pieces) {
		expect(piece.length).toBeGreaterThanOrEqual(1);
		expect(piece.length).toBeLessThanOrEqual(7);
	}
	// No piece holds a whole multi-byte character: a lead byte is always the last byte of its piece.
	for (const piece of pieces) {
		for (let i = 0; i < piece.length - 1; i++) expect(piece[i] >= 0xc0 && (piece[i + 1] & 0xc0) === 0x80).toBe(false);
	}
	expect(pieces.some((piece) => piece.toString('utf8').includes('\uFFFD'))).toBe(true);
});

describe('errors before the stream', () => {
	test('unknown session: HTTP 404 with code 1002 and ADK detail', async () => {
		const { token } = await newSession(sim);
		const res = await call(sim.url, 'POST', '/run_sse', { token, json: runBody('1234567890123456789', 'hi') });
		expect(res.status).toBe(404);
		expect(res.headers['content-type']).toBe('application/json');
		expect(res.body).toEqual({ code: 1002, message: 'Session not found', detail: 'Session not found' });
	});

	test('another app name or another user finds no session either', async () => {
		const { token, sessionId } = await newSession(sim);
		expect((await call(sim.url, 'POST', '/run_sse', { token, json: runBody(sessionId, 'hi', { app_name: 'other' }) })).status).toBe(404);
		expect((await call(sim.url, 'POST', '/run_sse', { token, json: runBody(sessionId, 'hi', { user_id: 'anon_0000000000000000' }) })).status).toBe(404);
		const other = await newSession(sim);
		expect((await call(sim.url, 'POST', '/run_sse', { token: other.token, json: runBody(sessionId, 'hi') })).status).toBe(404);
	});

	test('missing user_id: 422 pydantic-style, loc names the camelCase alias', async () => {
		const { token, sessionId } = await newSession(sim);
		const body = { app_name: 'nemo_agent', session_id: sessionId, new_message: { parts: [{ text: 'hi' }] } };
		const res = await call(sim.url, 'POST', '/run_sse', { token, json: body });
		expect(res.status).toBe(422);
		expect(res.body).toEqual({ detail: [{ type: 'missing', loc: ['body', 'userId'], msg: 'Field required', input: body }] });
	});

	test('wrong types, unknown Part keys, broken JSON and no body', async () => {
		const { token, sessionId } = await newSession(sim);
		const typed = await call(sim.url, 'POST', '/run_sse', { token, json: { appName: 1, userId: 'me', sessionId, newMessage: { parts: [{ text: 'x', colour: 'red' }] } } });
		expect(typed.status).toBe(422);
		expect(typed.body.detail).toEqual([
			{ type: 'string_type', loc: ['body', 'appName'], msg: 'Input should be a valid string', input: 1 },
			{ type: 'extra_forbidden', loc: ['body', 'newMessage', 'parts', 0, 'colour'], msg: 'Extra inputs are not permitted', input: 'red' },
		]);
		const broken = await call(sim.url, 'POST', '/run_sse', { token, body: '{"app_name":', headers: { 'content-type': 'application/json' } });
		expect(broken.status).toBe(422);
		expect(broken.body.detail[0]).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error' });
		const empty = await call(sim.url, 'POST', '/run_sse', { token });
		expect(empty.body).toEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });
	});

	test('no token: 1001 (envelope and strict)', async () => {
		const { sessionId } = await newSession(sim);
		const envelope = await call(sim.url, 'POST', '/run_sse', { json: runBody(sessionId, 'hi') });
		expect(envelope.status).toBe(200);
		expect(envelope.body.code).toBe(1001);
		sim.setConfig({ errorMapping: 'strict' });
		expect((await call(sim.url, 'POST', '/run_sse', { json: runBody(sessionId, 'hi') })).status).toBe(401);
	});
});
