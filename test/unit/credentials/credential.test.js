const { NemoVideoApi } = require('../../../credentials/NemoVideoApi.credentials');
const { PACKAGE_VERSION } = require('../../../nodes/shared/packageInfo');

function fakeHelper(answer) {
	const requests = [];
	return {
		requests,
		helper: {
			helpers: {
				httpRequest: async (options) => {
					requests.push(options);
					if (answer instanceof Error) throw answer;
					return answer;
				},
			},
		},
	};
}

const issued = { statusCode: 200, body: { code: 0, data: { token: 'nmv_usr_new', user_id: 'anon_00ff00ff00ff00ff', expires_at: '2026-12-01T00:00:00Z', credits: 100 } } };
const base = { authType: 'anonymous', baseUrl: 'http://api.test/', webUrl: 'https://web.test', clientId: '', sessionToken: '' };

test('the version sent as X-Skill-Version is the package version', () => {
	expect(PACKAGE_VERSION).toBe(require('../../../package.json').version);
});

test('the fields and defaults are the ones saved workflows rely on', () => {
	const credential = new NemoVideoApi();
	const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
	expect(credential.name).toBe('nemoVideoApi');
	expect(credential.displayName).toBe('NemoVideo API');
	expect(byName.authType.default).toBe('anonymous');
	expect(byName.authType.options.map((o) => o.value)).toEqual(['anonymous', 'apiToken']);
	expect(byName.apiToken.typeOptions.password).toBe(true);
	expect(byName.clientId.default).toBe('');
	expect(byName.baseUrl.default).toBe('https://mega-api-prod.nemovideo.ai');
	expect(byName.webUrl.default).toBe('https://nemovideo.com');
	expect(byName.sessionToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
	expect(credential.test.request.url).toBe('/api/credits/balance/simple');
});

test('an anonymous token is requested with a generated client id, which is kept with the token', async () => {
	const { helper, requests } = fakeHelper(issued);
	const output = await new NemoVideoApi().preAuthentication.call(helper, base);
	expect(requests).toHaveLength(1);
	expect(requests[0].url).toBe('http://api.test/api/auth/anonymous-token');
	expect(requests[0].method).toBe('POST');
	const clientId = requests[0].headers['X-Client-Id'];
	expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
	expect(requests[0].headers['X-Skill-Source']).toBe('n8n-nodes-nemovideo');
	expect(requests[0].headers.Authorization).toBeUndefined();
	expect(output).toEqual({ sessionToken: 'nmv_usr_new', clientId, anonymousUserId: 'anon_00ff00ff00ff00ff' });
});

test('a client id the user set is reused, never replaced', async () => {
	const { helper, requests } = fakeHelper(issued);
	const output = await new NemoVideoApi().preAuthentication.call(helper, { ...base, clientId: 'my-client' });
	expect(requests[0].headers['X-Client-Id']).toBe('my-client');
	expect(output.clientId).toBe('my-client');
});

test('an API token needs no exchange and stores nothing', async () => {
	const { helper, requests } = fakeHelper(issued);
	const output = await new NemoVideoApi().preAuthentication.call(helper, { ...base, authType: 'apiToken', apiToken: 'nmv_usr_mine' });
	expect(output).toEqual({});
	expect(requests).toHaveLength(0);
});

test('the rate limit is explained with both limits and the API\'s words, never claiming the credential had a token', async () => {
	const { helper } = fakeHelper({ statusCode: 429, body: { code: 429, message: 'too many nmv_usr_leaked' } });
	const error = await new NemoVideoApi().preAuthentication.call(helper, base).catch((e) => e);
	expect(error.message).toBe('NemoVideo refused a free token: its limit is reached');
	expect(error.description).toContain('one free token per Client ID and ten per IP address every 7 days');
	expect(error.description).toContain('"too many [token removed]"');
	expect(error.description).not.toMatch(/already had/);
	expect(error.refusal).toBe('too many [token removed]');
});

describe('one token request per client id in a process', () => {
	const { markTokenRejected, storedTokenWait } = require('../../../nodes/shared/transport/anonymousToken');
	const slowHelper = (answers) => {
		const requests = [];
		const helper = {
			helpers: {
				httpRequest: async (options) => {
					requests.push(options);
					await new Promise((resolve) => setTimeout(resolve, 50));
					const answer = answers.shift();
					if (answer instanceof Error) throw answer;
					return answer;
				},
			},
		};
		return { helper, requests };
	};
	const token = (value) => ({ statusCode: 200, body: { code: 0, data: { token: value, user_id: 'anon_00ff00ff00ff00ff' } } });
	const preAuth = (helper, clientId) => new NemoVideoApi().preAuthentication.call(helper, { ...base, clientId });

	test('executions that ask at once share one request and one token; a later one gets it without asking', async () => {
		const { helper, requests } = slowHelper([token('nmv_usr_one'), token('nmv_usr_two')]);
		const outputs = await Promise.all(Array.from({ length: 5 }, () => preAuth(helper, 'burst-client')));
		expect(requests).toHaveLength(1);
		expect(new Set(outputs.map((output) => output.sessionToken))).toEqual(new Set(['nmv_usr_one']));
		expect((await preAuth(helper, 'burst-client')).sessionToken).toBe('nmv_usr_one');
		expect(requests).toHaveLength(1);
		// another client id (another credential) is asked for on its own
		expect((await preAuth(helper, 'other-client')).sessionToken).toBe('nmv_usr_two');
		expect(requests).toHaveLength(2);
	});

	test('a token the API rejected is never handed out again: the next execution asks for a new one', async () => {
		const { helper, requests } = slowHelper([token('nmv_usr_old'), token('nmv_usr_new')]);
		expect((await preAuth(helper, 'expiring-client')).sessionToken).toBe('nmv_usr_old');
		markTokenRejected('nmv_usr_old');
		const renewed = await Promise.all([preAuth(helper, 'expiring-client'), preAuth(helper, 'expiring-client')]);
		expect(renewed.map((output) => output.sessionToken)).toEqual(['nmv_usr_new', 'nmv_usr_new']);
		expect(requests).toHaveLength(2);
	});

	test('a 429 is remembered while another process stores its token; a network failure is not', async () => {
		const saved = { ...storedTokenWait };
		storedTokenWait.totalMs = 300;
		try {
			const refused = { statusCode: 429, body: { code: 429, message: 'one per client' } };
			const { helper, requests } = slowHelper([refused, token('nmv_usr_late'), Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), token('nmv_usr_after')]);
			await expect(preAuth(helper, 'refused-client')).rejects.toMatchObject({ refusal: 'one per client' });
			await expect(preAuth(helper, 'refused-client')).rejects.toMatchObject({ refusal: 'one per client' });
			expect(requests).toHaveLength(1);
			await new Promise((resolve) => setTimeout(resolve, 350));
			expect((await preAuth(helper, 'refused-client')).sessionToken).toBe('nmv_usr_late');
			expect(requests).toHaveLength(2);

			await expect(preAuth(helper, 'unreachable-client')).rejects.toThrow('could not be reached');
			expect((await preAuth(helper, 'unreachable-client')).sessionToken).toBe('nmv_usr_after');
			expect(requests).toHaveLength(4);
		} finally {
			Object.assign(storedTokenWait, saved);
		}
	});
});

test('an unreachable API and a refused request are clear errors', async () => {
	const unreachable = fakeHelper(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }));
	await expect(new NemoVideoApi().preAuthentication.call(unreachable.helper, base)).rejects.toThrow('NemoVideo could not be reached at http://api.test');
	const refused = fakeHelper({ statusCode: 400, body: { code: 400, message: 'X-Client-Id required' } });
	const error = await new NemoVideoApi().preAuthentication.call(refused.helper, base).catch((e) => e);
	expect(error.message).toBe('NemoVideo did not issue a free token');
	expect(error.description).toContain('X-Client-Id required');
});

test('authenticate signs with the anonymous token or the API token, and adds attribution', async () => {
	const credential = new NemoVideoApi();
	const anonymous = await credential.authenticate({ ...base, sessionToken: 'nmv_usr_anon' }, { url: '/x', headers: { Accept: 'x' } });
	expect(anonymous.headers).toMatchObject({ Authorization: 'Bearer nmv_usr_anon', Accept: 'x', 'X-Skill-Platform': 'n8n' });
	const api = await credential.authenticate({ ...base, authType: 'apiToken', apiToken: 'nmv_usr_api', sessionToken: 'nmv_usr_anon' }, { url: '/x' });
	expect(api.headers.Authorization).toBe('Bearer nmv_usr_api');
});
