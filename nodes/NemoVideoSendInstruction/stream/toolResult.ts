import { asObject, asString, isJsonObject } from '../../shared/helpers/jsonValues';
import type { ToolResultEvent } from './agentEvent';
import { isOutOfCredits } from './outOfCredits';

// A tool's result in one shape, whichever way it arrived (an ADK functionResponse, read in full or
// by layout, or a legacy `tool_result`). Tools report success and failure in their own words.

const SUCCESS_WORDS = new Set(['success', 'succeeded', 'ok', 'done', 'completed', 'complete']);
const FAILURE_WORDS = new Set(['error', 'failed', 'failure', 'fail']);

/** A tool's result, normalised: `success`, `error`, or the tool's own status word. */
export function toolResult(name: string, id: string | undefined, response: unknown): ToolResultEvent {
	const body = asObject(response);
	const error = body.error;
	const message = asString(body.message) ?? asString(error) ?? asString(isJsonObject(error) ? error.message : undefined);
	const code = body.code ?? body.error_code ?? body.errorCode ?? (isJsonObject(error) ? error.code : undefined);
	const outOfCredits = isOutOfCredits(code, message);
	const word = asString(body.status)?.toLowerCase();
	let status: string;
	if (word && SUCCESS_WORDS.has(word)) status = 'success';
	else if (word && FAILURE_WORDS.has(word)) status = 'error';
	else if (word) status = word;
	else status = error !== undefined || outOfCredits || (typeof code === 'number' && code !== 0) ? 'error' : 'success';
	return { kind: 'toolResult', name, ...(id ? { id } : {}), status: outOfCredits ? 'error' : status, outOfCredits, ...(message ? { message } : {}) };
}
