import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { anonymousTokenFailure, markTokenRejected, tokenRefusedText, waitForStoredToken } from './anonymousToken';
import { attributionHeaders } from './attribution';
import { CREDENTIAL_TYPE, readCredentials } from './credentials';
import type { NemoVideoCredentials } from './credentials';
import { buildApiError, codeForStatus } from './errors';
import { backoff, GET_ATTEMPTS, isTransientNetworkError, isTransientStatus, rateLimitWaitMs } from './retry';
import { waitMs } from '../helpers/wait';
import { toNodeError } from '../toNodeError';
import type { ByteStream } from '../helpers/byteStream';
import { readSmallBody } from '../helpers/byteStream';

// The one way our nodes talk to NemoVideo. It owns the base URL, the attribution headers, the
// {code, data} envelope, error translation, retries of idempotent reads, the single token refresh,
// and the execution's cancel signal. Nothing else in the package touches the network, except the
// download of a finished render from its CDN (NemoVideoExport/download.ts), which must not carry our token.

export type HttpMethod = 'GET' | 'POST';

export interface ApiCall {
	method: HttpMethod;
	path: string;
	body?: IDataObject;
	itemIndex: number;
}

export interface EventStreamCall {
	path: string;
	body: IDataObject;
	itemIndex: number;
	timeoutMs: number;
}

/** A request whose body is produced afresh for every attempt (a file stream can be read only once). */
export interface StreamedUploadCall {
	path: string;
	itemIndex: number;
	timeoutMs: number;
	headers: Record<string, string>;
	openBody: () => Promise<unknown>;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

interface Exchange {
	method: HttpMethod;
	path: string;
	itemIndex: number;
	/** Called once per attempt, so a streamed body is reopened after a token refresh. */
	body?: () => Promise<unknown>;
	headers?: Record<string, string>;
	json: boolean;
	stream: boolean;
	timeoutMs?: number;
	/** A 429 means the API refused the request without acting on it, so waiting and sending it once more is safe. */
	retryAfterRateLimit: boolean;
	/**
	 * Off for streamed uploads: to replay a body on a redirect, axios's redirect follower keeps every
	 * byte it sends in memory until the answer comes, the whole file (measured: +200 MB for 200 MB).
	 */
	followRedirects?: false;
}

// n8n's own HTTP layer times a request out after 5 minutes unless told otherwise; an event stream
// or a large upload legitimately lasts longer, so those pass their own limit.
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** JSON request; resolves to the envelope's `data` (or the whole body where the API has no envelope). */
export async function apiRequest<T = IDataObject>(ctx: IExecuteFunctions, call: ApiCall): Promise<T> {
	const { response, credentials } = await exchange(ctx, {
		method: call.method,
		path: call.path,
		itemIndex: call.itemIndex,
		body: call.body === undefined ? undefined : async () => call.body,
		json: true,
		stream: false,
		retryAfterRateLimit: true,
	});
	return unwrap(ctx, response, credentials, call.itemIndex) as T;
}

/**
 * POSTs once and hands back the open event stream. The instruction is sent again only when the API
 * refused our token before doing anything (a fresh token, one more try): a re-send after that
 * would run the job twice and charge twice.
 */
export async function openEventStream(ctx: IExecuteFunctions, call: EventStreamCall): Promise<ByteStream> {
	const { response, credentials } = await exchange(ctx, {
		method: 'POST',
		path: call.path,
		itemIndex: call.itemIndex,
		body: async () => call.body,
		headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
		json: false,
		stream: true,
		timeoutMs: call.timeoutMs,
		retryAfterRateLimit: false,
	});
	if (isEventStream(response)) return response.body as ByteStream;
	unwrap(ctx, await materialise(response), credentials, call.itemIndex);
	throw buildApiError(
		ctx,
		{ code: response.statusCode, httpStatus: response.statusCode, itemIndex: call.itemIndex, apiMessage: 'expected an event stream' },
		credentials,
	);
}

/** POSTs a body that is streamed (multipart uploads); resolves to the envelope's `data`. */
export async function apiStreamedUpload<T = IDataObject>(ctx: IExecuteFunctions, call: StreamedUploadCall): Promise<T> {
	const { response, credentials } = await exchange(ctx, {
		method: 'POST',
		path: call.path,
		itemIndex: call.itemIndex,
		body: call.openBody,
		headers: call.headers,
		json: true,
		stream: false,
		timeoutMs: call.timeoutMs,
		retryAfterRateLimit: true,
		followRedirects: false,
	});
	return unwrap(ctx, response, credentials, call.itemIndex) as T;
}

/** A file the API serves (the fallback download of a render), as an open byte stream. */
export interface StreamedDownloadCall {
	path: string;
	itemIndex: number;
	timeoutMs: number;
}

/**
 * GETs a file from the API and hands back its open body, or where a redirect points (resolved
 * against the request's URL), never followed here: whether the next hop may carry the token is the
 * caller's decision, since not every n8n version drops it on a cross-origin redirect. An answer that
 * is neither is an error.
 */
export async function apiStreamedDownload(
	ctx: IExecuteFunctions,
	call: StreamedDownloadCall,
): Promise<{ body: ByteStream; redirectTo?: undefined } | { redirectTo: string }> {
	const { response, credentials } = await exchange(ctx, {
		method: 'GET',
		path: call.path,
		itemIndex: call.itemIndex,
		json: false,
		stream: true,
		timeoutMs: call.timeoutMs,
		retryAfterRateLimit: true,
		followRedirects: false,
	});
	const location = response.headers?.location;
	if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
		await discard(response);
		return { redirectTo: new URL(location, `${credentials.baseUrl}${call.path}`).href };
	}
	if (isFileAnswer(response)) return { body: response.body as ByteStream };
	unwrap(ctx, await materialise(response), credentials, call.itemIndex);
	throw buildApiError(
		ctx,
		{ code: response.statusCode, httpStatus: response.statusCode, itemIndex: call.itemIndex, apiMessage: 'expected a file' },
		credentials,
	);
}

/** The API's base URL, for building links and telling our own host from a CDN's. */
export async function apiBaseUrl(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	return (await readCredentials(ctx, itemIndex)).credentials.baseUrl;
}

async function exchange(ctx: IExecuteFunctions, call: Exchange) {
	const { raw, credentials } = await readCredentials(ctx, call.itemIndex);
	const signal = ctx.getExecutionCancelSignal();
	let signWith: ICredentialDataDecryptedObject = raw;
	let refreshed = false;
	let rejectedToken = '';
	let waitedForStoredToken = false;
	let waitedOnRateLimit = false;
	let attempt = 0;

	for (;;) {
		attempt++;
		let response: RawResponse;
		try {
			response = await send(ctx, call, credentials, signWith);
		} catch (error) {
			if (signal?.aborted) throw toNodeError(ctx, error, call.itemIndex);
			// No token, so nothing was sent: the API gave this client id's token to another execution
			// (another process, in queue mode), and n8n stores it with the credential a moment later.
			const refusal = anonymousTokenFailure(error)?.refusal;
			if (refusal !== undefined && !waitedForStoredToken) {
				waitedForStoredToken = true;
				const stored = await waitForStoredToken(ctx, call.itemIndex, rejectedToken, signal);
				if (stored) {
					signWith = stored;
					continue;
				}
				const text = tokenRefusedText(rejectedToken !== '', refusal);
				throw new NodeApiError(ctx.getNode(), { message: text.message }, { ...text, itemIndex: call.itemIndex });
			}
			if (call.method === 'GET' && attempt < GET_ATTEMPTS && isTransientNetworkError(error)) {
				await backoff(attempt, signal);
				continue;
			}
			throw unreachable(ctx, error, credentials, call.itemIndex);
		}

		if (await isTokenRejected(response)) {
			if (credentials.authType === 'apiToken' || refreshed) {
				throw buildApiError(ctx, { code: 1001, httpStatus: response.statusCode, itemIndex: call.itemIndex }, credentials);
			}
			// Blank the token: n8n then runs the credential's preAuthentication, which gets a new one
			// (or the one another execution of this process just got), stores it with the credential
			// and signs this one retry with it. The API refused the request before acting on it.
			refreshed = true;
			rejectedToken = String(signWith.sessionToken ?? '');
			markTokenRejected(rejectedToken);
			signWith = { ...signWith, sessionToken: '' };
			continue;
		}
		if (response.statusCode === 429 && call.retryAfterRateLimit && !waitedOnRateLimit) {
			waitedOnRateLimit = true;
			await discard(response);
			await waitMs(rateLimitWaitMs(response.headers), signal);
			continue;
		}
		if (call.method === 'GET' && isTransientStatus(response.statusCode) && attempt < GET_ATTEMPTS) {
			await discard(response);
			await backoff(attempt, signal);
			continue;
		}
		return { response, credentials };
	}
}

async function send(
	ctx: IExecuteFunctions,
	call: Exchange,
	credentials: NemoVideoCredentials,
	signWith: ICredentialDataDecryptedObject,
): Promise<RawResponse> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${credentials.baseUrl}${call.path}`,
		headers: { ...attributionHeaders, ...call.headers },
		json: call.json,
		returnFullResponse: true,
		// Every status comes back to us: the envelope and the token refresh are handled here,
		// not by n8n's generic 401 handling, because NemoVideo may also say 1001 inside an HTTP 200.
		ignoreHttpStatusErrors: true,
		timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		// A redirect to another host (a render's download sent on to its CDN) must not carry our token.
		sendCredentialsOnCrossOriginRedirect: false,
	};
	if (call.body) options.body = (await call.body()) as IHttpRequestOptions['body'];
	if (call.stream) options.encoding = 'stream';
	if (call.followRedirects === false) options.disableFollowRedirect = true;
	// n8n signs with the credentials handed to it instead of reading and decrypting them once more.
	// They are the ones read for this item (n8n's own read would ignore the item), or after a
	// rejected token, the same with the token blanked, so that preAuthentication issues a new one.
	// n8n merges what preAuthentication returns into this object, so later attempts carry it too.
	const node = ctx.getNode();
	const additional = {
		credentialsDecrypted: {
			id: node.credentials?.[CREDENTIAL_TYPE]?.id ?? '',
			name: node.credentials?.[CREDENTIAL_TYPE]?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: signWith,
		},
	};
	const response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options, additional);
	return response as RawResponse;
}

/** A streamed 2xx answer typed as something other than JSON: a file, not to be read for an envelope. */
function isFileAnswer(response: RawResponse): boolean {
	const type = String(response.headers?.['content-type'] ?? '');
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	return ok && isByteStream(response.body) && type !== '' && !type.includes('json');
}

function isEventStream(response: RawResponse): boolean {
	const type = String(response.headers?.['content-type'] ?? '');
	return response.statusCode >= 200 && response.statusCode < 300 && type.includes('text/event-stream');
}

/** Reads a streamed answer that turned out not to be a stream (an error in JSON) into a plain body. */
async function materialise(response: RawResponse): Promise<RawResponse> {
	if (!isByteStream(response.body)) return response;
	const text = await readSmallBody(response.body);
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON (an HTML error page from a proxy, say): keep the text for the error message.
	}
	return { ...response, body };
}

async function isTokenRejected(response: RawResponse): Promise<boolean> {
	if (response.statusCode === 401) {
		await discard(response);
		return true;
	}
	if (isEventStream(response) || isFileAnswer(response)) return false;
	if (isByteStream(response.body)) {
		const plain = await materialise(response);
		response.body = plain.body;
	}
	return envelopeCode(response.body) === 1001;
}

function isByteStream(body: unknown): body is ByteStream {
	return typeof body === 'object' && body !== null && Symbol.asyncIterator in body && 'destroy' in body;
}

async function discard(response: RawResponse) {
	if (isByteStream(response.body)) response.body.destroy();
}

function envelopeCode(body: unknown): number | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const code = (body as IDataObject).code;
	return typeof code === 'number' ? code : undefined;
}

/** The server's own words for an error, short (buildApiError takes any token out of them). */
function apiMessage(body: unknown): string | undefined {
	return apiText(body)?.slice(0, 300) || undefined;
}

function apiText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (typeof body !== 'object' || body === null) return undefined;
	const { message, detail, error } = body as IDataObject;
	const text = message ?? error ?? detail;
	if (typeof text === 'string') return text;
	if (text !== undefined) return JSON.stringify(text);
	return undefined;
}

/** Turns an answer into its data, or into the error its status or business code stands for. */
function unwrap(ctx: IExecuteFunctions, response: RawResponse, credentials: NemoVideoCredentials, itemIndex: number) {
	const code = envelopeCode(response.body);
	const failed = response.statusCode >= 400 || (code !== undefined && code !== 0);
	if (failed) {
		const failure = {
			// The strict mapping repeats the business code in the body of an HTTP error; prefer it.
			code: code !== undefined && code !== 0 ? code : codeForStatus(response.statusCode),
			httpStatus: response.statusCode,
			apiMessage: apiMessage(response.body),
			itemIndex,
		};
		throw buildApiError(ctx, failure, credentials);
	}
	if (code === 0) return (response.body as IDataObject).data ?? {};
	return response.body;
}

/**
 * No HTTP answer at all: the connection failed, or no free token could be had to sign the request.
 * The original error is not passed on: it holds the request's headers, and with them the token.
 */
function unreachable(ctx: IExecuteFunctions, error: Error & { code?: string; cause?: { code?: string } }, credentials: NemoVideoCredentials, itemIndex: number) {
	const tokenFailure = anonymousTokenFailure(error);
	const code = error.cause?.code ?? error.code;
	const message = tokenFailure?.message ?? `Could not reach NemoVideo at ${credentials.baseUrl}`;
	const description =
		tokenFailure?.description ??
		`The connection failed${code ? ` (${code})` : ''}. Check the Base URL in the NemoVideo API credential and that the service is reachable from n8n.`;
	// Only the message goes in: n8n would swap a message for its own generic words when it sees a network code.
	return new NodeApiError(ctx.getNode(), { message }, { message, description, itemIndex });
}
