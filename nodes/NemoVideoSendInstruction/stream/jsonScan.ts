import { isAsciiWire, textFromWire } from './wireText';

// Reading positions in JSON text without parsing it: where a string ends, where a value ends, and
// the keys of an object. Used to read the few fields we need from an ADK event whose layout is
// known, instead of parsing the whole event (see adkTextLayout.ts, adkToolLayout.ts). The text is
// wire text (wireText.ts): every structural character of JSON is ASCII, so positions are found the
// same way, and only the strings that are taken out are decoded.

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

/**
 * Whether `literal` stands at `position`. The first and last characters are checked first, so a
 * mismatch rarely costs more. Then a cut and a comparison: measured through the whole pipeline on
 * the benchmark's streams, as fast as `indexOf` from the position, and `startsWith` made the
 * classifier 2.5 times slower.
 */
export function hasAt(data: string, position: number, literal: string): boolean {
	const last = literal.length - 1;
	return (
		data.charCodeAt(position) === literal.charCodeAt(0) &&
		data.charCodeAt(position + last) === literal.charCodeAt(last) &&
		data.slice(position, position + literal.length) === literal
	);
}

/**
 * Whether no backslash stands between `start` and `end`. indexOf may look past `end`, but it runs
 * natively, several times faster than a loop of charCodeAt over the stretch.
 */
export function hasNoEscape(data: string, start: number, end: number): boolean {
	const escape = data.indexOf('\\', start);
	return escape < 0 || escape >= end;
}

/** Whether the stretch `start`-`end` of wire text is its own text: ASCII, without escapes. */
export function isPlainAscii(wire: string, start: number, end: number): boolean {
	const stretch = start === 0 && end === wire.length ? wire : wire.slice(start, end);
	return isAsciiWire(stretch) && stretch.indexOf('\\') < 0;
}

/**
 * A pattern for `prefix` followed by a plain string (ASCII, no escape) and its closing quote, for
 * `endOfPrefixedPlainString`. A prefix of an ADK event ends with the opening quote of its first string (a
 * text, a call's id), so one match checks the prefix, finds the string's end and tells that the
 * string is its own text: measured on the benchmark's streams, about half the time of a
 * comparison, a quote search and an ASCII check made one by one. Wire text holds one character
 * per byte, so its non-ASCII characters are `\x80-\xff`; the pattern refuses anything above ASCII,
 * so that text handed over already decoded is read the long way too, never taken as it stands.
 */
export function prefixedPlainString(prefix: string): RegExp {
	const literal = prefix.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
	return new RegExp(`${literal}[^"\\\\\\x80-\\uffff]*"`, 'y');
}

/**
 * Where the plain string after the pattern's prefix closes (the index of its quote) if `wire`
 * starts with that prefix and the string is plain; -1 otherwise, and the caller reads it the long
 * way, which knows escapes and non-ASCII text.
 */
export function endOfPrefixedPlainString(pattern: RegExp, wire: string): number {
	pattern.lastIndex = 0;
	return pattern.test(wire) ? pattern.lastIndex - 1 : -1;
}

/** The closing quote of the JSON string whose content starts at `from`, or -1. */
export function closingQuote(data: string, from: number): number {
	let at = data.indexOf('"', from);
	while (at >= 0) {
		let backslashes = 0;
		for (let index = at - 1; index >= from && data.charCodeAt(index) === BACKSLASH; index--) backslashes++;
		if (backslashes % 2 === 0) return at;
		at = data.indexOf('"', at + 1);
	}
	return -1;
}

/**
 * The JSON string whose content lies between `start` and `end` (its quotes just outside) in wire
 * text, as text: its bytes decoded as UTF-8 first, then its escapes (which are ASCII) undone.
 */
export function jsonString(wire: string, start: number, end: number): string | undefined {
	const escape = wire.indexOf('\\', start);
	if (escape < 0 || escape >= end) return textFromWire(wire.slice(start, end));
	try {
		return JSON.parse(textFromWire(wire.slice(start - 1, end + 1))) as string;
	} catch {
		return undefined;
	}
}

/**
 * Where the JSON value starting at `from` ends (the index just after it), or -1 if it does not.
 * With `keys`, an object's own keys are added to it, in order.
 */
export function skipJsonValue(data: string, from: number, keys?: string[]): number {
	const first = data.charCodeAt(from);
	if (first === QUOTE) {
		const end = closingQuote(data, from + 1);
		return end < 0 ? -1 : end + 1;
	}
	if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
		// A number, true, false or null: it ends where the enclosing structure goes on.
		let index = from;
		for (let code = data.charCodeAt(index); index < data.length && code !== COMMA && code !== CLOSE_BRACE && code !== CLOSE_BRACKET; code = data.charCodeAt(++index));
		return index > from && index < data.length ? index : -1;
	}
	let depth = 0;
	for (let index = from; index < data.length; index++) {
		const code = data.charCodeAt(index);
		if (code === QUOTE) {
			const end = closingQuote(data, index + 1);
			if (end < 0) return -1;
			if (keys && depth === 1 && first === OPEN_BRACE && data.charCodeAt(end + 1) === COLON) {
				const key = jsonString(data, index + 1, end);
				if (key !== undefined) keys.push(key);
			}
			index = end;
		} else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
			depth++;
		} else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
			depth--;
			if (depth === 0) return index + 1;
		}
	}
	return -1;
}
