// Many executions of one workflow at once on one credential, in a real n8n 2.41.1 run as users run
// it (`n8n start`, webhook-triggered executions), once in regular mode and once in queue mode
// (main + 2 workers + Redis): 20 first executions on a credential imported without a client id,
// then 10 that meet an expired token. The simulator answers the token request after 250 ms, as a
// real round trip does, so the executions overlap while the first token is on its way.
const { startStack } = require('./support/stack');
const { chainWorkflow, webhookTrigger } = require('../../scripts/lib');
const { tokenTag } = require('../../simulator/ids');

const TOKEN_REQUEST = { method: 'POST', path: '/api/auth/anonymous-token' };
const CREATE_SESSION = { method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' };
const RUN_SSE = { method: 'POST', path: '/run_sse' };
const RENDER_SUBMIT = { method: 'POST', path: '/api/render/proxy/lambda' };
const GENERATE = 'Generate a 10-second video of a city timelapse at night #sim-no-trailer';

const SIMULATOR = { timeScale: 0.01, tokenDelayMs: 250, startingCredits: 1_000_000, trailerRate: 0, seed: 9 };
const FIRST_BURST = 20;
const EXPIRED_BURST = 10;

jest.setTimeout(10 * 60_000);

/** Webhook → Create Session → Send Instruction → Export & Wait; the webhook answers with the render. */
function pipeline(id, credential) {
	return chainWorkflow({
		id,
		credential,
		trigger: webhookTrigger(id),
		steps: [
			{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { options: { claimLink: false } } },
			{ type: 'nemoVideoSendInstruction', name: 'Send Instruction', parameters: { instruction: GENERATE } },
			{ type: 'nemoVideoExport', name: 'Export & Wait', parameters: { options: { download: false, pollIntervalSeconds: 0.2 } } },
		],
	});
}

/** `count` webhook calls at once; resolves to each answer's status and body. */
async function burst(n8n, path, count) {
	return await Promise.all(
		Array.from({ length: count }, async () => {
			const response = await fetch(`${n8n.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			const text = await response.text();
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {
				// an error page: keep the text for the failure message
			}
			return { status: response.status, body };
		}),
	);
}

/**
 * What every burst must show: each execution rendered its own session, the API issued exactly one
 * token, every call after it carried that token, and nothing paid for was sent twice.
 * `refusalsAllowed`: how many token requests may have been answered 429 (in queue mode each other
 * worker may ask once and learn that way that another process got the token).
 * Resolves to the issued token's tag and the client id it was issued to.
 */
function expectOneTokenForTheBurst(simulator, results, { count, refusalsAllowed, expiredTag }) {
	expect(results.filter((result) => result.status !== 200)).toEqual([]);
	for (const { body } of results) expect(body).toMatchObject({ sessionId: expect.any(String), renderId: expect.any(String), attempts: 1 });
	expect(new Set(results.map(({ body }) => body.sessionId)).size).toBe(count);

	const tokenRequests = simulator.log.filter(TOKEN_REQUEST);
	const issued = tokenRequests.filter((entry) => entry.status === 200);
	expect(issued).toHaveLength(1);
	const refused = tokenRequests.filter((entry) => entry.status !== 200);
	expect(refused.map((entry) => entry.status)).toEqual(refused.map(() => 429));
	expect(refused.length).toBeLessThanOrEqual(refusalsAllowed);
	const clientId = issued[0].headers['x-client-id'];
	expect(new Set(tokenRequests.map((entry) => entry.headers['x-client-id']))).toEqual(new Set([clientId]));

	const calls = simulator.log.filter((entry) => entry.origin === 'api' && entry.path !== TOKEN_REQUEST.path);
	const tags = new Set(calls.map((entry) => entry.tokenTag));
	const issuedTag = [...new Set(simulator.log.filter(RUN_SSE).map((entry) => entry.tokenTag))];
	expect(issuedTag).toHaveLength(1);
	// Only a request refused for the expired token carries it, each the first call of its execution.
	const withExpired = calls.filter((entry) => entry.tokenTag !== issuedTag[0]);
	expect(withExpired.every((entry) => entry.tokenTag === expiredTag && entry.path === CREATE_SESSION.path)).toBe(true);
	expect(withExpired.length).toBeLessThanOrEqual(expiredTag ? count : 0);
	expect(tags.size).toBe(withExpired.length ? 2 : 1);

	expect(simulator.log.filter(CREATE_SESSION).filter((entry) => entry.tokenTag === issuedTag[0])).toHaveLength(count);
	expect(simulator.log.count(RUN_SSE)).toBe(count);
	expect(simulator.log.count(RENDER_SUBMIT)).toBe(count);
	return { tag: issuedTag[0], clientId };
}

describe.each([
	['regular mode', undefined, 0],
	['queue mode, main + 2 workers', { workers: 2, workerConcurrency: 10 }, 1],
])('%s', (_mode, queue, refusalsAllowed) => {
	let stack;
	let first;

	beforeAll(async () => {
		stack = await startStack({
			simulator: SIMULATOR,
			credentials: { Burst: {} },
			workflows: ({ Burst }) => [pipeline('burst', Burst)],
			publish: ['burst'],
			queue,
		});
	}, 10 * 60_000);

	afterAll(async () => {
		await stack?.close();
	});

	test(`${FIRST_BURST} first executions on a credential without a client id: one token, all succeed`, async () => {
		stack.simulator.log.clear();
		const results = await burst(stack.n8n, 'burst', FIRST_BURST);
		first = expectOneTokenForTheBurst(stack.simulator, results, { count: FIRST_BURST, refusalsAllowed });

		// What n8n stored is that token and the client id it was issued to, for every later execution.
		const stored = await stack.n8n.getCredentialData(stack.credentials.Burst.id);
		expect(tokenTag(stored.sessionToken)).toBe(first.tag);
		expect(stored.clientId).toBe(first.clientId);
		if (queue) {
			const perWorker = stack.n8n.workers.map((worker) => worker.executionIds().length);
			expect(perWorker.reduce((sum, n) => sum + n, 0)).toBe(FIRST_BURST);
			expect(perWorker.every((n) => n > 0)).toBe(true);
		}
	});

	test(`${EXPIRED_BURST} executions that meet an expired token: one new token, all succeed`, async () => {
		expect(first).toBeDefined();
		stack.simulator.expireTokens();
		stack.simulator.log.clear();
		const before = queue ? stack.n8n.workers.map((worker) => worker.executionIds().length) : [];
		const results = await burst(stack.n8n, 'burst', EXPIRED_BURST);
		const renewed = expectOneTokenForTheBurst(stack.simulator, results, { count: EXPIRED_BURST, refusalsAllowed, expiredTag: first.tag });
		expect(renewed.tag).not.toBe(first.tag);
		expect(renewed.clientId).toBe(first.clientId);
		if (queue) {
			const perWorker = stack.n8n.workers.map((worker, index) => worker.executionIds().length - before[index]);
			expect(perWorker.reduce((sum, n) => sum + n, 0)).toBe(EXPIRED_BURST);
		}
	});
});
