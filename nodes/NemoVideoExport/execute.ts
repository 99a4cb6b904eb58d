import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { fetchSessionState } from '../shared/sessionState';
import { downloadRender } from './download';
import { isReadyForExport } from '../shared/helpers/timeline';
import { readSessionId } from '../shared/readSessionId';
import type { ItemResult } from '../shared/runPerItem';
import { followRender, renderUntilDone } from './render';

interface ExportOptions {
	format?: string;
	quality?: string;
	pollIntervalSeconds?: number;
	timeoutMinutes?: number;
	download?: boolean;
	binaryPropertyName?: string;
	renderId?: string;
}

const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
// A floor for the poll interval, so a zero typed by mistake does not hammer the API.
const MIN_POLL_INTERVAL_MS = 10;

function notReady(ctx: IExecuteFunctions, itemIndex: number, sessionId: string) {
	return new NodeOperationError(ctx.getNode(), 'Nothing to export yet: the timeline is empty', {
		itemIndex,
		description: `Session ${sessionId} has no generated video on its timeline. Generate something first with NemoVideo Send Instruction (for example "make a 10-second video of a city at night"), then export. No render was submitted.`,
	});
}

/** Render ID may be the id or a text naming it: an error item carries only a timeout's message. */
const RENDER_ID = /render_[\w-]+/;

export async function exportVideo(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as ExportOptions;
	const renderIdText = String(options.renderId ?? '').trim();
	const existingRenderId = RENDER_ID.exec(renderIdText)?.[0] ?? renderIdText;
	// Following a render needs no session: its id is enough.
	const sessionId = readSessionId(ctx, itemIndex, existingRenderId !== '');

	const watch = {
		itemIndex,
		sessionId,
		pollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, (options.pollIntervalSeconds ?? 30) * 1000),
		timeoutMs: (options.timeoutMinutes ?? 10) * 60_000,
	};
	let render;
	if (existingRenderId) {
		render = await followRender(ctx, watch, existingRenderId);
	} else {
		const state = await fetchSessionState(ctx, itemIndex, sessionId);
		if (!isReadyForExport(state)) throw notReady(ctx, itemIndex, sessionId);
		const output = { format: options.format || 'mp4', quality: options.quality || 'high' };
		render = await renderUntilDone(ctx, { ...watch, draft: state.draft as IDataObject, output });
	}

	const json: IDataObject = {
		sessionId: sessionId || null,
		renderId: render.renderId,
		status: render.status.state,
		url: render.status.url ?? null,
		sizeBytes: render.status.sizeBytes ?? null,
		attempts: render.attempts,
	};
	if (options.download === false) return json;

	const { binary } = await downloadRender(ctx, {
		itemIndex,
		renderId: render.renderId,
		url: render.status.url,
		fileName: `${sessionId ? `${sessionId}-` : ''}${render.renderId}.${options.format || 'mp4'}`,
		mimeType: 'video/mp4',
		timeoutMs: DOWNLOAD_TIMEOUT_MS,
	});
	if (typeof binary.bytes === 'number') json.sizeBytes = binary.bytes;
	return { json, binary: { [options.binaryPropertyName?.trim() || 'data']: binary } };
}
