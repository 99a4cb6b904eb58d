import type { IDataObject } from 'n8n-workflow';
import { asString, isJsonObject } from '../../shared/helpers/jsonValues';
import type { AgentErrorEvent, AgentEvent } from './agentEvent';
import { isOutOfCredits } from './outOfCredits';
import { toolResult } from './toolResult';

// One SSE message's data → what it means (docs/api.md#event-kinds). Never throws: a stream that
// sends something odd is reported, not fatal. Unknown keys are ignored, as ADK's newer fields must be.

const HEARTBEAT: AgentEvent = { kind: 'heartbeat' };
const KEEP_ALIVE_WORDS = new Set(['ping', 'pong', 'heartbeat', 'keep-alive', 'keepalive']);
const SAMPLE_CHARS = 200;

const isKeepAliveWord = (text: string) => text.length <= 10 && KEEP_ALIVE_WORDS.has(text.toLowerCase());

export function classifyAgentData(data: string): AgentEvent[] {
	const trimmed = data.trim();
	if (trimmed === '') return [HEARTBEAT];
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch {
		return [isKeepAliveWord(trimmed) ? HEARTBEAT : unparseable(trimmed)];
	}
	if (!isJsonObject(parsed)) return [typeof parsed === 'string' && isKeepAliveWord(parsed) ? HEARTBEAT : unreadable(trimmed)];
	return isSimplifiedFormat(parsed) ? classifySimplified(parsed, trimmed) : classifyAdk(parsed);
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

// ---- the legacy simplified format (docs/api.md#event-kinds) ----

function isSimplifiedFormat(event: IDataObject): boolean {
	// ADK events have no top-level `type`, and their `content` is an object.
	return typeof event.type === 'string' && (event.content === undefined || typeof event.content === 'string');
}

function classifySimplified(event: IDataObject, raw: string): AgentEvent[] {
	switch (event.type) {
		case 'heartbeat':
		case 'ping':
			return [HEARTBEAT];
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
			return [];
		default:
			return [unreadable(raw)];
	}
}

// ---- ADK events (docs/api.md#run-sse) ----

function classifyAdk(event: IDataObject): AgentEvent[] {
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
	return events;
}
