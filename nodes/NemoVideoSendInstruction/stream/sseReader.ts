import { ApplicationError } from 'n8n-workflow';
import { createParser } from '../../shared/vendor/eventsourceParser';
import type { ParseError } from '../../shared/vendor/eventsourceParser';

// Bytes in, Server-Sent Events messages out, incrementally: a frame or a multi-byte character may be
// split across chunks, lines may end in CRLF. The decoder holds an unfinished character, the parser
// an unfinished frame, and nothing else is held.

/** What the reader hands on: the data of each message, and comment lines (`: ping`), which are keep-alives. */
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
	// The decoder also drops a byte-order mark at the start of the stream, as SSE requires.
	const decoder = new TextDecoder();
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
	const feed = (text: string) => {
		parser.feed(text);
		if (failure) throw failure;
	};
	return {
		feed: (chunk) => feed(decoder.decode(chunk, { stream: true })),
		// ADK marks the end of a turn only by closing, so a server may close right after `data: …\n`.
		end: () => feed(`${decoder.decode()}\n\n`),
	};
}
