// Anonymous tokens, their limits and expiry (docs/api.md#anonymous-token, #claim-token, #limits), and the Bearer rule.
const { useSimulator, call, anonymousToken, newSession, balance } = require('./helpers');

const sim = useSimulator();

const tokenRequest = (clientId, headers = {}) =>
	call(sim.url, 'POST', '/api/auth/anonymous-token', { headers: clientId === undefined ? headers : { 'x-client-id': clientId, ...headers } });

const WEEK = 7 * 24 * 3600 * 1000;

test('a token has the documented shape: nmv_usr_ + 43 base64url, anon_ + 16 hex, 100 credits, 7 days', async () => {
	const before = sim.clock.now();
	const res = await tokenRequest('client-a');
	expect(res.status).toBe(200);
	expect(res.body.code).toBe(0);
	const { token, user_id: userId, expires_at: expiresAt, credits } = res.body.data;
	expect(token).toMatch(/^nmv_usr_[A-Za-z0-9_-]{43}$/);
	expect(userId).toMatch(/^anon_[0-9a-f]{16}$/);
	expect(credits).toBe(100);
	expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	expect(Math.abs(Date.parse(expiresAt) - (before + WEEK))).toBeLessThan(2000);
	expect(await balance(sim, token)).toEqual({ available: 100, frozen: 0, total: 100 });
});

test('X-Client-Id is required: HTTP 400 with the status repeated as code', async () => {
	const res = await tokenRequest(undefined);
	expect(res.status).toBe(400);
	expect(res.body).toMatchObject({ code: 400, data: null });
	expect(res.body.message).toMatch(/X-Client-Id/);
});

test('one token per client id per 7 days: 429 with Retry-After, then a new token after the window', async () => {
	const first = await tokenRequest('client-b');
	const again = await tokenRequest('client-b');
	expect(again.status).toBe(429);
	expect(again.body.code).toBe(429);
	expect(again.headers['retry-after']).toBeDefined();

	sim.clock.advance(WEEK + 1);
	const later = await tokenRequest('client-b');
	expect(later.status).toBe(200);
	expect(later.body.data.token).not.toBe(first.body.data.token);
	// The same client id is the same anonymous user: sessions and credits carry over.
	expect(later.body.data.user_id).toBe(first.body.data.user_id);
});

test('the reissue policy returns the same token to the same client id', async () => {
	sim.setConfig({ sameClientIdPolicy: 'reissue' });
	const first = await tokenRequest('client-c');
	const again = await tokenRequest('client-c');
	expect(again.status).toBe(200);
	expect(again.body.data.token).toBe(first.body.data.token);
});

test('ten tokens per IP per 7 days, counted by X-Forwarded-For', async () => {
	const ip = { 'x-forwarded-for': '203.0.113.9' };
	for (let i = 0; i < 10; i++) expect((await tokenRequest(`ip-client-${i}`, ip)).status).toBe(200);
	const eleventh = await tokenRequest('ip-client-10', ip);
	expect(eleventh.status).toBe(429);
	expect(eleventh.body.message).toMatch(/IP/);
	expect((await tokenRequest('other-ip-client', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
	sim.clock.advance(WEEK);
	expect((await tokenRequest('ip-client-11', ip)).status).toBe(200);
});

test('a token expires after 7 days by the clock: 1001', async () => {
	const { token } = await anonymousToken(sim);
	sim.clock.advance(WEEK - 1000);
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token })).body.code).toBe(0);
	sim.clock.advance(1000);
	const res = await call(sim.url, 'GET', '/api/credits/balance/simple', { token });
	expect(res.status).toBe(200);
	expect(res.body).toMatchObject({ code: 1001, data: null });
});

test('expireTokens() kills every token and lets the same client id get a new one', async () => {
	const first = await anonymousToken(sim, 'client-d');
	const { sessionId } = await newSession(sim, { token: first.token });
	sim.expireTokens();
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token: first.token })).body.code).toBe(1001);
	const second = await anonymousToken(sim, 'client-d');
	expect(second.token).not.toBe(first.token);
	const state = await call(sim.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token: second.token });
	expect(state.body.code).toBe(0);
});

test('expire-tokens and advance-clock work over the control API too', async () => {
	const { token } = await anonymousToken(sim, 'client-e');
	expect((await call(sim.url, 'POST', '/__sim/expire-tokens')).status).toBe(200);
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token })).body.code).toBe(1001);

	const { token: fresh } = await anonymousToken(sim, 'client-f');
	await call(sim.url, 'POST', '/__sim/advance-clock', { json: { ms: WEEK } });
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token: fresh })).body.code).toBe(1001);
});

test.each([
	['no Authorization header', undefined],
	['an unknown token', 'nmv_usr_' + 'x'.repeat(43)],
	['a claim token', 'CLAIM'],
	['a non-Bearer scheme', 'BASIC'],
])('%s is 1001 in the envelope, 401 in strict mapping', async (_name, kind) => {
	const { token, sessionId, taskId } = await newSession(sim);
	let headers = {};
	let bearer;
	if (kind === 'CLAIM') {
		const claim = await call(sim.url, 'POST', '/api/auth/claim-token', { token, json: { task_id: taskId, session_id: sessionId } });
		expect(claim.body.data).toEqual({ claim_token: expect.stringMatching(/^clm_/), expires_in: 604800 });
		bearer = claim.body.data.claim_token;
	} else if (kind === 'BASIC') {
		headers = { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` };
	} else bearer = kind;

	const envelope = await call(sim.url, 'GET', '/api/credits/balance/simple', { token: bearer, headers });
	expect(envelope.status).toBe(200);
	expect(envelope.body).toEqual({ code: 1001, message: expect.any(String), data: null });

	sim.setConfig({ errorMapping: 'strict' });
	const strict = await call(sim.url, 'GET', '/api/credits/balance/simple', { token: bearer, headers });
	expect(strict.status).toBe(401);
	expect(strict.body).toMatchObject({ code: 1001, detail: expect.any(String), data: null });
});

test('claim-token for a session of another user is 1002', async () => {
	const mine = await newSession(sim);
	const theirs = await newSession(sim);
	const res = await call(sim.url, 'POST', '/api/auth/claim-token', { token: mine.token, json: { task_id: theirs.taskId, session_id: theirs.sessionId } });
	expect(res.body.code).toBe(1002);
});

test('tokenDelayMs holds every anonymous-token answer that long, and concurrent requests still get one token per client id', async () => {
	sim.setConfig({ tokenDelayMs: 300 });
	const started = performance.now();
	const answers = await Promise.all(Array.from({ length: 5 }, () => tokenRequest('client-delayed')));
	const elapsed = performance.now() - started;
	expect(elapsed).toBeGreaterThanOrEqual(290);
	expect(answers.map((res) => res.status).sort()).toEqual([200, 429, 429, 429, 429]);
	// Other endpoints are not delayed: the switch stands for the token request's round trip only.
	const { token } = answers.find((res) => res.status === 200).body.data;
	const before = performance.now();
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token })).body.code).toBe(0);
	expect(performance.now() - before).toBeLessThan(290);
});
