import type { IDataObject } from 'n8n-workflow';
import { asString, isJsonObject } from '../../shared/helpers/jsonValues';
import { readAdkText } from './adkTextLayout';
import { readAdkToolCall, readAdkToolResult } from './adkToolLayout';
import type { AgentErrorEvent, AgentEvent, HeartbeatEvent } from './agentEvent';
import { isOutOfCredits } from './outOfCredits';
import { toolResult } from './toolResult';
import { textFromWire } from './wireText';

// One SSE message's data → what it means (contract §4.2-4.4). Never throws: a stream that sends
// something odd is reported, not fatal. Unknown keys are ignored, as ADK's newer fields must be.

const HEARTBEAT: HeartbeatEvent = { kind: 'heartbeat' };
const HEARTBEAT_ONLY: readonly AgentEvent[] = Object.freeze([HEARTBEAT]);
const NOTHING: readonly AgentEvent[] = Object.freeze([]);

/** The exact bytes of the documented JSON heartbeat: recognised without parsing. */
const JSON_HEARTBEAT = '{"type":"heartbeat"}';
const KEEP_ALIVE_WORDS = new Set(['ping', 'pong', 'heartbeat', 'keep-alive', 'keepalive']);
const SAMPLE_CHARS = 200;

/**
 * Whether a message's data (wire text) is a keep-alive: `{"type":"heartbeat"}` or an empty `data:`
 * line. SSE comments (`: ping`) are keep-alives too; the reader tells those apart by itself.
 */
export function isHeartbeatWire(wire: string): boolean {
	return wire === JSON_HEARTBEAT || wire === '';
}

const SHORTEST_EVENT = 16;

/** How every ADK event with content begins; what follows tells text, a call and a result apart. */
const ADK_PARTS = '{"content":{"parts":[{"';
const KIND_AT = ADK_PARTS.length;
const TOOL_KIND_AT = ADK_PARTS.length + 'function'.length;
const LETTER_T = 116; // "text"
const LETTER_F = 102; // "functionCall" / "functionResponse"
const LETTER_C = 67; // functionCall
const LETTER_R = 82; // functionResponse

/**
 * One message's data, as the reader hands it over (wire text: see wireText.ts). The quick ways
 * first: heartbeats are recognised on the wire; text and tools in ADK's exact layout are read by
 * position, and only the strings taken out of them are decoded; anything else is decoded and
 * parsed in full.
 */
export function classifyAgentData(wire: string): readonly AgentEvent[] {
	if (isHeartbeatWire(wire)) return HEARTBEAT_ONLY;
	return readByLayout(wire) ?? classifyWireInFull(wire);
}

/** The full way for a message still in wire text (a streamed chunk whose aggregate never came). */
export function classifyWireInFull(wire: string): readonly AgentEvent[] {
	return classifyParsed(textFromWire(wire));
}

/** Each reader checks its whole prefix; the letter where they differ only picks which one to ask. */
function readByLayout(wire: string): readonly AgentEvent[] | undefined {
	const kind = wire.charCodeAt(KIND_AT);
	if (kind === LETTER_T) {
		const text = readAdkText(wire);
		return text && [text];
	}
	if (kind !== LETTER_F) return undefined;
	const toolKind = wire.charCodeAt(TOOL_KIND_AT);
	if (toolKind === LETTER_C) {
		const call = readAdkToolCall(wire);
		return call && [call];
	}
	return toolKind === LETTER_R ? readAdkToolResult(wire) : undefined;
}

/** The full way: JSON.parse, then every format and field the contract knows. */
export function classifyParsed(data: string): readonly AgentEvent[] {
	const trimmed = data.trim();
	if (trimmed === '' || (trimmed.length < SHORTEST_EVENT && KEEP_ALIVE_WORDS.has(trimmed.toLowerCase()))) return HEARTBEAT_ONLY;
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch {
		return [unparseable(trimmed)];
	}
	if (!isJsonObject(parsed)) {
		return typeof parsed === 'string' && KEEP_ALIVE_WORDS.has(parsed.toLowerCase()) ? HEARTBEAT_ONLY : [unreadable(trimmed)];
	}
	if (isSimplifiedFormat(parsed)) return classifySimplified(parsed, trimmed);
	return classifyAdk(parsed);
}

/**
 * ADK ≤1.x writes `{"error": "<message>"}` without escaping the message, so a quote inside it makes
 * the JSON invalid. The message is recovered from the raw text.
 */
const RAW_ERROR_EVENT = /^\{\s*"error"\s*:\s*"([\s\S]*)"\s*\}$/;

function unparseable(raw: string): AgentEvent {
	const match = RAW_ERROR_EVENT.exec(raw);
	if (match) return errorEvent('error-field', match[1]);
	return unreadable(raw);
}

function unreadable(raw: string): AgentEvent {
	return { kind: 'unreadable', sample: raw.slice(0, SAMPLE_CHARS) };
}

function errorEvent(source: AgentErrorEvent['source'], message: string, code?: unknown): AgentErrorEvent {
	const codeText = code === undefined || code === null ? undefined : String(code);
	return { kind: 'error', source, message, ...(codeText ? { code: codeText } : {}), outOfCredits: isOutOfCredits(code, message) };
}

// ---- the legacy simplified format (contract §4.4h) ----

function isSimplifiedFormat(event: IDataObject): boolean {
	// ADK events have no top-level `type`, and their `content` is an object.
	return typeof event.type === 'string' && (event.content === undefined || typeof event.content === 'string');
}

function classifySimplified(event: IDataObject, raw: string): readonly AgentEvent[] {
	switch (event.type) {
		case 'heartbeat':
		case 'ping':
			return HEARTBEAT_ONLY;
		case 'text':
			return [{ kind: 'text', text: asString(event.content) ?? asString(event.text) ?? '', partial: event.partial === true, invocationId: '' }];
		case 'tool_call':
			return [{ kind: 'toolCall', name: asString(event.name) ?? 'unknown', longRunning: false }];
		case 'tool_result':
			return [toolResult(asString(event.name) ?? 'unknown', undefined, event.result)];
		case 'error':
			return [errorEvent('simplified', asString(event.message) ?? asString(event.content) ?? asString(event.error) ?? 'unknown error', event.code)];
		case 'done':
		case 'end':
			return NOTHING;
		default:
			return [unreadable(raw)];
	}
}

// ---- ADK events (contract §4.2) ----

function classifyAdk(event: IDataObject): readonly AgentEvent[] {
	if (event.error !== undefined && event.content === undefined) {
		const message = asString(event.error) ?? asString((event.error as IDataObject)?.message) ?? JSON.stringify(event.error);
		return [errorEvent('error-field', message, isJsonObject(event.error) ? event.error.code : event.code)];
	}
	if (typeof event.code === 'number' && event.code !== 0 && event.content === undefined) {
		return [errorEvent('envelope', asString(event.message) ?? asString(event.detail) ?? `error ${event.code}`, event.code)];
	}
	const events: AgentEvent[] = [];
	if (event.errorCode !== undefined || event.errorMessage !== undefined) {
		events.push(errorEvent('error-code', asString(event.errorMessage) ?? String(event.errorCode), event.errorCode));
	}
	const content = isJsonObject(event.content) ? event.content : undefined;
	const parts = Array.isArray(content?.parts) ? content.parts : [];
	const fromUser = event.author === 'user';
	const fromSystem = event.author === 'system';
	const longRunning = Array.isArray(event.longRunningToolIds) ? (event.longRunningToolIds as unknown[]) : [];
	for (const part of parts) {
		if (!isJsonObject(part)) continue;
		if (isJsonObject(part.functionCall)) {
			const call = part.functionCall;
			const id = asString(call.id);
			events.push({ kind: 'toolCall', name: asString(call.name) ?? 'unknown', ...(id ? { id } : {}), longRunning: id !== undefined && longRunning.includes(id) });
		} else if (isJsonObject(part.functionResponse)) {
			const response = part.functionResponse;
			events.push(toolResult(asString(response.name) ?? 'unknown', asString(response.id), response.response));
		} else if (typeof part.text === 'string') {
			// The user's own words are never echoed by ADK; if a gateway did, they are not the agent's reply.
			if (fromUser || content?.role === 'user') continue;
			if (part.thought === true) events.push({ kind: 'thought', chars: part.text.length });
			else if (fromSystem) events.push(errorEvent('system', part.text.replace(/^Error:\s*/, '')));
			else events.push({ kind: 'text', text: part.text, partial: event.partial === true, invocationId: asString(event.invocationId) ?? '' });
		}
	}
	const delta = isJsonObject(event.actions) && isJsonObject(event.actions.stateDelta) ? Object.keys(event.actions.stateDelta) : [];
	if (delta.length > 0) events.push({ kind: 'stateDelta', keys: delta });
	return events.length > 0 ? events : NOTHING;
}
