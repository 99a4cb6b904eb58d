import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { NemoVideoCredentials } from './credentials';
import { readCredentials } from './credentials';
import { withoutTokens } from './redact';

/** What went wrong, as the API told us: a business code from the envelope or an HTTP status. */
export interface ApiFailure {
	code: number;
	itemIndex: number;
	httpStatus?: number;
	apiMessage?: string;
}

/** An API error that keeps the code it came from, so callers can branch on it. */
export class NemoVideoApiError extends NodeApiError {
	nemoCode: number;
	/** What the API said, for a node that words a code of its own (Upload Media's 4001 and 4002). */
	apiFailure: ApiFailure;

	constructor(ctx: IExecuteFunctions, failure: ApiFailure, text: { message: string; description: string }) {
		const response: JsonObject = { code: failure.code };
		if (failure.apiMessage) response.message = failure.apiMessage;
		super(ctx.getNode(), response, {
			message: text.message,
			description: text.description,
			httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
			itemIndex: failure.itemIndex,
		});
		this.nemoCode = failure.code;
		this.apiFailure = failure;
	}
}

type Explain = (failure: ApiFailure, credentials: NemoVideoCredentials) => { message: string; description: string };

function creditsText(credentials: NemoVideoCredentials) {
	if (credentials.authType === 'anonymous') {
		const bind = credentials.anonymousUserId ? `?bind=${encodeURIComponent(credentials.anonymousUserId)}` : '';
		return `Register for free at ${credentials.webUrl}/register${bind} to get 100 more credits; your projects stay with the account.`;
	}
	return `Top up your credits at ${credentials.webUrl}, then run the workflow again.`;
}

// The API's codes in the user's words, each with the next step (docs/api.md#errors).
const explanations: Record<number, Explain> = {
	1001: (_failure, credentials) => ({
		message: 'NemoVideo rejected the access token',
		description:
			credentials.authType === 'apiToken'
				? 'NemoVideo refused the API token. Check it in the NemoVideo API credential, or switch the credential to the free anonymous token.'
				: 'The free anonymous token was refused even after a fresh one was requested. Open the NemoVideo API credential and save it again to start over.',
	}),
	1002: () => ({
		message: 'NemoVideo session not found',
		description:
			'This session does not exist (or belongs to another account). Create a new one with NemoVideo Create Session and pass its sessionId to this node.',
	}),
	2001: (_failure, credentials) => ({
		message: 'Not enough NemoVideo credits',
		description: creditsText(credentials),
	}),
	400: (failure) => ({
		message: 'NemoVideo refused the request as malformed',
		description: `${failure.apiMessage ? `The API said: ${failure.apiMessage}. ` : ''}Check the node's parameters; if they look right, this is a bug in the integration worth reporting.`,
	}),
	402: () => ({
		message: 'Export is not available on this NemoVideo plan',
		description:
			'This is a plan restriction, not a lack of credits. Register or upgrade your NemoVideo plan to unlock export.',
	}),
	404: (failure) => ({
		message: 'NemoVideo could not find what was asked for',
		description: `${failure.apiMessage ? `The API said: ${failure.apiMessage}. ` : ''}Check the session or render id; a session id comes from NemoVideo Create Session.`,
	}),
	409: () => ({
		message: 'NemoVideo refused a duplicate request',
		description: 'A render with this id already exists. Run the node again; it picks a new id every time.',
	}),
	422: (failure) => ({
		message: 'NemoVideo could not read the request',
		description: `${failure.apiMessage ? `The API said: ${failure.apiMessage}. ` : ''}This is a bug in the integration worth reporting.`,
	}),
	429: () => ({
		message: 'NemoVideo is rate limiting these requests',
		description:
			'Wait a few minutes before running again. Free anonymous tokens are limited to one per client id and ten per IP address every 7 days.',
	}),
};

function serverError(failure: ApiFailure) {
	return {
		message: `NemoVideo had a server error (HTTP ${failure.httpStatus ?? failure.code})`,
		description: 'The problem is on NemoVideo\'s side and usually passes. Try again in a few minutes.',
	};
}

// The strict error mapping may send a business error as a bare HTTP status, with no code in the body.
const statusAliases: Record<number, number> = { 401: 1001, 413: 4002 };

/** The business code an HTTP status stands for, where it stands for one. */
export function codeForStatus(status: number): number {
	return statusAliases[status] ?? status;
}

function explainFailure(failure: ApiFailure, credentials: NemoVideoCredentials) {
	const explain = explanations[failure.code];
	if (explain) return explain(failure, credentials);
	if ((failure.httpStatus ?? failure.code) >= 500) return serverError(failure);
	return {
		message: `NemoVideo answered with error ${failure.code}`,
		description: failure.apiMessage ?? 'No further detail was given.',
	};
}

/**
 * The error for an API failure, with the message and next step for its code. Every API error is
 * built here, so this is where the server's words lose any token they carry (redact.ts).
 */
export function buildApiError(ctx: IExecuteFunctions, failure: ApiFailure, credentials: NemoVideoCredentials) {
	const told = failure.apiMessage === undefined ? failure : { ...failure, apiMessage: withoutTokens(failure.apiMessage) };
	return new NemoVideoApiError(ctx, told, explainFailure(told, credentials));
}

/** The same, for callers that found the failure themselves (for example a 2001 inside an event stream). */
export async function nemoVideoError(ctx: IExecuteFunctions, failure: ApiFailure) {
	const { credentials } = await readCredentials(ctx, failure.itemIndex);
	return buildApiError(ctx, failure, credentials);
}
