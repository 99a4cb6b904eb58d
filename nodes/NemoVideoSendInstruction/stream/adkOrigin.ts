// The part of an ADK event's layout that every event shares after its content (contract §4.2, in
// ADK-2506's serialisation order): `"invocationId":"…","author":"…","actions":{"stateDelta":…`.

import { hasAt, isPlainAscii } from './jsonScan';

const INVOCATION = '"invocationId":"';
const AUTHOR = '","author":"';
const ACTIONS = '","actions":{"stateDelta":';

export interface AdkOrigin {
	/** Where the stateDelta value starts. */
	deltaStart: number;
	invocationId: string;
}

/**
 * Reads the origin at `cursor` in wire text, or undefined when the layout differs, when the id or
 * the author holds an escape or a non-ASCII byte (they are then left to the full parse, which
 * decodes them), or when the author is "system" (newer ADK's error events) or "user".
 */
export function readAdkOrigin(wire: string, cursor: number): AdkOrigin | undefined {
	if (!hasAt(wire, cursor, INVOCATION)) return undefined;
	const idStart = cursor + INVOCATION.length;
	const idEnd = wire.indexOf('"', idStart);
	if (idEnd < 0 || !hasAt(wire, idEnd, AUTHOR)) return undefined;
	const authorStart = idEnd + AUTHOR.length;
	const authorEnd = wire.indexOf('"', authorStart);
	if (authorEnd < 0 || !hasAt(wire, authorEnd, ACTIONS)) return undefined;
	const author = wire.slice(authorStart, authorEnd);
	if (author === 'system' || author === 'user') return undefined;
	if (!isPlainAscii(wire, idStart, idEnd) || !isPlainAscii(author, 0, author.length)) return undefined;
	// A copy: the id may be remembered with a layout (rememberedLayout.ts), long after this chunk.
	return { deltaStart: authorEnd + ACTIONS.length, invocationId: (' ' + wire.slice(idStart, idEnd)).slice(1) };
}
