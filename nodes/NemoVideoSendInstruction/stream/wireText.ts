// "Wire text": the bytes of the stream as a string of one character per byte (Latin-1). The SSE
// framing (line breaks, `data:`, `:` comments) is ASCII, and no byte of a multi-byte UTF-8 character
// is ever ASCII, so the stream frames exactly the same in wire text as in decoded text. Decoding it
// all costs more than the framing itself: the UTF-8 decoder is the single largest step of a
// reference SSE loop, and one non-ASCII character turns the whole decoded chunk (and every string
// cut from it) into two-byte text, which every later search then walks at half the speed. So the
// stream is framed as wire text, and each message is decoded only once we know it is worth reading
// (not a heartbeat), and only when it holds a non-ASCII byte.

/**
 * Whether wire text is all ASCII: then every byte is one character, and its UTF-8 length is its
 * length. Node counts that natively, several times faster than a regular expression scans for a
 * byte above 0x7f.
 */
export function isAsciiWire(wire: string): boolean {
	return Buffer.byteLength(wire, 'utf8') === wire.length;
}

/** A chunk of the stream as wire text: a byte-for-byte copy, no decoding. */
export function wireTextOf(chunk: Uint8Array): string {
	return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
}

/**
 * The text a message of wire text stands for, decoded as UTF-8. ASCII (most agent events) is its
 * own decoding; an invalid sequence becomes U+FFFD, as the WHATWG decoder does.
 */
export function textFromWire(wire: string): string {
	return isAsciiWire(wire) ? wire : Buffer.from(wire, 'latin1').toString('utf8');
}

/** The UTF-8 byte-order mark in wire text: a stream may begin with it, and SSE ignores it. */
export const WIRE_BYTE_ORDER_MARK = '\u00ef\u00bb\u00bf';
