import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'nemoVideoApi';

export const DEFAULT_BASE_URL = 'https://mega-api-prod.nemovideo.ai';
export const DEFAULT_WEB_URL = 'https://nemovideo.com';

/** The credential's fields as the nodes read them. */
export interface NemoVideoCredentials {
	authType: 'anonymous' | 'apiToken';
	apiToken?: string;
	clientId?: string;
	baseUrl: string;
	webUrl: string;
	/** The anonymous token, issued once by preAuthentication and stored with the credential. */
	sessionToken?: string;
	/** The anonymous account's id (anon_…), kept for the registration link of error 2001. */
	anonymousUserId?: string;
}

function trimTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

export function normaliseCredentials(data: ICredentialDataDecryptedObject): NemoVideoCredentials {
	return {
		authType: data.authType === 'apiToken' ? 'apiToken' : 'anonymous',
		apiToken: typeof data.apiToken === 'string' ? data.apiToken : undefined,
		clientId: typeof data.clientId === 'string' ? data.clientId : undefined,
		baseUrl: trimTrailingSlash(String(data.baseUrl || DEFAULT_BASE_URL)),
		webUrl: trimTrailingSlash(String(data.webUrl || DEFAULT_WEB_URL)),
		sessionToken: typeof data.sessionToken === 'string' ? data.sessionToken : undefined,
		anonymousUserId: typeof data.anonymousUserId === 'string' ? data.anonymousUserId : undefined,
	};
}

export async function readCredentials(ctx: IExecuteFunctions, itemIndex: number) {
	const raw = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	return { raw, credentials: normaliseCredentials(raw) };
}
