// The request log and the /__sim/ control API that tests in other processes (a real n8n) use.
const { useSimulator, call, newSession, anonymousToken } = require('./helpers');
const { runSse } = require('./sseClient');

const sim = useSimulator({ timeScale: 0.002 });

test('every request is logged with method, path, query, lower-case headers, tokenTag, body, status and duration', async () => {
	const { token, sessionId } = await newSession(sim);
	await call(sim.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest?x=1`, { token });
	const entries = sim.log.all();
	expect(entries.map((e) => [e.method, e.path])).toEqual([
		['POST', '/api/auth/anonymous-token'],
		['POST', '/api/tasks/me/with-session/nemo_agent'],
		['GET', `/api/state/nemo_agent/me/${sessionId}/latest`],
	]);
	const [tokenCall, create, state] = entries;
	expect(tokenCall.tokenTag).toBeNull();
	expect(tokenCall.headers['x-client-id']).toEqual(expect.any(String));
	expect(create.body).toEqual({ task_name: 'project', language: 'en' });
	expect(create.headers.authorization).toBe(`Bearer ${token}`);
	expect(create.tokenTag).toMatch(/^[0-9a-f]{10}$/);
	expect(create.tokenTag).not.toContain(token.slice(8, 18));
	expect(state.tokenTag).toBe(create.tokenTag);
	expect(state.query).toEqual({ x: '1' });
	expect(state.headers['x-skill-platform']).toBe('n8n');
	expect(state).toMatchObject({ origin: 'api', status: 200, disconnected: false, host: new URL(sim.url).host });
	expect(state.durationMs).toEqual(expect.any(Number));
	expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
	expect(sim.log.count({ method: 'post' })).toBe(2);
	expect(sim.log.count((e) => e.status === 200)).toBe(3);
	expect(sim.log.count({ path: /^\/api\/state\// })).toBe(1);
	sim.log.clear();
	expect(sim.log.all()).toEqual([]);
});

test('an SSE request is logged with its final duration; a different token has a different tag', async () => {
	const a = await newSession(sim);
	const b = await anonymousToken(sim);
	await runSse(sim, a.token, a.sessionId, 'What can you do?');
	await call(sim.url, 'GET', '/api/credits/balance/simple', { token: b.token });
	const sse = sim.log.last({ path: '/run_sse' });
	expect(sse).toMatchObject({ status: 200, disconnected: false, body: expect.objectContaining({ app_name: 'nemo_agent' }) });
	expect(sse.durationMs).toBeGreaterThan(0);
	expect(sim.log.last({ path: '/api/credits/balance/simple' }).tokenTag).not.toBe(sse.tokenTag);
});

test('GET /__sim/requests (with ?path=), POST /__sim/requests/clear', async () => {
	const { token } = await newSession(sim);
	await call(sim.url, 'GET', '/api/credits/balance/simple', { token });
	const all = await call(sim.url, 'GET', '/__sim/requests');
	expect(all.body.map((e) => e.path)).toEqual(['/api/auth/anonymous-token', '/api/tasks/me/with-session/nemo_agent', '/api/credits/balance/simple']);
	const filtered = await call(sim.url, 'GET', '/__sim/requests?path=/api/credits/balance/simple');
	expect(filtered.body).toHaveLength(1);
	expect(filtered.body[0].headers['x-skill-source']).toBe('n8n-nodes-nemovideo');
	await call(sim.url, 'POST', '/__sim/requests/clear');
	expect((await call(sim.url, 'GET', '/__sim/requests')).body).toEqual([]);
});

test('GET/POST /__sim/config: partial switches, validated, reset restores the start options', async () => {
	const before = (await call(sim.url, 'GET', '/__sim/config')).body;
	expect(before).toMatchObject({ silentEditRate: 0.3, heartbeatStyle: 'json', renderShape: 'superset', errorMapping: 'envelope', timeScale: 0.002 });
	const changed = await call(sim.url, 'POST', '/__sim/config', { json: { heartbeatStyle: 'comment', silentEditRate: '0.5' } });
	expect(changed.body).toMatchObject({ heartbeatStyle: 'comment', silentEditRate: 0.5 });
	expect(sim.config.heartbeatStyle).toBe('comment');
	const bad = await call(sim.url, 'POST', '/__sim/config', { json: { heartbeatStyle: 'loud', renderShape: 'skill' } });
	expect(bad.status).toBe(400);
	expect(bad.body.error).toMatch(/heartbeatStyle/);
	expect(sim.config.renderShape).toBe('superset'); // nothing applied from a bad partial
	expect((await call(sim.url, 'POST', '/__sim/config', { json: { noSuchSwitch: 1 } })).status).toBe(400);
	expect(() => sim.setConfig({ timeScale: -1 })).toThrow(/timeScale/);
	await call(sim.url, 'POST', '/__sim/reset');
	expect(sim.config.heartbeatStyle).toBe('json');
	expect(sim.config.timeScale).toBe(0.002);
});

test('GET /__sim/sessions/<sid>: state, runs and credits as the server sees them; reset forgets everything', async () => {
	const { token, sessionId, userId } = await newSession(sim);
	await runSse(sim, token, sessionId, 'What can you do?');
	const view = (await call(sim.url, 'GET', `/__sim/sessions/${sessionId}`)).body;
	expect(view.session).toMatchObject({ sessionId, userId, language: 'en' });
	expect(view.state).toEqual({ video_infos: [], draft: {}, canvas_config: {}, video_analyses: {}, generated_media: [] });
	expect(view.credits).toEqual({ available: 100, frozen: 0, total: 100 });
	expect(view.runs).toEqual([expect.objectContaining({ intent: 'question', status: 'completed', instruction: 'What can you do?' })]);
	expect(view.runsInProgress).toBe(0);
	expect((await call(sim.url, 'GET', '/__sim/sessions/0')).status).toBe(404);

	await call(sim.url, 'POST', '/__sim/reset');
	expect(sim.log.count()).toBe(0);
	expect((await call(sim.url, 'GET', `/__sim/sessions/${sessionId}`)).status).toBe(404);
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token })).body.code).toBe(1001);
});

test('unknown paths answer FastAPI-style 404 and 405', async () => {
	expect((await call(sim.url, 'GET', '/api/nothing')).body).toEqual({ detail: 'Not Found' });
	const wrongMethod = await call(sim.url, 'GET', '/run_sse');
	expect(wrongMethod.status).toBe(405);
	expect(wrongMethod.body).toEqual({ detail: 'Method Not Allowed' });
});

test('the user id in a path may be "me" or the caller\'s own id, nothing else', async () => {
	const { token, sessionId, userId } = await newSession(sim);
	expect((await call(sim.url, 'GET', `/api/state/nemo_agent/${userId}/${sessionId}/latest`, { token })).body.code).toBe(0);
	expect((await call(sim.url, 'GET', `/api/state/nemo_agent/anon_0000000000000000/${sessionId}/latest`, { token })).body.code).toBe(1002);
});
