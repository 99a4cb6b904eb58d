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

test('the rate limit (one token per client id per 7 days) is explained without a token in sight', async () => {
	const { helper } = fakeHelper({ statusCode: 429, body: { code: 429, message: 'too many' } });
	const error = await new NemoVideoApi().preAuthentication.call(helper, base).catch((e) => e);
	expect(error.message).toMatch(/^NemoVideo refused a new free token/);
	expect(error.description).toContain('one free token per client ID every 7 days');
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
