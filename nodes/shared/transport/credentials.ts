import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { createHash } from 'crypto';

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

/**
 * The client id of a credential saved without one (as the REST API and `n8n import:credentials`
 * save it): derived from the n8n instance and the credential, so every execution and every
 * queue-mode worker (they share both) asks for the free token under the same id, and NemoVideo's
 * one token per client id decides which of them gets it. UUID-shaped, as the API recommends.
 */
export function stableClientId(instanceId: string, credentialId: string): string {
	const hex = createHash('sha256').update(`${instanceId}:${credentialId}`).digest('hex');
	return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join('-');
}

export async function readCredentials(ctx: IExecuteFunctions, itemIndex: number) {
	let raw = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const credentialId = ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id;
	if (raw.authType !== 'apiToken' && !String(raw.clientId ?? '').trim() && credentialId) {
		raw = { ...raw, clientId: stableClientId(ctx.getInstanceId(), credentialId) };
	}
	return { raw, credentials: normaliseCredentials(raw) };
}
