import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { paths } from '../nodes/shared/transport/paths';
import { attributionHeaders } from '../nodes/shared/transport/attribution';
import { requestAnonymousToken } from '../nodes/shared/transport/anonymousToken';
import { DEFAULT_BASE_URL, DEFAULT_WEB_URL, normaliseCredentials } from '../nodes/shared/transport/credentials';

export class NemoVideoApi implements ICredentialType {
	name = 'nemoVideoApi';

	displayName = 'NemoVideo API';

	icon: Icon = {
		light: 'file:../nodes/shared/icons/nemovideo.svg',
		dark: 'file:../nodes/shared/icons/nemovideo.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-nemovideo#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Free Anonymous Token',
					value: 'anonymous',
					description: 'No account needed: 100 free credits, a token issued once and kept with this credential',
				},
				{
					name: 'API Token',
					value: 'apiToken',
					description: 'A token from your NemoVideo account (Settings → API Tokens)',
				},
			],
			default: 'anonymous',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'nmv_usr_…',
			displayOptions: { show: { authType: ['apiToken'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'Identifies this n8n credential to NemoVideo when it asks for a free token. Leave empty: one is derived from this n8n instance and this credential, and kept here. NemoVideo issues one free token per client ID every 7 days.',
			displayOptions: { show: { authType: ['anonymous'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'The NemoVideo API. Point it at the bundled simulator (for example http://127.0.0.1:4010) to build workflows without spending credits.',
		},
		{
			displayName: 'Web URL',
			name: 'webUrl',
			type: 'string',
			default: DEFAULT_WEB_URL,
			description: 'The NemoVideo website, used for the links that open a project in the browser or register an account',
		},
		{
			// Issued by preAuthentication the first time any node runs, then stored (encrypted) with
			// the credential, so every later execution and every queue-mode worker reuses it: the API
			// allows one free token per client id and ten per IP address every 7 days.
			displayName: 'Anonymous Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Anonymous User ID',
			name: 'anonymousUserId',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const settings = normaliseCredentials(credentials);
		// An API token needs no exchange. Returning no sessionToken tells n8n there is nothing to store.
		if (settings.authType === 'apiToken') return {};
		return await requestAnonymousToken(this, settings);
	}

	// The attribution headers are set here as well as by the transport: n8n's credential test sends
	// its request through here alone, and the API treats a request without them differently.
	authenticate: IAuthenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) => {
		const settings = normaliseCredentials(credentials);
		const token = settings.authType === 'apiToken' ? settings.apiToken : settings.sessionToken;
		requestOptions.headers = {
			...attributionHeaders,
			...requestOptions.headers,
			Authorization: `Bearer ${token ?? ''}`,
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: paths.credits,
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 1001,
					message: 'NemoVideo rejected the token. Check the API token, or for a free token save the credential again.',
				},
			},
		],
	};
}
