const { apiRequest, openEventStream } = require('../../../../nodes/shared/transport');
const { fakeContext, ok, envelopeError, httpError, networkError } = require('./fakeContext');

const get = (ctx) => apiRequest(ctx, { method: 'GET', path: '/api/x', itemIndex: 0 });
const post = (ctx) => apiRequest(ctx, { method: 'POST', path: '/api/x', body: { a: 1 }, itemIndex: 0 });

describe('envelope', () => {
	test('unwraps data from a code 0 envelope', async () => {
		const ctx = fakeContext({ answers: [ok({ available: 5 })] });
		await expect(get(ctx)).resolves.toEqual({ available: 5 });
	});

	test('passes through a body without an envelope (the render proxy)', async () => {
		const ctx = fakeContext({ answers: [{ statusCode: 200, body: { success: true, data: { status: 'pending' } } }] });
		await expect(get(ctx)).resolves.toEqual({ success: true, data: { status: 'pending' } });
	});

	test('sends the attribution headers, the base URL and JSON', async () => {
		const ctx = fakeContext({ answers: [ok({})] });
		await post(ctx);
		const { options } = ctx.calls[0];
		expect(options.url).toBe('http://api.test/api/x');
		expect(options.headers).toMatchObject({ 'X-Skill-Source': 'n8n-nodes-nemovideo', 'X-Skill-Platform': 'n8n' });
		expect(options.headers['X-Skill-Version']).toBe(require('../../../../package.json').version);
		expect(options.body).toEqual({ a: 1 });
		expect(options.ignoreHttpStatusErrors).toBe(true);
	});

	test('the credential is read and decrypted once per call: n8n signs with the one the transport read', async () => {
		const ctx = fakeContext({ answers: [ok({})] });
		await post(ctx);
		expect(ctx.credentialReads).toBe(1);
		expect(ctx.calls[0].signedWith).toBe('nmv_usr_stored');
		// retries of a read sign with the same credentials, without reading them again
		const retried = fakeContext({ answers: [httpError(503), ok({})] });
		await get(retried);
		expect(retried.calls).toHaveLength(2);
		expect(retried.credentialReads).toBe(1);
	});
});

describe('errors carry the meaning and the next step', () => {
	const cases = [
		// [name, answer, code, message fragment, description fragment]
		['1002 in an envelope', envelopeError(1002), 1002, 'session not found', 'NemoVideo Create Session'],
		['1002 as strict 404', httpError(404, { code: 1002, message: 'Session not found' }), 1002, 'session not found', 'Create Session'],
		['ADK 404 without a code', httpError(404, { detail: 'Session not found' }), 404, 'could not find', 'Session not found'],
		// Upload Media words 4001 and 4002 itself (test/unit/NemoVideoUploadMedia/uploadMedia.test.js).
		['4002 as strict 413 keeps its code', httpError(413, {}), 4002, 'error 4002', 'No further detail'],
		['402 plan', httpError(402, { code: 402, message: 'export blocked' }), 402, 'plan', 'not a lack of credits'],
		['400', httpError(400, { code: 400, message: 'X-Client-Id required' }), 400, 'malformed', 'X-Client-Id required'],
		['422 body validation', httpError(422, { detail: [{ loc: ['body', 'userId'] }] }), 422, 'could not read', 'userId'],
		['500', httpError(500, 'boom'), 500, 'server error (HTTP 500)', 'Try again'],
		['unknown business code', envelopeError(7777, 'strange'), 7777, 'error 7777', 'strange'],
	];
	test.each(cases)('%s', async (_name, answer, code, message, description) => {
		const ctx = fakeContext({ answers: [answer] });
		const error = await post(ctx).catch((e) => e);
		expect(error.nemoCode).toBe(code);
		expect(error.message.toLowerCase()).toContain(message.toLowerCase());
		expect(error.description).toContain(description);
		expect(ctx.calls).toHaveLength(1);
	});

	test('2001 for an anonymous user links to registration with the bind id', async () => {
		const ctx = fakeContext({ answers: [envelopeError(2001)] });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toBe('Not enough NemoVideo credits');
		expect(error.description).toContain('https://web.test/register?bind=anon_0123456789abcdef');
	});

	test('2001 as strict 402 with the code in the body reads as credits, not as the plan', async () => {
		const ctx = fakeContext({ answers: [httpError(402, { code: 2001 })] });
		const error = await post(ctx).catch((e) => e);
		expect(error.nemoCode).toBe(2001);
	});

	test('2001 for a registered user says to top up', async () => {
		const ctx = fakeContext({ answers: [envelopeError(2001)], credentials: { authType: 'apiToken', apiToken: 'nmv_usr_api' } });
		const error = await post(ctx).catch((e) => e);
		expect(error.description).toContain('Top up your credits at https://web.test');
		expect(error.description).not.toContain('register');
	});

	test('a server that echoes the request back does not put the token in the error', async () => {
		const echo = 'Bad gateway. Request: GET /api/state HTTP/1.1 Authorization: Bearer nmv_usr_abc123.def-456';
		for (const body of [echo, { message: echo }, { error: { request: echo } }]) {
			const ctx = fakeContext({ answers: [httpError(400, body)] });
			const error = await post(ctx).catch((e) => e);
			const shown = JSON.stringify({ ...error, message: error.message, description: error.description });
			expect(shown).toContain('Bad gateway');
			expect(shown).toContain('[token removed]');
			expect(shown).not.toContain('nmv_usr_');
		}
	});

	test('no token appears in an error, even when the failure underneath carries one', async () => {
		// An HTTP client's error carries the request it failed on, Authorization header included.
		const failure = Object.assign(networkError('ECONNREFUSED'), { config: { headers: { Authorization: 'Bearer nmv_usr_stored' } } });
		const ctx = fakeContext({ answers: [failure] });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toContain('Could not reach NemoVideo at http://api.test');
		const shown = JSON.stringify({ ...error, message: error.message, description: error.description, cause: error.cause, context: error.context });
		expect(shown).toContain('ECONNREFUSED');
		expect(shown).not.toMatch(/nmv_usr_/);
	});
});

describe('no free token to sign with', () => {
	const { requestAnonymousToken, storedTokenWait } = require('../../../../nodes/shared/transport/anonymousToken');
	const { stableClientId } = require('../../../../nodes/shared/transport/credentials');
	let clients = 0;
	/** What preAuthentication throws when the API answers the token request with `answer` (a client id of its own, so nothing is remembered). */
	const tokenFailure = (answer) =>
		requestAnonymousToken({ helpers: { httpRequest: async () => answer } }, { authType: 'anonymous', baseUrl: 'http://api.test', webUrl: 'https://web.test', clientId: `client-${++clients}` }).catch((e) => e);
	/** The credential as stored: `sessionToken` until the `after`-th read, then `later` (another process stored it). */
	const storedLater = (ctx, after, later) => {
		const read = ctx.getCredentials;
		ctx.getCredentials = async (...args) => ({ ...(await read(...args)), ...(ctx.credentialReads > after ? { sessionToken: later } : {}) });
	};
	const saved = { ...storedTokenWait };
	beforeAll(() => Object.assign(storedTokenWait, { totalMs: 600, pollMs: 20 }));
	afterAll(() => Object.assign(storedTokenWait, saved));

	test('a credential without a client id signs under one derived from the n8n instance and the credential id', async () => {
		const ctx = fakeContext({ answers: [ok({})], credentials: { sessionToken: '' } });
		await post(ctx);
		const clientId = stableClientId('instance-test', '7');
		expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(ctx.calls[0].signedWithData.clientId).toBe(clientId);
		expect(stableClientId('instance-test', '8')).not.toBe(clientId);
		expect(stableClientId('another-instance', '7')).not.toBe(clientId);
		// a client id the user set stays; an API token gets none
		const own = fakeContext({ answers: [ok({})], credentials: { clientId: 'mine' } });
		await post(own);
		expect(own.calls[0].signedWithData.clientId).toBe('mine');
		const api = fakeContext({ answers: [ok({})], credentials: { authType: 'apiToken', apiToken: 'nmv_usr_api' } });
		await post(api);
		expect(api.calls[0].signedWithData.clientId).toBeUndefined();
	});

	test('after a 429, the token another process stored is waited for and used: the request goes once, with it', async () => {
		const limit = await tokenFailure({ statusCode: 429, body: { code: 429, message: 'one per client' } });
		const ctx = fakeContext({ answers: [limit, ok({ fine: true })], credentials: { sessionToken: '' } });
		storedLater(ctx, 3, 'nmv_usr_stored_elsewhere');
		await expect(post(ctx)).resolves.toEqual({ fine: true });
		// the first attempt never left: n8n's signing failed before sending
		expect(ctx.calls.map((call) => call.signedWith)).toEqual(['', 'nmv_usr_stored_elsewhere']);
	});

	test('an instruction meets the same wait and is sent exactly once', async () => {
		const limit = await tokenFailure({ statusCode: 429, body: {} });
		const stream = Object.assign((async function* () {})(), { destroy() {} });
		const ctx = fakeContext({ answers: [limit, { statusCode: 200, headers: { 'content-type': 'text/event-stream' }, body: stream }], credentials: { sessionToken: '' } });
		storedLater(ctx, 2, 'nmv_usr_stored_elsewhere');
		await expect(openEventStream(ctx, { path: '/run_sse', body: { q: 1 }, itemIndex: 0, timeoutMs: 1000 })).resolves.toBe(stream);
		expect(ctx.calls.map((call) => call.signedWith)).toEqual(['', 'nmv_usr_stored_elsewhere']);
	});

	test('after an expired token, the wait skips the rejected token still stored and takes the new one', async () => {
		const limit = await tokenFailure({ statusCode: 429, body: {} });
		const ctx = fakeContext({ answers: [envelopeError(1001), limit, ok({ renewed: true })] });
		storedLater(ctx, 4, 'nmv_usr_renewed');
		await expect(post(ctx)).resolves.toEqual({ renewed: true });
		expect(ctx.calls.map((call) => call.signedWith)).toEqual(['nmv_usr_stored', '', 'nmv_usr_renewed']);
	});

	test('no token stored in time, first token: the error says the credential has none and why', async () => {
		const limit = await tokenFailure({ statusCode: 429, body: { code: 429, message: 'too many from this IP' } });
		const ctx = fakeContext({ answers: [limit], credentials: { sessionToken: '' } });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toBe('NemoVideo refused this credential its first free token');
		expect(error.description).toContain('The credential has no token yet');
		expect(error.description).toContain('ten free tokens per IP address');
		expect(error.description).toContain('NemoVideo said: "too many from this IP"');
		expect(error.description).not.toMatch(/already had/);
		expect(error.message).not.toContain('Could not reach');
		expect(ctx.calls).toHaveLength(1);
	});

	test('no token stored in time after an expired one: the error says the stored token stopped working', async () => {
		const limit = await tokenFailure({ statusCode: 429, body: {} });
		const ctx = fakeContext({ answers: [envelopeError(1001), limit] });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toBe('NemoVideo refused a new free token after the stored one stopped working');
		expect(error.description).toContain('no longer accepts this credential\'s token');
		expect(error.description).toContain('no other execution stored a new one');
		expect(ctx.calls).toHaveLength(2);
	});

	test('the refusal is found however deep it is wrapped, whatever the wrappers say', async () => {
		const limit = await tokenFailure({ statusCode: 429, body: {} });
		const wrapped = new Error('request signing failed', { cause: new Error('credential helper failed', { cause: limit }) });
		const ctx = fakeContext({ answers: [wrapped], credentials: { sessionToken: '' } });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toBe('NemoVideo refused this credential its first free token');
	});

	test('a token request that failed otherwise is reported in its own words, without waiting', async () => {
		const refused = await tokenFailure({ statusCode: 400, body: { code: 400, message: 'X-Client-Id required' } });
		const ctx = fakeContext({ answers: [refused], credentials: { sessionToken: '' } });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toBe('NemoVideo did not issue a free token');
		expect(error.description).toContain('X-Client-Id required');
		expect(ctx.credentialReads).toBe(1);
	});

	test('a connection error whose words happen to start with "NemoVideo" is still a connection error', async () => {
		// EPIPE: a code whose message n8n's wrapper leaves as it is (it rewrites ECONNRESET's)
		const ctx = fakeContext({ answers: [Object.assign(new Error('NemoVideo gateway closed the connection'), { code: 'EPIPE' })] });
		const error = await post(ctx).catch((e) => e);
		expect(error.message).toBe('Could not reach NemoVideo at http://api.test');
		expect(error.description).toContain('EPIPE');
	});
});

describe('a rejected token is refreshed once', () => {
	test.each([
		['1001 inside HTTP 200', envelopeError(1001)],
		['HTTP 401', httpError(401, { code: 1001 })],
	])('%s: blanks the stored token so preAuthentication issues a new one, then sends once more', async (_n, rejection) => {
		const ctx = fakeContext({ answers: [rejection, ok({ fine: true })] });
		await expect(post(ctx)).resolves.toEqual({ fine: true });
		expect(ctx.calls).toHaveLength(2);
		expect(ctx.calls[0].signedWith).toBe('nmv_usr_stored');
		expect(ctx.calls[1].signedWith).toBe('');
		expect(ctx.calls[1].options.body).toEqual({ a: 1 });
	});

	test('a second rejection is a clear error, with no third request', async () => {
		const ctx = fakeContext({ answers: [envelopeError(1001), envelopeError(1001), ok({})] });
		const error = await post(ctx).catch((e) => e);
		expect(error.nemoCode).toBe(1001);
		expect(error.message).toBe('NemoVideo rejected the access token');
		expect(error.description).toContain('even after a fresh one was requested');
		expect(ctx.calls).toHaveLength(2);
	});

	test('an API token is not refreshed: the user has to fix it', async () => {
		const ctx = fakeContext({ answers: [httpError(401), ok({})], credentials: { authType: 'apiToken', apiToken: 'nmv_usr_api' } });
		const error = await post(ctx).catch((e) => e);
		expect(error.nemoCode).toBe(1001);
		// nothing was re-requested, and the words do not claim it was
		expect(error.description).toContain('Check it in the NemoVideo API credential');
		expect(error.description).not.toContain('fresh one');
		expect(ctx.calls).toHaveLength(1);
	});
});

describe('retries', () => {
	test('a GET is retried on transient statuses until it succeeds', async () => {
		const ctx = fakeContext({ answers: [httpError(503), httpError(502), ok({ n: 3 })] });
		await expect(get(ctx)).resolves.toEqual({ n: 3 });
		expect(ctx.calls).toHaveLength(3);
	});

	test('a GET gives up after four attempts', async () => {
		const ctx = fakeContext({ answers: [httpError(503), httpError(503), httpError(503), httpError(503), ok({})] });
		const error = await get(ctx).catch((e) => e);
		expect(error.nemoCode).toBe(503);
		expect(ctx.calls).toHaveLength(4);
	}, 15000);

	test('a GET is retried after a network error', async () => {
		const ctx = fakeContext({ answers: [networkError('ECONNRESET'), ok({ n: 2 })] });
		await expect(get(ctx)).resolves.toEqual({ n: 2 });
	});

	test('a POST is never re-sent after a server error or a lost connection', async () => {
		for (const answer of [httpError(503), networkError('ECONNRESET')]) {
			const ctx = fakeContext({ answers: [answer, ok({})] });
			await expect(post(ctx)).rejects.toThrow();
			expect(ctx.calls).toHaveLength(1);
		}
	});

	test('a 429 is waited on (Retry-After) and sent once more, then reported', async () => {
		const ctx = fakeContext({ answers: [{ ...httpError(429), headers: { 'retry-after': '0' } }, { ...httpError(429), headers: { 'retry-after': '0' } }, ok({})] });
		const error = await post(ctx).catch((e) => e);
		expect(error.nemoCode).toBe(429);
		expect(error.description).toContain('Wait a few minutes');
		expect(ctx.calls).toHaveLength(2);
	});

	test('a 429 that clears on the second try succeeds', async () => {
		const ctx = fakeContext({ answers: [{ ...httpError(429), headers: { 'retry-after': '0' } }, ok({ done: 1 })] });
		await expect(post(ctx)).resolves.toEqual({ done: 1 });
	});

	test('an instruction is not re-sent after a 429', async () => {
		const ctx = fakeContext({ answers: [{ ...httpError(429), headers: { 'retry-after': '0' } }, ok({})] });
		await expect(openEventStream(ctx, { path: '/run_sse', body: {}, itemIndex: 0, timeoutMs: 1000 })).rejects.toMatchObject({ nemoCode: 429 });
		expect(ctx.calls).toHaveLength(1);
	});

	test('cancelling the execution stops a retry wait at once', async () => {
		const controller = new AbortController();
		const ctx = fakeContext({ answers: [httpError(503), ok({})], signal: controller.signal });
		const started = Date.now();
		const pending = get(ctx).catch((e) => e);
		// Cancelled while the first backoff (500-600 ms) is under way, not before it starts.
		setTimeout(() => controller.abort(), 50);
		const error = await pending;
		expect(error.message).toBe('The execution was cancelled');
		expect(Date.now() - started).toBeLessThan(400);
		expect(ctx.calls).toHaveLength(1);
	});
});
