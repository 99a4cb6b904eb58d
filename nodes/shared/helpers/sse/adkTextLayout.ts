import type { PartialChunkEvent, TextEvent, ThoughtEvent } from './agentEvent';
import { invocationIdAt, readAdkOrigin } from './adkOrigin';
import { closingQuote, hasAt, hasNoEscape, jsonString } from './jsonScan';

// Parsing every event with JSON.parse costs several times what parsing the SSE framing does, and
// most events of a long stream are heartbeats and text (streamed chunks above all). A text event as
// ADK serialises it (contract §4.4a/b, byte for byte) is recognised here by its exact layout and read
// with slices; a streamed chunk is only recognised, since its aggregate will repeat it. An event that
// differs in the least (another part first, another key order, an error code, a state change, a
// newer ADK's extra keys) is not read here: the caller parses it in full, so both ways agree.
// The markers are safe to search for: inside a JSON string every quote is escaped, so a marker with
// bare quotes can only be the event's own structure.

const PREFIX = '{"content":{"parts":[{"text":"';
const TEXT_END = '"}],"role":"model"},';
const THOUGHT_END = '","thought":true}],"role":"model"},';
const PARTIAL_TRUE = '"partial":true,';
const PARTIAL_FALSE = '"partial":false,';
const NO_STATE_CHANGE = '{},';
/** Where a streamed chunk's content object ends: ADK writes `partial` right after it. */
const PARTIAL_MARK = '},"partial":true,"invocationId":"';

/**
 * A single-part text or thought event in ADK's exact layout, or undefined for anything else. A
 * streamed text chunk comes back unread (its aggregate will repeat it): one search finds its mark.
 */
export function readAdkText(data: string): TextEvent | PartialChunkEvent | ThoughtEvent | undefined {
	if (!hasAt(data, 0, PREFIX)) return undefined;
	const mark = data.indexOf(PARTIAL_MARK, PREFIX.length);
	if (mark >= 0) return partialChunk(data, mark + PARTIAL_MARK.length);
	const start = PREFIX.length;
	const end = closingQuote(data, start);
	if (end < 0) return undefined;
	let cursor: number;
	let thought = false;
	if (hasAt(data, end, TEXT_END)) {
		cursor = end + TEXT_END.length;
	} else if (hasAt(data, end, THOUGHT_END)) {
		thought = true;
		cursor = end + THOUGHT_END.length;
	} else {
		return undefined;
	}
	let partial = false;
	if (hasAt(data, cursor, PARTIAL_TRUE)) {
		partial = true;
		cursor += PARTIAL_TRUE.length;
	} else if (hasAt(data, cursor, PARTIAL_FALSE)) {
		cursor += PARTIAL_FALSE.length;
	}
	const deltaStart = readAdkOrigin(data, cursor);
	if (deltaStart < 0 || !hasAt(data, deltaStart, NO_STATE_CHANGE)) return undefined;
	const text = jsonString(data, start, end);
	if (text === undefined) return undefined;
	if (thought) return { kind: 'thought', chars: text.length };
	return { kind: 'text', text, partial, invocationId: invocationIdAt(data, cursor) };
}

function partialChunk(data: string, idStart: number): PartialChunkEvent | undefined {
	const idEnd = data.indexOf('"', idStart);
	if (idEnd < 0) return undefined;
	return hasNoEscape(data, idStart, idEnd) ? { kind: 'partialChunk', invocationId: data.slice(idStart, idEnd), raw: data } : undefined;
}
