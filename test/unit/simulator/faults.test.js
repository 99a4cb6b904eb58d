// Injected faults: 5xx bursts on GETs (also per path), 429 runs with Retry-After.
const { useSimulator, call, newSession } = require('./helpers');

const sim = useSimulator({ timeScale: 0.1 });

const balance = (token) => call(sim.url, 'GET', '/api/credits/balance/simple', { token });

test('fiveXxBurst: the next N GETs answer 503, POSTs pass, then service resumes', async () => {
	const { token, sessionId } = await newSession(sim);
	sim.setConfig({ fiveXxBurst: 2 });
	expect((await call(sim.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: {} })).status).toBe(200);
	const first = await balance(token);
	expect(first.status).toBe(503);
	expect(first.body).toMatchObject({ code: 503, data: null });
	expect((await call(sim.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token })).status).toBe(503);
	expect((await balance(token)).status).toBe(200);
	expect(sim.config.fiveXxBurst).toBe(0);
	expect(sim.log.count({ method: 'GET' })).toBe(3);
});

test('fiveXxBurstPath limits the burst to one path (and may target the CDN)', async () => {
	const { token, sessionId } = await newSession(sim);
	sim.setConfig({ fiveXxBurst: 1, fiveXxBurstPath: '/api/state/' });
	expect((await balance(token)).status).toBe(200);
	expect((await call(sim.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token })).status).toBe(503);
	expect((await call(sim.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token })).status).toBe(200);

	sim.setConfig({ fiveXxBurst: 1, fiveXxBurstPath: '/gen/' });
	expect((await call(sim.cdnUrl, 'GET', '/gen/abc.mp4')).status).toBe(503);
	expect((await call(sim.cdnUrl, 'GET', '/gen/abc.mp4')).status).toBe(200);
});

test('rateLimitNext: N requests of any method answer 429 with a scaled Retry-After', async () => {
	const { token } = await newSession(sim);
	sim.setConfig({ rateLimitNext: 2, retryAfterSeconds: 30 });
	const limited = await call(sim.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: {} });
	expect(limited.status).toBe(429);
	expect(limited.headers['retry-after']).toBe('3'); // 30 s × timeScale 0.1
	expect(limited.body).toMatchObject({ code: 429 });
	expect((await balance(token)).status).toBe(429);
	expect((await balance(token)).status).toBe(200);
});

test('control calls are never faulted nor logged', async () => {
	sim.setConfig({ fiveXxBurst: 5, rateLimitNext: 5 });
	expect((await call(sim.url, 'GET', '/__sim/config')).status).toBe(200);
	expect(sim.log.count()).toBe(0);
	expect(sim.config.fiveXxBurst).toBe(5);
});
