// Create Session → Get State → Get Credits in a real n8n 2.41.1, with the package installed from
// its npm tarball into n8n's community nodes folder: run from the editor (the server's process)
// and from n8n's CLI (a process of its own), with the outputs a user sees; a failing node's error;
// and no token anywhere in what n8n shows or logs.
const { startStack } = require('./support/stack');
const { foundationWorkflow } = require('./support/workflows');
const { chainWorkflow, nodeOutput, nodeError } = require('../../scripts/lib');
const { version } = require('../../package.json');

// Each test drives real n8n processes; on a busy 2-core machine a CLI run alone can take 15 s.
jest.setTimeout(10 * 60_000);

let stack;
/** Everything n8n returned or printed about an execution, scanned for tokens at the end. */
const shown = [];

beforeAll(async () => {
	stack = await startStack({
		credentials: { Main: {} },
		// The most n8n ever logs: the token must not show up even there.
		n8nEnv: { N8N_LOG_LEVEL: 'debug' },
		workflows: ({ Main }) => [
			foundationWorkflow({ id: 'wfFoundation', name: 'Foundation', credential: Main, createSession: { taskName: 'e2e launch video', language: 'en' } }),
			chainWorkflow({
				id: 'wfUnknownSession',
				name: 'Get State of a session that does not exist',
				steps: [{ type: 'nemoVideoGetState', name: 'Get State', parameters: { sessionId: '999999999' } }],
				credential: Main,
			}),
		],
	});
}, 10 * 60_000);

afterAll(async () => {
	await stack?.close();
});

function expectFoundationOutputs(runData, taskName) {
	const [session] = nodeOutput(runData, 'Create Session');
	expect(session.json).toEqual({
		sessionId: expect.stringMatching(/^\d+$/),
		taskId: expect.any(String),
		userId: expect.stringMatching(/^anon_/),
		claimUrl: expect.stringMatching(/^https:\/\/nemovideo\.com\/workspace\/claim\?ct=/),
	});
	const [state] = nodeOutput(runData, 'Get State');
	expect(state.json).toEqual({
		sessionId: session.json.sessionId,
		readyForExport: false,
		timeline: 'Timeline (0 tracks): nothing generated yet',
		tracks: [],
		durationMs: 0,
		media: { uploaded: 0, generated: 0 },
	});
	expect(state.pairedItem).toEqual({ item: 0 });
	const [credits] = nodeOutput(runData, 'Get Credits');
	expect(credits.json).toEqual({ available: expect.any(Number), frozen: 0, total: expect.any(Number) });
	expect(credits.json.available).toBe(credits.json.total);

	const created = stack.simulator.log.filter({ method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' });
	expect(created.at(-1).body).toEqual({ task_name: taskName, language: 'en' });
	return session.json.sessionId;
}

test('the package is loaded as n8n-nodes-nemovideo.* community nodes', async () => {
	const nodeTypes = await stack.n8n.rest.request('GET', '/types/nodes.json', undefined, { raw: true });
	const names = nodeTypes.map((type) => type.name);
	expect(names).toEqual(
		expect.arrayContaining(['n8n-nodes-nemovideo.nemoVideoCreateSession', 'n8n-nodes-nemovideo.nemoVideoGetState', 'n8n-nodes-nemovideo.nemoVideoGetCredits']),
	);
	// usableAsTool: n8n derives a Tool variant an AI Agent can call.
	expect(names).toContain('n8n-nodes-nemovideo.nemoVideoGetCreditsTool');
	const credentialTypes = await stack.n8n.rest.request('GET', '/types/credentials.json', undefined, { raw: true });
	expect(credentialTypes.map((type) => type.name)).toContain('nemoVideoApi');
});

test('Create Session → Get State → Get Credits succeeds when run from the editor', async () => {
	stack.simulator.log.clear();
	const execution = await stack.n8n.runWorkflow('wfFoundation');
	shown.push(JSON.stringify(execution));
	expect(execution.status).toBe('success');
	expectFoundationOutputs(execution.data, 'e2e launch video');

	const requests = stack.simulator.log.all();
	expect(requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual(
		expect.arrayContaining(['POST /api/tasks/me/with-session/nemo_agent', 'GET /api/credits/balance/simple']),
	);
	for (const entry of requests) {
		expect(entry.headers['x-skill-source']).toBe('n8n-nodes-nemovideo');
		expect(entry.headers['x-skill-platform']).toBe('n8n');
		expect(entry.headers['x-skill-version']).toBe(version);
	}
});

test('the same workflow succeeds from the n8n CLI, a process of its own', async () => {
	const before = stack.simulator.log.count({ method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' });
	const result = await stack.n8n.executeWorkflow('wfFoundation');
	shown.push(result.stdout, result.stderr);
	expect(result.ok).toBe(true);
	expectFoundationOutputs(result.run.data, 'e2e launch video');
	expect(stack.simulator.log.count({ method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' })).toBe(before + 1);
});

test('a failing node stops the run with an error that says what to do', async () => {
	const execution = await stack.n8n.runWorkflow('wfUnknownSession');
	shown.push(JSON.stringify(execution));
	expect(execution.status).toBe('error');
	const error = nodeError(execution.data, 'Get State');
	expect(error).toBeDefined();
	expect(error.message).toMatch(/session not found/i);
	expect(error.description).toMatch(/Create Session/);
});

test('no token (nmv_usr_…) appears in any execution n8n shows, nor in its log', async () => {
	// The check means something only if a token exists and was used.
	const stored = await stack.n8n.getCredentialData(stack.credentials.Main.id);
	expect(stored.sessionToken).toMatch(/^nmv_usr_/);
	expect(stack.simulator.log.filter((entry) => entry.hasAuthorization).length).toBeGreaterThan(0);

	const executions = await stack.n8n.rest.request('GET', '/rest/executions?limit=100');
	const all = executions.results ?? executions;
	expect(all.length).toBeGreaterThanOrEqual(3);
	for (const summary of all) shown.push(JSON.stringify(await stack.n8n.getExecution(summary.id)));

	expect(shown.length).toBeGreaterThanOrEqual(6);
	for (const text of shown) expect(text).not.toContain('nmv_usr_');
	expect(stack.n8n.logs()).not.toContain('nmv_usr_');
});
