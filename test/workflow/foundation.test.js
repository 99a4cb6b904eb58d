// Create Session → Get State → Get Credits inside n8n-core's real engine, against the simulator.
const { startSimulator } = require('../../simulator');
const { createRunner, chain } = require('./harness');

let simulator;
beforeAll(async () => {
	simulator = await startSimulator({ timeScale: 0.01, seed: 7 });
});
afterAll(async () => {
	await simulator?.close();
});
beforeEach(() => {
	simulator.reset();
});

const foundation = (items) =>
	chain(
		[
			{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { taskName: 'launch video', language: 'en' } },
			{ type: 'nemoVideoGetState', name: 'Get State' },
			{ type: 'nemoVideoGetCredits', name: 'Get Credits' },
		],
		{ items },
	);

test('Create Session → Get State → Get Credits, chained by $json.sessionId', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const { outputs, errors } = await runner.run(foundation());
	expect(errors).toEqual({});

	const [session] = outputs['Create Session'];
	expect(session.json.sessionId).toMatch(/^\d+$/);
	expect(session.json.taskId).toEqual(expect.any(String));
	expect(session.json.userId).toMatch(/^anon_[0-9a-f]{16}$/);
	expect(session.json.claimUrl).toMatch(/^https:\/\/nemovideo\.com\/workspace\/claim\?ct=clm_/);
	expect(session.pairedItem).toEqual({ item: 0 });

	const [state] = outputs['Get State'];
	expect(state.json).toMatchObject({
		sessionId: session.json.sessionId,
		readyForExport: false,
		timeline: 'Timeline (0 tracks): nothing generated yet',
		tracks: [],
		durationMs: 0,
		media: { uploaded: 0, generated: 0 },
	});
	expect(state.json.state).toBeUndefined();

	expect(outputs['Get Credits'][0].json).toEqual({ available: 100, frozen: 0, total: 100 });

	const create = simulator.log.all().find((entry) => entry.path === '/api/tasks/me/with-session/nemo_agent');
	expect(create.body).toEqual({ task_name: 'launch video', language: 'en' });
	for (const entry of simulator.log.all()) {
		expect(entry.headers['x-skill-source']).toBe('n8n-nodes-nemovideo');
		expect(entry.headers['x-skill-platform']).toBe('n8n');
		expect(entry.headers['x-skill-version']).toBe(require('../../package.json').version);
	}
});

test('one API conversation per item, in order, and the token is issued once for all of them', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const { outputs, errors } = await runner.run(foundation([{ n: 1 }, { n: 2 }, { n: 3 }]));
	expect(errors).toEqual({});
	const sessions = outputs['Create Session'].map((item) => item.json.sessionId);
	expect(new Set(sessions).size).toBe(3);
	expect(outputs['Get State'].map((item) => item.json.sessionId)).toEqual(sessions);
	expect(outputs['Get State'].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(simulator.log.count({ method: 'POST', path: '/api/auth/anonymous-token' })).toBe(1);
	expect(runner.credentials.stored().sessionToken).toMatch(/^nmv_usr_/);
	expect(runner.credentials.stored().clientId).toMatch(/^[0-9a-f-]{36}$/);
});

test('the raw state is added on request', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const workflow = foundation();
	workflow.nodes.find((node) => node.name === 'Get State').parameters = { options: { includeRawState: true } };
	const { outputs } = await runner.run(workflow);
	expect(outputs['Get State'][0].json.state).toMatchObject({ video_infos: [], draft: {} });
});

test.each(['envelope', 'strict'])('an expired token is refreshed exactly once and the run succeeds (%s errors)', async (errorMapping) => {
	simulator.setConfig({ errorMapping });
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	await runner.run(foundation());
	const firstToken = runner.credentials.stored().sessionToken;
	simulator.expireTokens();
	simulator.log.clear();

	const { outputs, errors } = await runner.run(foundation());
	expect(errors).toEqual({});
	expect(outputs['Get Credits'][0].json.available).toBeGreaterThanOrEqual(0);
	expect(simulator.log.count({ method: 'POST', path: '/api/auth/anonymous-token' })).toBe(1);
	const secondToken = runner.credentials.stored().sessionToken;
	expect(secondToken).toMatch(/^nmv_usr_/);
	expect(secondToken).not.toBe(firstToken);
	// The rejected request was the session creation; it went out twice (old token, new token), nothing else did.
	expect(simulator.log.count({ method: 'POST', path: '/api/tasks/me/with-session/nemo_agent' })).toBe(2);
});

test('an unknown session is a clear error, and Continue On Fail turns it into an error item', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const workflow = chain([{ type: 'nemoVideoGetState', name: 'Get State', parameters: { sessionId: '999' }, onError: 'continueRegularOutput' }]);
	const { outputs } = await runner.run(workflow);
	expect(outputs['Get State'][0].json.error).toBe('NemoVideo session not found');
	expect(outputs['Get State'][0].json.description).toContain('NemoVideo Create Session');

	// An item that carries no sessionId (the node placed after something other than Create Session).
	const failing = chain([{ type: 'nemoVideoGetState', name: 'Get State', parameters: { sessionId: '={{ $json.sessionId }}' } }], { items: [{ other: 1 }] });
	const result = await runner.run(failing);
	expect(result.errors['Get State'].message).toBe('No session ID');
});

test('no token ever reaches the output', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const { outputs } = await runner.run(foundation());
	expect(JSON.stringify(outputs)).not.toMatch(/nmv_usr_/);
});

test('with the error output switched on, a failed item goes there and the others go on', async () => {
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const created = await runner.run(chain([{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { taskName: 'error output', language: 'en' } }]));
	const { sessionId } = created.outputs['Create Session'][0].json;
	// The failing item comes first: the one after it must still be read.
	const workflow = chain([{ type: 'nemoVideoGetState', name: 'Get State', parameters: { sessionId: '={{ $json.sessionId }}' }, onError: 'continueErrorOutput' }], {
		items: [{ sessionId: '999' }, { sessionId }],
	});
	const { outputs, errorOutputs } = await runner.run(workflow);
	expect(outputs['Get State']).toHaveLength(1);
	expect(outputs['Get State'][0].json.sessionId).toBe(sessionId);
	expect(outputs['Get State'][0].pairedItem).toEqual({ item: 1 });
	expect(errorOutputs['Get State']).toHaveLength(1);
	expect(errorOutputs['Get State'][0].json.error).toBe('NemoVideo session not found');
	expect(errorOutputs['Get State'][0].pairedItem).toEqual({ item: 0 });
});

test('when NemoVideo will not issue a free token, the node says why and what to do, and nothing else is sent', async () => {
	simulator.setConfig({ ipTokenLimit: 0 });
	// After a 429 the node waits for a token another process may store; no one will here.
	const { storedTokenWait } = require('../../nodes/shared/transport/anonymousToken');
	const saved = { ...storedTokenWait };
	Object.assign(storedTokenWait, { totalMs: 500, pollMs: 50 });
	const runner = await createRunner({ credentials: { baseUrl: simulator.url } });
	const { errors } = await runner.run(chain([{ type: 'nemoVideoGetCredits', name: 'Get Credits' }])).finally(() => Object.assign(storedTokenWait, saved));
	expect(errors['Get Credits'].message).toBe('NemoVideo refused this credential its first free token');
	expect(errors['Get Credits'].description).toContain('The credential has no token yet');
	expect(errors['Get Credits'].description).toContain('ten free tokens per IP address');
	expect(errors['Get Credits'].description).toContain('Switch the credential to an API token');
	expect(simulator.log.count({ method: 'POST', path: '/api/auth/anonymous-token' })).toBe(1);
	expect(simulator.log.count({ method: 'GET', path: '/api/credits/balance/simple' })).toBe(0);
});
