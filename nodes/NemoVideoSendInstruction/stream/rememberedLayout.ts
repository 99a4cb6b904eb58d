import { hasAt } from './jsonScan';

// The events of one stream repeat the same structure around their content: the same invocation
// id, author and empty actions after every text, the same tool name and origin after every call.
// Checked piece by piece, that structure costs a dozen string searches per event; remembered once
// checked, it costs one comparison. A remembered stretch is a copy of bytes that were checked in
// full, so an event that matches it byte for byte passes the same checks.

export interface Remembered<T> {
	readonly literal: string;
	readonly facts: T;
}

/** What was learnt from `slot`'s stretch, if `wire` holds exactly that stretch at `at`. */
export function recall<T>(slot: Remembered<T> | undefined, wire: string, at: number): T | undefined {
	return slot !== undefined && hasAt(wire, at, slot.literal) ? slot.facts : undefined;
}

/** Remembers the stretch `from`-`to` of `wire`, copied so that it does not keep the stream's chunk alive. */
export function remember<T>(wire: string, from: number, to: number, facts: T): Remembered<T> {
	return { literal: (' ' + wire.slice(from, to)).slice(1), facts };
}
