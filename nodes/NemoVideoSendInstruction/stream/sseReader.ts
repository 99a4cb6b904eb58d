import { ApplicationError } from 'n8n-workflow';
import { createParser } from '../../shared/vendor/eventsourceParser';
import type { ParseError } from '../../shared/vendor/eventsourceParser';
import { createWholeLines } from './wholeLines';
import { WIRE_BYTE_ORDER_MARK, wireTextOf } from './wireText';

// Bytes in, Server-Sent Events messages out, incrementally: a frame or a multi-byte character may be
// split across chunks, lines may end in CRLF. Only one unfinished frame is ever held: its last line
// as bytes (wholeLines.ts), its earlier lines as text in the parser.
// Messages come out as wire text (see wireText.ts): the bytes of the frame, not yet decoded, so that
// the thousands of heartbeats of a long stream are never decoded at all.

/**
 * What the reader hands on: the data of each message, and comment lines (`: ping`), which are
 * keep-alives. Both are wire text: `textFromWire` gives the characters.
 */
export interface SseSink {
	data(data: string): void;
	comment(text: string): void;
}

export interface SseReader {
	feed(chunk: Uint8Array): void;
	/** The stream closed: a last frame without its closing blank line still counts. */
	end(): void;
}

/** A single frame larger than this is not an agent event; refusing it keeps memory bounded. */
export const MAX_FRAME_CHARS = 16 * 1024 * 1024;

export class SseFrameTooLargeError extends ApplicationError {
	constructor() {
		super(`NemoVideo sent an event larger than ${MAX_FRAME_CHARS / (1024 * 1024)} MB; the stream was closed`);
	}
}

export function createSseReader(sink: SseSink, maxFrameChars = MAX_FRAME_CHARS): SseReader {
	let failure: Error | undefined;
	// The start of the stream, held until it is known whether it begins with a byte-order mark
	// (which a UTF-8 decoder would have dropped); undefined once that is settled.
	let start: string | undefined = '';
	const parser = createParser({
		onEvent: (message) => sink.data(message.data),
		onComment: (text) => sink.comment(text),
		onError: (error: ParseError) => {
			// Unknown fields (a bare `ping` line, say) are skipped as the SSE standard says; only an
			// over-long frame stops the stream.
			if (error.type === 'max-buffer-size-exceeded') failure = new SseFrameTooLargeError();
		},
		maxBufferSize: maxFrameChars,
	});
	const check = () => {
		if (failure) throw failure;
	};
	const withoutByteOrderMark = (text: string): string => {
		if (start === undefined) return text;
		start += text;
		if (start.length < WIRE_BYTE_ORDER_MARK.length && WIRE_BYTE_ORDER_MARK.startsWith(start)) return '';
		const settled = start.startsWith(WIRE_BYTE_ORDER_MARK) ? start.slice(WIRE_BYTE_ORDER_MARK.length) : start;
		start = undefined;
		return settled;
	};
	const frame = (bytes: Uint8Array) => {
		parser.feed(withoutByteOrderMark(wireTextOf(bytes)));
		check();
	};
	const lines = createWholeLines(frame, maxFrameChars, () => new SseFrameTooLargeError());
	return {
		feed: (chunk) => lines.push(chunk),
		end() {
			frame(lines.rest());
			// ADK marks the end of a turn only by closing, so a server may close right after `data: …\n`.
			parser.feed(`${start ?? ''}\n\n`);
			check();
		},
	};
}
