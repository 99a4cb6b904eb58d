// The part of an ADK event's layout that every event shares after its content (contract §4.2, in
// ADK-2506's serialisation order): `"invocationId":"…","author":"…","actions":{"stateDelta":…`.

import { hasAt, hasNoEscape } from './jsonScan';

const INVOCATION = '"invocationId":"';
const AUTHOR = '","author":"';
const ACTIONS = '","actions":{"stateDelta":';

/**
 * Reads the origin at `cursor`: where the stateDelta value starts, or -1 when the layout differs,
 * when an id holds an escape, or when the author is "system" (newer ADK's error events) or "user":
 * those take the full parse. Nothing is cut or allocated; `invocationIdAt` gives the invocation id.
 */
export function readAdkOrigin(data: string, cursor: number): number {
	// A stream's events mostly share one invocation and one author: the origin last read is checked
	// first, with one comparison instead of the reading below.
	if (hasAt(data, cursor, lastOrigin)) return cursor + lastOrigin.length;
	if (!hasAt(data, cursor, INVOCATION)) return -1;
	const idStart = cursor + INVOCATION.length;
	const idEnd = data.indexOf('"', idStart);
	if (idEnd < 0 || !hasAt(data, idEnd, AUTHOR)) return -1;
	const authorStart = idEnd + AUTHOR.length;
	const authorEnd = data.indexOf('"', authorStart);
	if (authorEnd < 0 || !hasAt(data, authorEnd, ACTIONS)) return -1;
	const authorLength = authorEnd - authorStart;
	if ((authorLength === 6 && hasAt(data, authorStart, 'system')) || (authorLength === 4 && hasAt(data, authorStart, 'user'))) return -1;
	if (!hasNoEscape(data, idStart, idEnd) || !hasNoEscape(data, authorStart, authorEnd)) return -1;
	const deltaStart = authorEnd + ACTIONS.length;
	// A copy, so that the remembered origin does not keep the stream's chunk alive.
	lastOrigin = (' ' + data.slice(cursor, deltaStart)).slice(1);
	lastInvocationId = lastOrigin.slice(INVOCATION.length, idEnd - cursor);
	return deltaStart;
}

/** The origin last read in full, already checked (escape-free, not from "system" or "user"). */
let lastOrigin = '\u0000';
let lastInvocationId = '';

/** The invocation id of an origin just read at `cursor` by readAdkOrigin. */
export function invocationIdAt(data: string, cursor: number): string {
	if (hasAt(data, cursor, lastOrigin)) return lastInvocationId;
	const idStart = cursor + INVOCATION.length;
	return data.slice(idStart, data.indexOf('"', idStart));
}
