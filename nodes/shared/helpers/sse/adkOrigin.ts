// The part of an ADK event's layout that every event shares after its content (contract §4.2, in
// ADK-2506's serialisation order): `"invocationId":"…","author":"…","actions":{"stateDelta":…`.

import { hasAt } from './jsonScan';

const INVOCATION = '"invocationId":"';
const AUTHOR = '","author":"';
const ACTIONS = '","actions":{"stateDelta":';

export interface AdkOrigin {
	invocationId: string;
	/** Where the stateDelta value starts. */
	deltaStart: number;
}

/**
 * Reads the origin at `cursor`. Undefined when the layout differs, when an id holds an escape, or
 * when the author is "system" (newer ADK's error events) or "user": those take the full parse.
 */
export function readAdkOrigin(data: string, cursor: number): AdkOrigin | undefined {
	if (!hasAt(data, cursor, INVOCATION)) return undefined;
	const idStart = cursor + INVOCATION.length;
	const idEnd = data.indexOf('"', idStart);
	if (idEnd < 0 || !hasAt(data, idEnd, AUTHOR)) return undefined;
	const authorStart = idEnd + AUTHOR.length;
	const authorEnd = data.indexOf('"', authorStart);
	if (authorEnd < 0 || !hasAt(data, authorEnd, ACTIONS)) return undefined;
	const invocationId = data.slice(idStart, idEnd);
	const author = data.slice(authorStart, authorEnd);
	if (author === 'system' || author === 'user' || invocationId.includes('\\') || author.includes('\\')) return undefined;
	return { invocationId, deltaStart: authorEnd + ACTIONS.length };
}
