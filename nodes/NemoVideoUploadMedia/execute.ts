import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { paths } from '../shared/transport/paths';
import { binaryUploads, parseFieldNames } from './binaryFiles';
import { API_REFUSALS, DEFAULT_MAX_FILE_SIZE_MB } from './checks';
import { multipartBody, multipartContentType, newBoundary } from './multipart';
import { uploadedFiles } from './uploadedFiles';
import { checkUrl, parseUrls } from './urls';
import { readSessionId } from '../shared/readSessionId';
import { apiRequest, apiStreamedUpload } from '../shared/transport';
import { NemoVideoApiError } from '../shared/transport/errors';

// n8n's HTTP layer gives up when no answer has begun within its timeout, and an upload's answer only
// begins once the last byte is sent: so the limit grows with the size, at a pessimistic 256 KB/s.
const UPLOAD_BASE_TIMEOUT_MS = 10 * 60_000;
const SLOWEST_UPLOAD_BYTES_PER_MS = 256;

async function uploadFromUrls(ctx: IExecuteFunctions, itemIndex: number, sessionId: string): Promise<IDataObject> {
	const urls = parseUrls(ctx.getNodeParameter('urls', itemIndex, ''));
	if (urls.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No URL to upload', {
			itemIndex,
			description: 'Put one or more file URLs in the URLs field, one per line or separated by commas.',
		});
	}
	for (const url of urls) {
		const refusal = checkUrl(url);
		if (refusal) throw new NodeOperationError(ctx.getNode(), refusal.message, { itemIndex, description: refusal.description });
	}
	return await apiRequest(ctx, {
		method: 'POST',
		path: paths.upload(sessionId),
		body: { urls, source_type: 'url' },
		itemIndex,
	});
}

async function uploadFromBinary(ctx: IExecuteFunctions, itemIndex: number, sessionId: string, maxFileSizeMb: number): Promise<IDataObject> {
	const fields = parseFieldNames(ctx.getNodeParameter('binaryProperties', itemIndex, 'data'));
	if (fields.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No binary field to upload', {
			itemIndex,
			description: 'Put the name of the binary field that holds the file in Binary Fields (usually "data"); several separated by commas.',
		});
	}
	const files = await binaryUploads(ctx, itemIndex, fields, maxFileSizeMb);
	const boundary = newBoundary();
	const totalBytes = files.reduce((total, file) => total + file.size, 0);
	return await apiStreamedUpload(ctx, {
		path: paths.upload(sessionId),
		itemIndex,
		timeoutMs: UPLOAD_BASE_TIMEOUT_MS + Math.ceil(totalBytes / SLOWEST_UPLOAD_BYTES_PER_MS),
		headers: { 'Content-Type': multipartContentType(boundary) },
		// A fresh body each time: after a token refresh the files are read again from their start.
		openBody: async () => multipartBody(files, boundary),
	});
}

export async function uploadMedia(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sessionId = readSessionId(ctx, itemIndex);
	const source = ctx.getNodeParameter('source', itemIndex, 'binary') as 'binary' | 'url';
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { maxFileSizeMb?: number };
	const maxFileSizeMb = options.maxFileSizeMb ?? DEFAULT_MAX_FILE_SIZE_MB;
	let data: IDataObject;
	try {
		data = source === 'url' ? await uploadFromUrls(ctx, itemIndex, sessionId) : await uploadFromBinary(ctx, itemIndex, sessionId, maxFileSizeMb);
	} catch (error) {
		throw inUploadWords(ctx, error);
	}
	return { sessionId, files: uploadedFiles(data) };
}

/** A format or size refusal from the API, in the words of the upload (the transport words every other code). */
function inUploadWords(ctx: IExecuteFunctions, error: unknown): unknown {
	const refusal = error instanceof NemoVideoApiError ? API_REFUSALS[error.nemoCode] : undefined;
	return refusal ? new NemoVideoApiError(ctx, (error as NemoVideoApiError).apiFailure, refusal) : error;
}
