import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { paths } from '../shared/transport/paths';
import { durationInWords } from '../shared/helpers/durationWords';
import { poll } from './polling';
import type { RenderStatus } from './renderStatus';
import { isFinished, readRenderStatus } from './renderStatus';
import { apiRequest } from '../shared/transport';
import { NemoVideoApiError } from '../shared/transport/errors';
import { isTransientStatus } from '../shared/transport/retry';

// Submit, wait, and submit once more if NemoVideo reports the render failed (docs/api.md#render): a new
// id every time, because the API refuses a reused one. A render that times out is not submitted
// again: it may still finish, and its id is in the error so that a second Export & Wait can follow
// it (followRender), which submits nothing.

export const MAX_ATTEMPTS = 2;

export interface RenderRequest {
	itemIndex: number;
	sessionId: string;
	draft: IDataObject;
	output: { format: string; quality: string };
	pollIntervalMs: number;
	/** For all attempts together. */
	timeoutMs: number;
}

/** Following a render needs no draft: nothing is submitted. */
export type RenderWatch = Omit<RenderRequest, 'draft' | 'output'>;

export interface FinishedRender {
	renderId: string;
	attempts: number;
	status: RenderStatus;
}

interface FailedAttempt {
	renderId: string;
	error?: string;
}

export function newRenderId(): string {
	return `render_${randomUUID()}`;
}

/** A poll that failed for a reason that usually passes: a server error, or no answer at all. */
function isPassingFailure(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	if (Number.isFinite(status) && status > 0) return isTransientStatus(status);
	return (error as { nemoCode?: number }).nemoCode === undefined;
}

async function submit(ctx: IExecuteFunctions, request: RenderRequest, renderId: string): Promise<RenderStatus> {
	const body: IDataObject = { id: renderId, sessionId: request.sessionId, draft: request.draft, output: request.output };
	return readRenderStatus(await apiRequest(ctx, { method: 'POST', path: paths.renderSubmit, body, itemIndex: request.itemIndex }));
}

async function check(ctx: IExecuteFunctions, request: RenderWatch, renderId: string): Promise<RenderStatus> {
	return readRenderStatus(await apiRequest(ctx, { method: 'GET', path: paths.renderPoll(renderId), itemIndex: request.itemIndex }));
}

function describeStatus(status: RenderStatus | undefined): string {
	if (!status) return 'no status was read';
	return `the last status was "${status.status}"${status.progress !== undefined ? ` at ${status.progress}%` : ''}`;
}

function timeoutError(ctx: IExecuteFunctions, request: RenderWatch, renderId: string, last: { answer?: RenderStatus; error?: unknown }) {
	const lastError = last.error instanceof Error ? ` (the last poll failed: ${last.error.message})` : '';
	return new NodeOperationError(ctx.getNode(), `Render ${renderId} did not finish within ${durationInWords(request.timeoutMs)}`, {
		itemIndex: request.itemIndex,
		description:
			`NemoVideo is still working on render ${renderId}: ${describeStatus(last.answer)}${lastError}. It may finish later. ` +
			`To fetch it without a new render, run NemoVideo Export & Wait with Render ID (in Options) set to ${renderId}, ` +
			'or connect this node\'s error output to a second one whose Render ID is {{ $json.error }} (this message names the id). ' +
			'Running this node again instead submits a new render.',
	});
}

function failedError(ctx: IExecuteFunctions, request: RenderWatch, failures: FailedAttempt[]) {
	const ids = failures.map((failure) => failure.renderId);
	const reasons = failures.map((failure) => `${failure.renderId}: ${failure.error ?? 'no reason given'}`).join('; ');
	const message = failures.length === 1 ? `Render ${ids[0]} failed` : `Export failed ${failures.length} times (render ${ids.join(' and ')})`;
	return new NodeOperationError(ctx.getNode(), message, {
		itemIndex: request.itemIndex,
		description: `NemoVideo reported the render as failed (${reasons}). ${failures.length === 1 ? 'Clear Render ID and run the node again to submit a new render' : 'Try again later'}; if it keeps failing, look at the timeline with NemoVideo Get State, or ask the agent to fix it with NemoVideo Send Instruction.`,
	});
}

async function waitUntilFinished(ctx: IExecuteFunctions, request: RenderWatch, renderId: string, deadline: number, delayFirst: boolean) {
	return await poll(async () => await check(ctx, request, renderId), {
		intervalMs: request.pollIntervalMs,
		timeoutMs: Math.max(0, deadline - Date.now()),
		signal: ctx.getExecutionCancelSignal(),
		delayFirst,
		isDone: isFinished,
		isTransient: isPassingFailure,
		onAnswer: (answer) => ctx.logger?.debug(`NemoVideo render ${renderId}: ${answer.status}${answer.progress !== undefined ? ` ${answer.progress}%` : ''}`),
		onTimeout: (last) => timeoutError(ctx, request, renderId, last),
	});
}

export async function renderUntilDone(ctx: IExecuteFunctions, request: RenderRequest): Promise<FinishedRender> {
	const deadline = Date.now() + request.timeoutMs;
	const failures: FailedAttempt[] = [];
	for (let attempt = 1; ; attempt++) {
		const renderId = newRenderId();
		const submitted = await submit(ctx, request, renderId);
		const status = isFinished(submitted) ? submitted : await waitUntilFinished(ctx, request, renderId, deadline, true);
		if (status.state === 'completed') return { renderId, attempts: attempt, status };
		failures.push({ renderId, error: status.error });
		if (attempt >= MAX_ATTEMPTS) throw failedError(ctx, request, failures);
	}
}

/** Follows a render submitted earlier (a timed-out Export's): the same waiting, no submit, no retry. */
export async function followRender(ctx: IExecuteFunctions, request: RenderWatch, renderId: string): Promise<FinishedRender> {
	const status = await waitUntilFinished(ctx, request, renderId, Date.now() + request.timeoutMs, false).catch((error: unknown) => {
		if (!(error instanceof NemoVideoApiError && error.nemoCode === 404)) throw error;
		throw new NodeOperationError(ctx.getNode(), `NemoVideo has no render ${renderId}`, {
			itemIndex: request.itemIndex,
			description: 'Render ID must be the id of a render this account submitted, as a timed-out NemoVideo Export & Wait names it (render_…). Clear Render ID to submit a new render. Nothing was submitted.',
		});
	});
	if (status.state === 'completed') return { renderId, attempts: 0, status };
	throw failedError(ctx, request, [{ renderId, error: status.error }]);
}
