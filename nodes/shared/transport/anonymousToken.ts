import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestHelper } from 'n8n-workflow';
import { randomUUID } from 'crypto';
import { attributionHeaders } from './attribution';
import { readCredentials } from './credentials';
import type { NemoVideoCredentials } from './credentials';
import { paths } from './paths';
import { withoutTokens } from './redact';
import { waitMs } from '../helpers/wait';

const ANONYMOUS_TOKEN_ERROR = 'NemoVideoAnonymousTokenError';

/** Thrown from preAuthentication, where n8n wraps it; `anonymousTokenFailure` finds it again. */
class AnonymousTokenError extends Error {
	constructor(
		message: string,
		readonly description: string,
		/** Set when the API answered 429: its own words, possibly empty. */
		readonly refusal?: string,
	) {
		super(message);
		this.name = ANONYMOUS_TOKEN_ERROR;
	}
}

/**
 * The failure to get a free token behind an error from n8n's signing of a request, if that is what
 * it was: n8n wraps what preAuthentication throws in an error of its own (the original is its
 * cause), so it is recognised by name. A few levels are looked through (n8n wraps once); the
 * bound keeps a cycle of causes from looping.
 */
export function anonymousTokenFailure(error: unknown): AnonymousTokenError | undefined {
	for (let candidate = error, depth = 0; candidate instanceof Error && depth < 5; candidate = candidate.cause, depth++) {
		if (candidate.name === ANONYMOUS_TOKEN_ERROR) return candidate as AnonymousTokenError;
	}
	return undefined;
}

type TokenAnswer = { issued: IDataObject } | { failed: AnonymousTokenError; until: number };

// n8n runs preAuthentication for every execution that finds no token stored, all at once. The
// credential and the nodes share this module (n8n loads both with its own require), so one
// process asks once per client id and hands that one answer to every execution that asks after.
const tokenRequests = new Map<string, { answer: Promise<TokenAnswer>; settled?: TokenAnswer }>();
const rejectedTokens = new Set<string>();

/** How long another process has to store the token the API gave it (and a 429 is remembered), how often we look. */
export const storedTokenWait = { totalMs: 20_000, pollMs: 250 };

/** A token the API refused (1001): this process never hands it out again. */
export function markTokenRejected(token: unknown) {
	if (typeof token === 'string' && token) rejectedTokens.add(token);
}

function stillHolds(answer: TokenAnswer) {
	return 'issued' in answer ? !rejectedTokens.has(String(answer.issued.sessionToken)) : Date.now() < answer.until;
}

/**
 * A free anonymous token for the credential's client id (a random one if it has none), stored
 * with the credential by n8n, client id included. NemoVideo issues one token per client id per
 * 7 days; the same id is what gets a new token after the old one expires.
 */
export async function requestAnonymousToken(helper: IHttpRequestHelper, settings: NemoVideoCredentials): Promise<IDataObject> {
	const clientId = settings.clientId?.trim() || randomUUID();
	const key = `${settings.baseUrl} ${clientId}`;
	let request = tokenRequests.get(key);
	if (!request || (request.settled && !stillHolds(request.settled))) {
		const fresh: { answer: Promise<TokenAnswer>; settled?: TokenAnswer } = { answer: askForToken(helper, settings.baseUrl, clientId) };
		void fresh.answer.then((answer) => (fresh.settled = answer));
		tokenRequests.set(key, (request = fresh));
	}
	const answer = await request.answer;
	if ('failed' in answer) throw answer.failed;
	return answer.issued;
}

async function askForToken(helper: IHttpRequestHelper, baseUrl: string, clientId: string): Promise<TokenAnswer> {
	let response: { statusCode: number; body: unknown };
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}${paths.anonymousSignIn}`,
			headers: { ...attributionHeaders, 'X-Client-Id': clientId },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as typeof response;
	} catch (error) {
		const code = (error as { code?: string })?.code ?? 'network error';
		const description = `Asking for a free token failed (${code}). Check the Base URL in the NemoVideo API credential.`;
		return { failed: new AnonymousTokenError(`NemoVideo could not be reached at ${baseUrl}`, description), until: 0 };
	}
	const body = (response.body ?? {}) as IDataObject;
	const data = (body.data ?? {}) as IDataObject;
	const words = typeof body.message === 'string' ? withoutTokens(body.message).slice(0, 200) : '';
	if (response.statusCode === 429) {
		const description = `NemoVideo gives one free token per Client ID and ten per IP address every 7 days, and answered this request for one with HTTP 429${words ? ` ("${words}")` : ''}. Switch the credential to an API token from your NemoVideo account, or try again once the 7 days have passed.`;
		return { failed: new AnonymousTokenError('NemoVideo refused a free token: its limit is reached', description, words), until: Date.now() + storedTokenWait.totalMs };
	}
	if (response.statusCode >= 400 || (typeof body.code === 'number' && body.code !== 0) || typeof data.token !== 'string') {
		const code = typeof body.code === 'number' ? ` (code ${body.code})` : '';
		const description = `The request for an anonymous token was answered with HTTP ${response.statusCode}${code}.${words ? ` The API said: ${words}.` : ''}`;
		return { failed: new AnonymousTokenError('NemoVideo did not issue a free token', description), until: 0 };
	}
	return { issued: { sessionToken: data.token, clientId, anonymousUserId: typeof data.user_id === 'string' ? data.user_id : '' } };
}

/**
 * After a 429 for our client id: another execution, most likely in another process, got the token
 * and n8n is storing it. Reads the stored credential again until it holds a token other than
 * `rejected`; undefined if none appears in time.
 */
export async function waitForStoredToken(ctx: IExecuteFunctions, itemIndex: number, rejected: string, signal?: AbortSignal) {
	for (const deadline = Date.now() + storedTokenWait.totalMs; Date.now() < deadline; ) {
		await waitMs(storedTokenWait.pollMs, signal);
		const { raw } = await readCredentials(ctx, itemIndex);
		const token = raw.sessionToken;
		if (typeof token === 'string' && token && token !== rejected && !rejectedTokens.has(token)) return raw as ICredentialDataDecryptedObject;
	}
	return undefined;
}

/** Why no token could be had, once waiting for one stored by another execution came to nothing. */
export function tokenRefusedText(hadToken: boolean, words: string) {
	const said = words ? ` NemoVideo said: "${words}".` : '';
	const next = 'Switch the credential to an API token from your NemoVideo account, or try again once the 7 days have passed.';
	if (!hadToken) {
		return {
			message: 'NemoVideo refused this credential its first free token',
			description: `The credential has no token yet, and NemoVideo answered the request for one with HTTP 429.${said} It gives ten free tokens per IP address every 7 days, so most likely other credentials or machines on this address have used them up (or this Client ID already received its one token in the last 7 days). ${next}`,
		};
	}
	return {
		message: 'NemoVideo refused a new free token after the stored one stopped working',
		description: `NemoVideo no longer accepts this credential's token, answered the request for a new one with HTTP 429, and no other execution stored a new one within ${storedTokenWait.totalMs / 1000} seconds.${said} It gives one free token per Client ID and ten per IP address every 7 days: a token revoked early cannot be replaced before its 7 days are up. ${next}`,
	};
}
