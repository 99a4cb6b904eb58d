// A stand-in for n8n's IExecuteFunctions that answers HTTP calls from a script, for the transport's
// unit tests. Each scripted answer is a response object, or an Error to throw (no HTTP answer).
const { NodeApiError } = require('n8n-workflow');

function fakeContext({ answers, credentials = {}, signal } = {}) {
	const calls = [];
	const queue = [...answers];
	const stored = {
		authType: 'anonymous',
		baseUrl: 'http://api.test',
		webUrl: 'https://web.test',
		sessionToken: 'nmv_usr_stored',
		anonymousUserId: 'anon_0123456789abcdef',
		...credentials,
	};
	const node = { name: 'NemoVideo', type: 'test', typeVersion: 1, parameters: {}, credentials: { nemoVideoApi: { id: '7', name: 'cred' } } };
	const ctx = {
		calls,
		credentialReads: 0,
		getNode: () => node,
		getInstanceId: () => 'instance-test',
		getCredentials: async () => {
			ctx.credentialReads++;
			return { ...stored };
		},
		getExecutionCancelSignal: () => signal,
		continueOnFail: () => false,
		helpers: {
			httpRequestWithAuthentication: async function (type, options, extra) {
				// n8n reads the credential itself unless it is handed one (`credentialsDecrypted`)
				if (!extra?.credentialsDecrypted) ctx.credentialReads++;
				calls.push({ type, options, signedWith: extra?.credentialsDecrypted?.data?.sessionToken, signedWithData: { ...extra?.credentialsDecrypted?.data } });
				if (queue.length === 0) throw new Error('the test scripted no more answers');
				const answer = queue.shift();
				if (answer instanceof Error) throw new NodeApiError(node, answer);
				return { headers: { 'content-type': 'application/json' }, ...answer };
			},
		},
	};
	return ctx;
}

const ok = (data) => ({ statusCode: 200, body: { code: 0, data } });
const envelopeError = (code, message = 'nope') => ({ statusCode: 200, body: { code, message, data: null } });
const httpError = (statusCode, body = {}) => ({ statusCode, body });
const networkError = (code) => Object.assign(new Error(`connect ${code}`), { code });

module.exports = { fakeContext, ok, envelopeError, httpError, networkError };
