import { asNumber, asObject, asText } from '../shared/helpers/jsonValues';

// A render job's answer, whichever shape NemoVideo uses (docs/api.md#render): the skill's top-level
// `status` and `output.url`, the lambda proxy's `{success, data: {status, outputUrl}}`, or the
// superset that carries both. Submit and poll answers are read the same way.

export type RenderState = 'pending' | 'processing' | 'completed' | 'failed';

export interface RenderStatus {
	/** The id the API reports, when it reports one. */
	id?: string;
	state: RenderState;
	/** The status word as the API sent it. */
	status: string;
	progress?: number;
	url?: string;
	sizeBytes?: number;
	error?: string;
}

const STATES: Record<string, RenderState> = {
	pending: 'pending',
	queued: 'pending',
	submitted: 'pending',
	processing: 'processing',
	running: 'processing',
	rendering: 'processing',
	completed: 'completed',
	complete: 'completed',
	succeeded: 'completed',
	success: 'completed',
	done: 'completed',
	failed: 'failed',
	error: 'failed',
	cancelled: 'failed',
	canceled: 'failed',
};

function firstOf<T>(read: (value: unknown) => T | undefined, ...values: unknown[]): T | undefined {
	for (const value of values) {
		const result = read(value);
		if (result !== undefined) return result;
	}
	return undefined;
}

export function readRenderStatus(body: unknown): RenderStatus {
	const top = asObject(body);
	const data = asObject(top.data);
	const topOutput = asObject(top.output);
	const dataOutput = asObject(data.output);

	const status = firstOf(asText, top.status, data.status);
	const error = firstOf(asText, top.error, data.error, top.message, data.message);
	// `success: false` without a status is a refusal: the job will not run.
	const refused = status === undefined && (top.success === false || data.success === false);
	const word = (status ?? '').toLowerCase();
	// An unknown word is taken as "still working": the poll goes on until it times out.
	const known = Object.prototype.hasOwnProperty.call(STATES, word);
	const state: RenderState = refused ? 'failed' : known ? STATES[word] : 'pending';

	const result: RenderStatus = { state, status: status ?? (refused ? 'failed' : 'unknown') };
	const id = firstOf(asText, data.id, top.id, top.taskId, data.taskId);
	const progress = firstOf(asNumber, top.progress, data.progress);
	const url = firstOf(asText, topOutput.url, top.outputUrl, data.outputUrl, dataOutput.url);
	const sizeBytes = firstOf(asNumber, topOutput.size, dataOutput.size, top.size, data.size);
	if (id !== undefined) result.id = id;
	if (progress !== undefined) result.progress = progress;
	if (url !== undefined) result.url = url;
	if (sizeBytes !== undefined) result.sizeBytes = sizeBytes;
	if (error !== undefined && (state === 'failed' || refused)) result.error = error;
	return result;
}

export function isFinished(status: RenderStatus): boolean {
	return status.state === 'completed' || status.state === 'failed';
}
