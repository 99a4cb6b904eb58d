import { ApplicationError } from 'n8n-workflow';
import { createParser } from '../../vendor/eventsourceParser';
import type { ParseError } from '../../vendor/eventsourceParser';

// Bytes in, Server-Sent Events messages out, incrementally: a frame or a multi-byte character may be
// split across chunks, lines may end in CRLF. Only the text of one unfinished frame is ever held.

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
	const decoder = new TextDecoder('utf-8');
	let failure: Error | undefined;
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
	return {
		feed(chunk) {
			parser.feed(decoder.decode(chunk, { stream: true }));
			check();
		},
		end() {
			// ADK marks the end of a turn only by closing, so a server may close right after `data: …\n`.
			parser.feed(`${decoder.decode()}\n\n`);
			check();
		},
	};
}
