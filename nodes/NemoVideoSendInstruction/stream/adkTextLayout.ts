import type { PartialChunkEvent, TextEvent, ThoughtEvent } from './agentEvent';
import { readAdkOrigin } from './adkOrigin';
import { closingQuote, endOfPrefixedPlainString, hasAt, jsonString, prefixedPlainString } from './jsonScan';
import type { Remembered } from './rememberedLayout';
import { recall, remember } from './rememberedLayout';

// Parsing every event with JSON.parse costs several times what parsing the SSE framing does, and
// most events of a long stream are heartbeats and text (streamed chunks above all). A text event as
// ADK serialises it (contract §4.4a/b, byte for byte) is recognised here by its exact layout and read
// with slices; a streamed chunk is only recognised, since its aggregate will repeat it. An event that
// differs in the least (another part first, another key order, an error code, a state change, a
// newer ADK's extra keys) is not read here: the caller parses it in full, so both ways agree.
// The markers are safe to search for: inside a JSON string every quote is escaped, so a marker with
// bare quotes can only be the event's own structure.

const PREFIX = '{"content":{"parts":[{"text":"';
const PLAIN_TEXT = prefixedPlainString(PREFIX);
const TEXT_END = '"}],"role":"model"},';
const THOUGHT_END = '","thought":true}],"role":"model"},';
const PARTIAL_TRUE = '"partial":true,';
const PARTIAL_FALSE = '"partial":false,';
const NO_STATE_CHANGE = '{},';
const COMMA = 44;
const LETTER_P = 112;

/** What the stretch after a text tells: everything but the text itself. */
interface TextTail {
	thought: boolean;
	partial: boolean;
	invocationId: string;
}

// The tail last seen for each kind of text event: thoughts, texts with a `partial` key (streamed
// chunks, and LiteLLM's aggregates), and texts without one.
const THOUGHTS = 0;
const WITH_PARTIAL_KEY = 1;
const PLAIN = 2;
const rememberedTails: Array<Remembered<TextTail> | undefined> = [undefined, undefined, undefined];

/**
 * A single-part text or thought event in ADK's exact layout (wire text), or undefined for anything
 * else. A streamed text chunk comes back unread: its aggregate will repeat it.
 */
export function readAdkText(wire: string): TextEvent | PartialChunkEvent | ThoughtEvent | undefined {
	const start = PREFIX.length;
	// Most texts are plain: one match finds their end. The rest are read with their escapes and bytes.
	const plainEnd = endOfPrefixedPlainString(PLAIN_TEXT, wire);
	const end = plainEnd >= 0 ? plainEnd : hasAt(wire, 0, PREFIX) ? closingQuote(wire, start) : -1;
	if (end < 0) return undefined;
	const tail = readTail(wire, end);
	if (!tail) return undefined;
	if (tail.partial && !tail.thought) return { kind: 'partialChunk', invocationId: tail.invocationId, wire };
	const text = plainEnd >= 0 ? wire.slice(start, end) : jsonString(wire, start, end);
	if (text === undefined) return undefined;
	if (tail.thought) return { kind: 'thought', chars: text.length };
	return { kind: 'text', text, partial: tail.partial, invocationId: tail.invocationId };
}

/** The tail from the text's closing quote to the empty stateDelta: remembered, or checked piece by piece. */
function readTail(wire: string, end: number): TextTail | undefined {
	const thought = wire.charCodeAt(end + 1) === COMMA;
	const close = thought ? THOUGHT_END : TEXT_END;
	const slot = thought ? THOUGHTS : wire.charCodeAt(end + close.length + 1) === LETTER_P ? WITH_PARTIAL_KEY : PLAIN;
	const known = recall(rememberedTails[slot], wire, end);
	if (known) return known;

	if (!hasAt(wire, end, close)) return undefined;
	let cursor = end + close.length;
	let partial = false;
	if (hasAt(wire, cursor, PARTIAL_TRUE)) {
		partial = true;
		cursor += PARTIAL_TRUE.length;
	} else if (hasAt(wire, cursor, PARTIAL_FALSE)) {
		cursor += PARTIAL_FALSE.length;
	}
	const origin = readAdkOrigin(wire, cursor);
	if (!origin || !hasAt(wire, origin.deltaStart, NO_STATE_CHANGE)) return undefined;
	const tail = { thought, partial, invocationId: origin.invocationId };
	rememberedTails[slot] = remember(wire, end, origin.deltaStart + NO_STATE_CHANGE.length, tail);
	return tail;
}
