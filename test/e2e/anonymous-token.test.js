// The free anonymous token in a real n8n 2.41.1: issued once per credential and stored by n8n,
// reused by every later execution (in the server's process and in separate CLI processes, as
// queue-mode workers would), refreshed exactly once after NemoVideo rejects it, in both ways the
// API may say so; and the credential's Test button.
const { startStack } = require('./support/stack');
const { foundationWorkflow } = require('./support/workflows');
const { nodeOutput } = require('../../scripts/lib');
const { version } = require('../../package.json');

const TOKEN_REQUEST = { method: 'POST', path: '/api/auth/anonymous-token' };
const CREATE_SESSION = { method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' };

const foundation = (id, credential) => foundationWorkflow({ id, credential });

// Each test drives real n8n processes; on a busy 2-core machine a CLI run alone can take 15 s.
jest.setTimeout(10 * 60_000);

let stack;
const shown = [];

beforeAll(async () => {
	stack = await startStack({
		// One credential per idea, so each test starts from the token state it describes.
		credentials: { Tested: {}, Runs: {}, Envelope: {}, Strict: {} },
		workflows: ({ Runs, Envelope, Strict }) => [foundation('wfRuns', Runs), foundation('wfEnvelope', Envelope), foundation('wfStrict', Strict)],
		n8nEnv: { N8N_LOG_LEVEL: 'debug' },
	});
}, 10 * 60_000);

afterAll(async () => {
	await stack?.close();
});

/** Runs a workflow from the editor (server process) or the CLI (own process); resolves to its run data. */
async function run(workflowId, where) {
	if (where === 'cli') {
		const result = await stack.n8n.executeWorkflow(workflowId);
		shown.push(result.stdout, result.stderr);
		expect({ workflowId, where, ok: result.ok }).toEqual({ workflowId, where, ok: true });
		return result.run.data;
	}
	const execution = await stack.n8n.runWorkflow(workflowId);
	shown.push(JSON.stringify(execution));
	expect({ workflowId, where, status: execution.status }).toEqual({ workflowId, where, status: 'success' });
	return execution.data;
}

function expectAttribution(entries) {
	expect(entries.length).toBeGreaterThan(0);
	for (const entry of entries) {
		expect({ path: entry.path, source: entry.headers['x-skill-source'], platform: entry.headers['x-skill-platform'], version: entry.headers['x-skill-version'] }).toEqual({
			path: entry.path,
			source: 'n8n-nodes-nemovideo',
			platform: 'n8n',
			version,
		});
	}
}

test("the credential's Test button succeeds", async () => {
	stack.simulator.log.clear();
	const result = await stack.n8n.testCredential(stack.credentials.Tested.id);
	expect(result).toMatchObject({ status: 'OK' });

	const balance = stack.simulator.log.filter({ method: 'GET', path: '/api/credits/balance/simple' });
	expect(balance).toHaveLength(1);
	expect(balance[0].hasAuthorization).toBe(true);
	expect(balance[0].status).toBe(200);
	expectAttribution(stack.simulator.log.all());
});

test('the Test button succeeds again later, on a credential that already holds its token', async () => {
	// The editor tests a credential each time it is saved; NemoVideo gives one token per client id per 7 days.
	stack.simulator.log.clear();
	const result = await stack.n8n.testCredential(stack.credentials.Tested.id);
	expect(result).toMatchObject({ status: 'OK' });
	const balance = stack.simulator.log.filter({ method: 'GET', path: '/api/credits/balance/simple' });
	expect(balance.map((entry) => entry.status)).toEqual([200]);
});

test('five executions in a row ask for the anonymous token exactly once', async () => {
	stack.simulator.log.clear();
	const sessionIds = [];
	// Alternating the server and separate CLI processes: only what n8n stored can carry the token across.
	for (const where of ['editor', 'cli', 'editor', 'cli', 'editor']) {
		const data = await run('wfRuns', where);
		sessionIds.push(nodeOutput(data, 'Create Session')[0].json.sessionId);
	}
	expect(new Set(sessionIds).size).toBe(5);

	const tokenRequests = stack.simulator.log.filter(TOKEN_REQUEST);
	expect(tokenRequests).toHaveLength(1);
	expect(stack.simulator.log.count(CREATE_SESSION)).toBe(5);
	const all = stack.simulator.log.all();
	expectAttribution(all);
	// Every API call carried the one token issued.
	const tags = new Set(all.filter((entry) => entry.path !== TOKEN_REQUEST.path).map((entry) => entry.tokenTag));
	expect(tags.size).toBe(1);
	expect([...tags][0]).toEqual(expect.any(String));

	const stored = await stack.n8n.getCredentialData(stack.credentials.Runs.id);
	expect(stored.sessionToken).toMatch(/^nmv_usr_/);
	expect(stored.clientId).toMatch(/^[0-9a-f-]{36}$/);
	expect(tokenRequests[0].headers['x-client-id']).toBe(stored.clientId);
});

describe.each([
	['envelope', 'wfEnvelope', 'Envelope', 'code 1001 inside an HTTP 200'],
	['strict', 'wfStrict', 'Strict', 'HTTP 401'],
])('with the simulator rejecting tokens as %s', (errorMapping, workflowId, credentialKey, how) => {
	afterAll(() => stack.simulator.setConfig({ errorMapping: 'envelope' }));

	test(`an expired token (${how}) is refreshed exactly once, the request sent again, and the new token kept`, async () => {
		stack.simulator.setConfig({ errorMapping });
		stack.simulator.log.clear();
		await run(workflowId, 'editor');
		const [firstToken] = new Set(stack.simulator.log.filter(CREATE_SESSION).map((entry) => entry.tokenTag));
		expect(firstToken).toEqual(expect.any(String));
		// This credential's first run: its token was issued now, to a client id generated for it.
		const [firstIssue] = stack.simulator.log.filter(TOKEN_REQUEST);
		const clientId = firstIssue.headers['x-client-id'];
		expect(clientId).toMatch(/^[0-9a-f-]{36}$/);

		stack.simulator.expireTokens();
		stack.simulator.log.clear();
		const data = await run(workflowId, 'editor');
		expect(nodeOutput(data, 'Get Credits')[0].json).toEqual({ available: expect.any(Number), frozen: 0, total: expect.any(Number) });

		const tokenRequests = stack.simulator.log.filter(TOKEN_REQUEST);
		expect(tokenRequests).toHaveLength(1);
		const creates = stack.simulator.log.filter(CREATE_SESSION);
		// The first attempt was rejected, the same request went once more with the new token.
		expect(creates).toHaveLength(2);
		expect(creates[0].tokenTag).toBe(firstToken);
		expect(creates[0].status).toBe(errorMapping === 'strict' ? 401 : 200);
		expect(creates[1].status).toBe(200);
		expect(creates[1].tokenTag).not.toBe(firstToken);
		expect(creates[1].body).toEqual({ task_name: 'project', language: 'en' });
		expectAttribution(stack.simulator.log.all());

		// The refreshed token was stored with the same client id: a run in another process
		// (which can only read it from n8n's database) uses it and asks for none.
		stack.simulator.log.clear();
		await run(workflowId, 'cli');
		expect(stack.simulator.log.count(TOKEN_REQUEST)).toBe(0);
		const later = stack.simulator.log.filter(CREATE_SESSION);
		expect(later.map((entry) => [entry.status, entry.tokenTag])).toEqual([[200, creates[1].tokenTag]]);
		// The refresh asked for the new token under the credential's own client id.
		expect(tokenRequests[0].headers['x-client-id']).toBe(clientId);
	});
});

test('no token (nmv_usr_…) appears in any execution n8n shows, nor in its log', async () => {
	expect(shown.length).toBeGreaterThanOrEqual(5);
	const executions = await stack.n8n.rest.request('GET', '/rest/executions?limit=100');
	for (const summary of executions.results ?? executions) shown.push(JSON.stringify(await stack.n8n.getExecution(summary.id)));
	for (const text of shown) expect(text).not.toContain('nmv_usr_');
	expect(stack.n8n.logs()).not.toContain('nmv_usr_');
});
