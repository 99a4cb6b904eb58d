import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { randomUUID } from 'crypto';
import { attributionHeaders } from './attribution';
import type { NemoVideoCredentials } from './credentials';
import { paths } from './paths';

const ANONYMOUS_TOKEN_ERROR = 'NemoVideoAnonymousTokenError';

/** Thrown from preAuthentication, where n8n wraps it; `anonymousTokenFailure` finds it again. */
class AnonymousTokenError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = ANONYMOUS_TOKEN_ERROR;
	}
}

/**
 * The failure to get a free token behind an error from n8n's signing of a request, if that is what
 * it was: n8n wraps what preAuthentication throws in an error of its own (the original is its
 * cause). Recognised by name, since the credential and the nodes may load this file separately.
 * A few levels are looked through (n8n wraps once); the bound keeps a cycle of causes from looping.
 */
export function anonymousTokenFailure(error: unknown): { message: string; description: string } | undefined {
	for (let candidate = error, depth = 0; candidate instanceof Error && depth < 5; candidate = candidate.cause, depth++) {
		if (candidate.name === ANONYMOUS_TOKEN_ERROR) return candidate as AnonymousTokenError;
	}
	return undefined;
}

/**
 * Asks NemoVideo for a free anonymous token. The answer is stored with the credential by n8n, and
 * so is the client id generated here when the credential had none: NemoVideo issues one token per
 * client id per 7 days, and the same id is what gets a new token after the old one expires.
 */
export async function requestAnonymousToken(helper: IHttpRequestHelper, settings: NemoVideoCredentials): Promise<IDataObject> {
	const clientId = settings.clientId?.trim() || randomUUID();
	const response = (await helper.helpers
		.httpRequest({
			method: 'POST',
			url: `${settings.baseUrl}${paths.anonymousSignIn}`,
			headers: { ...attributionHeaders, 'X-Client-Id': clientId },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})
		.catch((error: { code?: string }) => ({ networkError: error?.code ?? 'network error' }))) as
		| { statusCode: number; body: unknown }
		| { networkError: string };
	if ('networkError' in response) {
		throw new AnonymousTokenError(
			`NemoVideo could not be reached at ${settings.baseUrl}`,
			`Asking for a free token failed (${response.networkError}). Check the Base URL in the NemoVideo API credential.`,
		);
	}
	const body = (response.body ?? {}) as IDataObject;
	const data = (body.data ?? {}) as IDataObject;
	if (response.statusCode === 429) {
		throw new AnonymousTokenError(
			'NemoVideo refused a new free token: the limit is reached',
			'NemoVideo gives one free token per client ID every 7 days and ten per IP address. This credential already had one; switch the credential to an API token from your NemoVideo account, or try again once the 7 days have passed.',
		);
	}
	if (response.statusCode >= 400 || (typeof body.code === 'number' && body.code !== 0) || typeof data.token !== 'string') {
		const detail = typeof body.message === 'string' ? ` The API said: ${body.message}.` : '';
		throw new AnonymousTokenError(
			'NemoVideo did not issue a free token',
			`The request for an anonymous token was answered with HTTP ${response.statusCode}${typeof body.code === 'number' ? ` (code ${body.code})` : ''}.${detail}`,
		);
	}
	return {
		sessionToken: data.token,
		clientId,
		anonymousUserId: typeof data.user_id === 'string' ? data.user_id : '',
	};
}
