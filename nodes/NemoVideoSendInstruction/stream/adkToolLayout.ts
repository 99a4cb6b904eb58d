import { readAdkOrigin } from './adkOrigin';
import type { AgentEvent, StateDeltaEvent, ToolCallEvent, ToolResultEvent } from './agentEvent';
import { endOfPrefixedPlainString, hasAt, hasNoEscape, isPlainAscii, prefixedPlainString, skipJsonValue } from './jsonScan';
import type { Remembered } from './rememberedLayout';
import { recall, remember } from './rememberedLayout';
import { toolResult } from './toolResult';
import { textFromWire } from './wireText';

// Tool calls and results in ADK's exact layout (contract §4.4c/d), read in wire text without
// parsing the call's arguments or the whole event: only a result's `response` object is parsed,
// unless it is the common `{"status":"success"}`. Anything laid out otherwise (text beside the call,
// several parts, another key order) is left to the full parse, which gives the same answer.
// The stretch after a call's arguments and after a result's id (name, origin, empty actions) is
// the same from one tool use to the next, so it is remembered once checked (rememberedLayout.ts).

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
const NO_LONG_RUNNING = `${LONG_RUNNING}]`;
const PLAIN_CALL_ID = prefixedPlainString(CALL_PREFIX);
const PLAIN_RESULT_ID = prefixedPlainString(RESULT_PREFIX);
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The end (closing quote) of an id or name starting at `start` that holds no escape, or -1. */
function plainStringEnd(wire: string, start: number): number {
	const end = wire.indexOf('"', start);
	return end < 0 || !hasNoEscape(wire, start, end) ? -1 : end;
}

/**
 * The text of an id or name that ends at `end` (its closing quote), or undefined if it holds an
 * escape. One check answers for nearly every id: plain ASCII stands as it is.
 */
function plainString(wire: string, start: number, end: number): string | undefined {
	const stretch = wire.slice(start, end);
	if (isPlainAscii(stretch, 0, stretch.length)) return stretch;
	return hasNoEscape(stretch, 0, stretch.length) ? textFromWire(stretch) : undefined;
}

/**
 * The id that opens a call or a result, with where it ends: found by one match when it is plain,
 * as ids nearly always are; otherwise read the long way (decoded if it holds non-ASCII bytes).
 * Undefined when the event does not start with `prefix`, or when the id holds an escape.
 */
function openingId(wire: string, prefix: string, plain: RegExp): { id: string; idEnd: number } | undefined {
	const plainEnd = endOfPrefixedPlainString(plain, wire);
	if (plainEnd >= 0) return { id: wire.slice(prefix.length, plainEnd), idEnd: plainEnd };
	if (!hasAt(wire, 0, prefix)) return undefined;
	const idEnd = wire.indexOf('"', prefix.length);
	const id = idEnd < 0 ? undefined : plainString(wire, prefix.length, idEnd);
	return id === undefined ? undefined : { id, idEnd };
}

// ---- calls ----

/** After the arguments: the name, the origin, empty actions and no long-running ids. */
let rememberedCallTail: Remembered<{ name: string }> | undefined;

export function readAdkToolCall(wire: string): ToolCallEvent | undefined {
	const opening = openingId(wire, CALL_PREFIX, PLAIN_CALL_ID);
	if (!opening) return undefined;
	const { id, idEnd } = opening;
	// The remembered tail starts with the name key, normally the first `,"name":"` after the id.
	// If it matches there, it pins the name and closes the call: what lies between is the
	// arguments, which are not read. Arguments that hold a `"name"` key of their own make it miss,
	// and the call is read the long way, arguments checked.
	const tail = rememberedCallTail;
	if (tail) {
		const tailAt = wire.indexOf(CALL_NAME, idEnd);
		if (tailAt > idEnd && hasAt(wire, tailAt, tail.literal)) return { kind: 'toolCall', name: tail.facts.name, id, longRunning: false };
	}
	return hasAt(wire, idEnd, CALL_ARGS) ? readCallAfterArgs(wire, idEnd + CALL_ARGS.length, id) : undefined;
}

function readCallAfterArgs(wire: string, argsStart: number, id: string): ToolCallEvent | undefined {
	const argsEnd = skipJsonValue(wire, argsStart);
	if (argsEnd < 0 || !hasAt(wire, argsEnd, CALL_NAME)) return undefined;
	const nameStart = argsEnd + CALL_NAME.length;
	const nameEnd = plainStringEnd(wire, nameStart);
	if (nameEnd < 0 || !hasAt(wire, nameEnd, CALL_END)) return undefined;
	const origin = readAdkOrigin(wire, nameEnd + CALL_END.length);
	if (!origin || !hasAt(wire, origin.deltaStart, NO_STATE_CHANGE)) return undefined;
	const name = plainString(wire, nameStart, nameEnd);
	if (name === undefined) return undefined;
	const afterActions = origin.deltaStart + NO_STATE_CHANGE.length;
	if (hasAt(wire, afterActions, NO_LONG_RUNNING)) {
		rememberedCallTail = remember(wire, argsEnd, afterActions + NO_LONG_RUNNING.length, { name: (' ' + name).slice(1) });
		return { kind: 'toolCall', name, id, longRunning: false };
	}
	let longRunning = false;
	if (hasAt(wire, afterActions, LONG_RUNNING)) {
		const listStart = afterActions + LONG_RUNNING.length - 1;
		const listEnd = skipJsonValue(wire, listStart);
		if (listEnd < 0) return undefined;
		longRunning = textFromWire(wire.slice(listStart, listEnd)).includes(`"${id}"`);
	}
	return { kind: 'toolCall', name, id, longRunning };
}

// ---- results ----

/** After the id: the name, a `{"status":"success"}` response and the origin, up to the stateDelta. */
let rememberedSuccessTail: Remembered<{ name: string }> | undefined;

export function readAdkToolResult(wire: string): AgentEvent[] | undefined {
	const opening = openingId(wire, RESULT_PREFIX, PLAIN_RESULT_ID);
	if (!opening) return undefined;
	const { id, idEnd } = opening;
	const tail = rememberedSuccessTail;
	const known = recall(tail, wire, idEnd);
	if (tail && known) return withStateDelta(succeeded(known.name, id), wire, idEnd + tail.literal.length);
	return readResultAfterId(wire, idEnd, id);
}

function succeeded(name: string, id: string): ToolResultEvent {
	return { kind: 'toolResult', name, id, status: 'success', outOfCredits: false };
}

/**
 * The result, and a state change when the stateDelta at `deltaStart` is not empty. What follows
 * the stateDelta (artifacts, auth requests) means nothing to a turn's outcome, so it is not read.
 */
function withStateDelta(result: ToolResultEvent, wire: string, deltaStart: number): AgentEvent[] {
	if (wire.charCodeAt(deltaStart) === OPEN_BRACE && wire.charCodeAt(deltaStart + 1) === CLOSE_BRACE) return [result];
	return [result, lazyStateDelta(wire, deltaStart)];
}

/**
 * A state change whose keys are read only if someone asks (only `includeEvents` does): a draft in
 * a stateDelta is the longest stretch of a tool-heavy stream, and nothing else needs its keys.
 */
class LazyStateDelta implements StateDeltaEvent {
	readonly kind = 'stateDelta';
	private read: string[] | undefined;

	constructor(
		private readonly wire: string,
		private readonly deltaStart: number,
	) {}

	get keys(): string[] {
		if (!this.read) {
			this.read = [];
			skipJsonValue(this.wire, this.deltaStart, this.read);
		}
		return this.read;
	}
}

function lazyStateDelta(wire: string, deltaStart: number): StateDeltaEvent {
	return new LazyStateDelta(wire, deltaStart);
}

function readResultAfterId(wire: string, idEnd: number, id: string): AgentEvent[] | undefined {
	if (!hasAt(wire, idEnd, RESULT_NAME)) return undefined;
	const nameStart = idEnd + RESULT_NAME.length;
	const nameEnd = plainStringEnd(wire, nameStart);
	if (nameEnd < 0 || !hasAt(wire, nameEnd, RESULT_RESPONSE)) return undefined;
	const responseStart = nameEnd + RESULT_RESPONSE.length;
	const isSuccess = hasAt(wire, responseStart, SUCCESS_END);
	const responseEnd = isSuccess ? responseStart + SUCCESS_END.length - RESULT_END.length : skipJsonValue(wire, responseStart);
	if (responseEnd < 0 || !(isSuccess || hasAt(wire, responseEnd, RESULT_END))) return undefined;
	const origin = readAdkOrigin(wire, responseEnd + RESULT_END.length);
	if (!origin) return undefined;
	const deltaKeys: string[] = [];
	const deltaEnd = skipJsonValue(wire, origin.deltaStart, deltaKeys);
	if (deltaEnd < 0 || !hasAt(wire, deltaEnd, ACTIONS_REST)) return undefined;
	const name = plainString(wire, nameStart, nameEnd);
	if (name === undefined) return undefined;
	let result: ToolResultEvent;
	if (isSuccess) {
		rememberedSuccessTail = remember(wire, idEnd, origin.deltaStart, { name: (' ' + name).slice(1) });
		result = succeeded(name, id);
	} else {
		let response: unknown;
		try {
			response = JSON.parse(textFromWire(wire.slice(responseStart, responseEnd)));
		} catch {
			return undefined;
		}
		result = toolResult(name, id, response);
	}
	return deltaKeys.length > 0 ? [result, { kind: 'stateDelta', keys: deltaKeys }] : [result];
}
