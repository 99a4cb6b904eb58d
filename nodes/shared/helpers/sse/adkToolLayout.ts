import { readAdkOrigin } from './adkOrigin';
import type { AgentEvent, ToolCallEvent } from './agentEvent';
import { closingQuote, hasAt, hasNoEscape, jsonString, skipJsonValue } from './jsonScan';
import { toolResult } from './toolResult';

// Tool calls and results in ADK's exact layout (contract §4.4c/d), read without parsing the call's
// arguments or the whole event: only the result's `response` object is parsed, and a state change
// is seen by its keys. Anything laid out otherwise (text beside the call, several parts, another
// key order) is left to the full parse, which gives the same answer.

const CALL_PREFIX = '{"content":{"parts":[{"functionCall":{"id":"';
const CALL_ARGS = '","args":';
const CALL_NAME = ',"name":"';
const CALL_END = '"}}],"role":"model"},';
const RESULT_PREFIX = '{"content":{"parts":[{"functionResponse":{"id":"';
const RESULT_NAME = '","name":"';
const RESULT_RESPONSE = '","response":';
const RESULT_END = '}}],"role":"user"},';
const ACTIONS_REST = ',"artifactDelta":{},"requestedAuthConfigs":{}}';
const NO_STATE_CHANGE = `{}${ACTIONS_REST}`;
/** The commonest result, `{"status":"success"}` and nothing else, with what follows it: no parse needed. */
const SUCCESS_END = `{"status":"success"}${RESULT_END}`;
const LONG_RUNNING = ',"longRunningToolIds":[';

const SUCCESS = Object.freeze({ status: 'success' });

/** A quoted, escape-free id or name starting at `start`: its end (the closing quote), or -1. */
function plainStringEnd(data: string, start: number): number {
	const end = closingQuote(data, start);
	return end < 0 || !hasNoEscape(data, start, end) ? -1 : end;
}

export function readAdkToolCall(data: string): ToolCallEvent | undefined {
	if (!hasAt(data, 0, CALL_PREFIX)) return undefined;
	const idStart = CALL_PREFIX.length;
	const idEnd = plainStringEnd(data, idStart);
	if (idEnd < 0 || !hasAt(data, idEnd, CALL_ARGS)) return undefined;
	const argsEnd = skipJsonValue(data, idEnd + CALL_ARGS.length);
	if (argsEnd < 0 || !hasAt(data, argsEnd, CALL_NAME)) return undefined;
	const nameStart = argsEnd + CALL_NAME.length;
	const nameEnd = plainStringEnd(data, nameStart);
	if (nameEnd < 0 || !hasAt(data, nameEnd, CALL_END)) return undefined;
	const deltaStart = readAdkOrigin(data, nameEnd + CALL_END.length);
	if (deltaStart < 0 || !hasAt(data, deltaStart, NO_STATE_CHANGE)) return undefined;
	const id = data.slice(idStart, idEnd);
	const afterActions = deltaStart + NO_STATE_CHANGE.length;
	let longRunning = false;
	if (hasAt(data, afterActions, LONG_RUNNING)) {
		const listStart = afterActions + LONG_RUNNING.length - 1;
		const listEnd = skipJsonValue(data, listStart);
		if (listEnd < 0) return undefined;
		longRunning = listEnd - listStart > 2 && data.slice(listStart, listEnd).includes(`"${id}"`);
	}
	return { kind: 'toolCall', name: data.slice(nameStart, nameEnd), id, longRunning };
}

export function readAdkToolResult(data: string): AgentEvent[] | undefined {
	if (!hasAt(data, 0, RESULT_PREFIX)) return undefined;
	const idStart = RESULT_PREFIX.length;
	const idEnd = plainStringEnd(data, idStart);
	if (idEnd < 0 || !hasAt(data, idEnd, RESULT_NAME)) return undefined;
	const nameStart = idEnd + RESULT_NAME.length;
	const nameEnd = plainStringEnd(data, nameStart);
	if (nameEnd < 0 || !hasAt(data, nameEnd, RESULT_RESPONSE)) return undefined;
	const responseStart = nameEnd + RESULT_RESPONSE.length;
	const succeeded = hasAt(data, responseStart, SUCCESS_END);
	const responseEnd = succeeded ? responseStart + SUCCESS_END.length - RESULT_END.length : skipJsonValue(data, responseStart);
	if (responseEnd < 0 || !(succeeded || hasAt(data, responseEnd, RESULT_END))) return undefined;
	const deltaStart = readAdkOrigin(data, responseEnd + RESULT_END.length);
	if (deltaStart < 0) return undefined;
	const deltaKeys: string[] = [];
	const deltaEnd = skipJsonValue(data, deltaStart, deltaKeys);
	if (deltaEnd < 0 || !hasAt(data, deltaEnd, ACTIONS_REST)) return undefined;
	let response: unknown = SUCCESS;
	if (!succeeded) {
		try {
			response = JSON.parse(data.slice(responseStart, responseEnd));
		} catch {
			return undefined;
		}
	}
	const name = jsonString(data, nameStart, nameEnd) ?? '';
	const events: AgentEvent[] = [toolResult(name, data.slice(idStart, idEnd), response)];
	if (deltaKeys.length > 0) events.push({ kind: 'stateDelta', keys: deltaKeys });
	return events;
}
