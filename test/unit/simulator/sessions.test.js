// Sessions, state and credits (docs/api.md#sessions, #credits, #state) and the envelope around them (docs/api.md#envelope).
const { useSimulator, call, anonymousToken } = require('./helpers');
const { startSimulator } = require('../../../simulator');

const sim = useSimulator();

test('create session: {code:0, data:{task_id, session_id (19 digits), user_id}}, defaults when the body is empty', async () => {
	const { token, user_id: userId } = await anonymousToken(sim);
	const res = await call(sim.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: { task_name: 'launch', language: 'zh-CN' } });
	expect(res.status).toBe(200);
	expect(res.body).toEqual({ code: 0, data: { task_id: expect.stringMatching(/^task_[0-9a-f]+$/), session_id: expect.stringMatching(/^\d{19}$/), user_id: userId } });

	const state = await call(sim.url, 'GET', `/api/state/nemo_agent/me/${res.body.data.session_id}/latest`, { token });
	expect(state.body).toEqual({
		code: 0,
		data: {
			session_id: res.body.data.session_id,
			task_id: res.body.data.task_id,
			task_name: 'launch',
			user_id: userId,
			state: { video_infos: [], draft: {}, canvas_config: {}, video_analyses: {}, generated_media: [] },
		},
	});

	const bare = await call(sim.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token });
	const view = (await call(sim.url, 'GET', `/__sim/sessions/${bare.body.data.session_id}`)).body;
	expect(view.session).toMatchObject({ taskName: 'project', language: 'en' });
});

test('a broken JSON body is HTTP 400 with the status as code', async () => {
	const { token } = await anonymousToken(sim);
	const res = await call(sim.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, body: '{nope', headers: { 'content-type': 'application/json' } });
	expect(res.status).toBe(400);
	expect(res.body).toMatchObject({ code: 400, data: null });
});

test.each([
	['envelope', 200, { code: 1002, message: 'Session not found', data: null }],
	['strict', 404, { code: 1002, message: 'Session not found', detail: 'Session not found', data: null }],
])('an unknown session is 1002 (%s → HTTP %i)', async (errorMapping, status, body) => {
	sim.setConfig({ errorMapping });
	const { token } = await anonymousToken(sim);
	const res = await call(sim.url, 'GET', '/api/state/nemo_agent/me/1111111111111111111/latest', { token });
	expect(res.status).toBe(status);
	expect(res.body).toEqual(body);
});

test('credits of a new account, and startingCredits', async () => {
	const { token } = await anonymousToken(sim);
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token })).body).toEqual({ code: 0, data: { available: 100, frozen: 0, total: 100 } });
	sim.setConfig({ startingCredits: 25 });
	const rich = await anonymousToken(sim);
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token: rich.token })).body.data.available).toBe(25);
});

test('an injected clock drives token expiry', async () => {
	let now = Date.parse('2026-03-19T09:00:00Z');
	const clock = { now: () => now, advance: (ms) => (now += ms) };
	const own = await startSimulator({ clock });
	try {
		const { token, expires_at: expiresAt } = await anonymousToken(own);
		expect(expiresAt).toBe('2026-03-26T09:00:00Z');
		now += 7 * 24 * 3600 * 1000;
		expect((await call(own.url, 'GET', '/api/credits/balance/simple', { token })).body.code).toBe(1001);
		expect(own.clock).toBe(clock);
	} finally {
		await own.close();
	}
});
