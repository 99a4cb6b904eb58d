import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { paths } from '../shared/transport/paths';
import { apiBaseUrl, apiStreamedDownload } from '../shared/transport';
import { toNodeError } from '../shared/toNodeError';
import type { ByteStream } from '../shared/helpers/byteStream';

// Brings a finished render into n8n's binary store as a stream: with filesystem (or S3) binary data
// the MP4 goes to disk as it arrives and never sits in memory. The render's own URL is tried first.
// A URL on another host (NemoVideo's CDN) is fetched without our Authorization header, through n8n's
// plain HTTP helper: no token may reach a host that is not the API. If that fails, for any reason,
// the API's own `/api/render/proxy/<id>/download` is used, with the token, through the transport;
// where it redirects to the CDN, that hop goes without the token, whatever n8n's redirect handling
// would do (older n8n versions keep the Authorization header across hosts).

export interface RenderDownload {
	itemIndex: number;
	renderId: string;
	/** The render's output URL, when the API gave one. */
	url?: string;
	fileName: string;
	mimeType: string;
	/** Limit for the answer to start, and for any silence while it streams. */
	timeoutMs: number;
}

export interface DownloadedRender {
	binary: IBinaryData;
	/** `url`: the render's own URL; `fallback`: the API's download endpoint. */
	via: 'url' | 'fallback';
}

/**
 * The path of `url` relative to the API's base URL when it lies under it (same origin, under the
 * base path), so it may be fetched with the token; undefined for any other host.
 */
export function pathUnderApi(url: string, baseUrl: string): string | undefined {
	try {
		const target = new URL(url);
		const api = new URL(baseUrl);
		const apiPath = api.pathname.replace(/\/+$/, '');
		if (target.origin !== api.origin) return undefined;
		if (apiPath !== '' && target.pathname !== apiPath && !target.pathname.startsWith(`${apiPath}/`)) return undefined;
		return `${target.pathname.slice(apiPath.length)}${target.search}`;
	} catch {
		return undefined;
	}
}

/** The render's URL on a host that is not the API's: no credential, and the cancel signal. */
async function openWithoutToken(ctx: IExecuteFunctions, url: string, timeoutMs: number): Promise<ByteStream> {
	const options: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	const signal = ctx.getExecutionCancelSignal();
	if (signal) options.abortSignal = signal;
	const response = (await ctx.helpers.httpRequest(options)) as { statusCode: number; body: ByteStream };
	if (response.statusCode < 200 || response.statusCode >= 300) {
		response.body?.destroy?.();
		throw new Error(`HTTP ${response.statusCode}`);
	}
	return response.body;
}

// Enough for a gateway that sends a download on through a path or two of its own.
const MAX_REDIRECTS = 5;

/**
 * A URL under the API, with the token; its redirects are followed here, hop by hop: with the token
 * while they stay under the API, without it (through openWithoutToken) from the first other host.
 */
async function openWithToken(ctx: IExecuteFunctions, download: RenderDownload, path: string, baseUrl: string): Promise<ByteStream> {
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const answer = await apiStreamedDownload(ctx, { path, itemIndex: download.itemIndex, timeoutMs: download.timeoutMs });
		if (answer.redirectTo === undefined) return answer.body;
		const next = pathUnderApi(answer.redirectTo, baseUrl);
		if (next === undefined) return await openWithoutToken(ctx, answer.redirectTo, download.timeoutMs);
		path = next;
	}
	throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}

async function openRenderUrl(ctx: IExecuteFunctions, download: RenderDownload, url: string, baseUrl: string): Promise<ByteStream> {
	const path = pathUnderApi(url, baseUrl);
	if (path === undefined) return await openWithoutToken(ctx, url, download.timeoutMs);
	return await openWithToken(ctx, download, path, baseUrl);
}

async function store(ctx: IExecuteFunctions, download: RenderDownload, open: () => Promise<ByteStream>): Promise<IBinaryData> {
	const body = await open();
	// n8n's helper takes a Node stream; the body is one (typed here without importing 'stream').
	return await ctx.helpers.prepareBinaryData(body as unknown as Buffer, download.fileName, download.mimeType);
}

function reason(error: unknown): string {
	const { message, description } = (error ?? {}) as { message?: string; description?: string };
	return [message, description].filter(Boolean).join(': ') || String(error);
}

export async function downloadRender(ctx: IExecuteFunctions, download: RenderDownload): Promise<DownloadedRender> {
	const signal = ctx.getExecutionCancelSignal();
	const baseUrl = await apiBaseUrl(ctx, download.itemIndex);
	let direct: unknown;
	if (download.url) {
		const url = download.url;
		try {
			return { binary: await store(ctx, download, async () => await openRenderUrl(ctx, download, url, baseUrl)), via: 'url' };
		} catch (error) {
			if (signal?.aborted) throw toNodeError(ctx, error, download.itemIndex);
			direct = error;
		}
	}
	const fallbackPath = paths.renderDownload(download.renderId);
	try {
		const binary = await store(ctx, download, async () => await openWithToken(ctx, download, fallbackPath, baseUrl));
		return { binary, via: 'fallback' };
	} catch (error) {
		if (signal?.aborted) throw toNodeError(ctx, error, download.itemIndex);
		const tried = direct === undefined ? '' : `Fetching ${download.url} failed (${reason(direct)}); then `;
		throw new NodeOperationError(ctx.getNode(), `Could not download render ${download.renderId}`, {
			itemIndex: download.itemIndex,
			description: `${tried}the API's download ${baseUrl}${fallbackPath} failed (${reason(error)}). The render is finished on NemoVideo's side: fetch it later from that address with your NemoVideo token, or run this node again.`,
		});
	}
}
