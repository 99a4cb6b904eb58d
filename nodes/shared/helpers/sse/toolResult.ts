import type { ToolResultEvent } from './agentEvent';
import { isOutOfCredits } from './outOfCredits';

// A tool's result in one shape, whichever way it arrived (an ADK functionResponse, read in full or
// by layout, or a legacy `tool_result`). Tools report success and failure in their own words.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const SUCCESS_WORDS = new Set(['success', 'succeeded', 'ok', 'done', 'completed', 'complete']);
const FAILURE_WORDS = new Set(['error', 'failed', 'failure', 'fail']);

/** A tool's result, normalised: `success`, `error`, or the tool's own status word. */
export function toolResult(name: string, id: string | undefined, response: unknown): ToolResultEvent {
	const body = isObject(response) ? response : {};
	const error = body.error;
	const message = textOf(body.message) ?? textOf(error) ?? textOf(isObject(error) ? error.message : undefined);
	const code = body.code ?? body.error_code ?? body.errorCode ?? (isObject(error) ? error.code : undefined);
	const outOfCredits = isOutOfCredits(code, message);
	const word = textOf(body.status)?.toLowerCase();
	let status: string;
	if (word && SUCCESS_WORDS.has(word)) status = 'success';
	else if (word && FAILURE_WORDS.has(word)) status = 'error';
	else if (word) status = word;
	else status = error !== undefined || outOfCredits || (typeof code === 'number' && code !== 0) ? 'error' : 'success';
	return { kind: 'toolResult', name, ...(id ? { id } : {}), status: outOfCredits ? 'error' : status, outOfCredits, ...(message ? { message } : {}) };
}
