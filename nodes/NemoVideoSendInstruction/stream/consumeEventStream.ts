import type { ByteStream } from '../../shared/helpers/byteStream';
import type { SseSink } from './sseReader';
import { createSseReader } from './sseReader';
import type { WatchdogLimits, WatchdogReason } from './streamWatchdog';
import { startStreamWatchdog } from './streamWatchdog';

// Reads an event stream to its end, feeding each message to `sink`, under the watchdog's limits.
// How it ended matters more than usual: ADK has no end-of-turn event, so a clean close is the
// normal end, and a close in the middle of an HTTP body means the connection dropped while the
// server may still be working.

export type StreamEnd =
	| 'closed' // the server ended the response
	| 'dropped' // the connection broke before the response was complete
	| 'unreadable' // the stream broke the rules of SSE badly enough that we stopped reading (an endless frame)
	| WatchdogReason;

export interface StreamOutcome {
	end: StreamEnd;
	/** What broke the connection (`dropped`) or what we could not read (`unreadable`). */
	cause?: Error;
}

/** Runs one step of our own; its failure is returned, never mistaken for the connection's. */
function attempt(step: () => void): Error | undefined {
	try {
		step();
		return undefined;
	} catch (error) {
		return error as Error;
	}
}

export async function consumeEventStream(
	stream: ByteStream,
	sink: SseSink,
	limits: WatchdogLimits,
	progress: () => number,
): Promise<StreamOutcome> {
	const reader = createSseReader(sink);
	const watchdog = startStreamWatchdog(limits, progress, () => stream.destroy());
	let failure: Error | undefined;
	try {
		for await (const chunk of stream) {
			if (watchdog.reason) break;
			failure = attempt(() => reader.feed(chunk));
			if (failure) break; // leaving the loop closes the stream
		}
		if (failure) return { end: 'unreadable', cause: failure };
		if (watchdog.reason) return { end: watchdog.reason };
		failure = attempt(() => reader.end());
		return failure ? { end: 'unreadable', cause: failure } : { end: 'closed' };
	} catch (error) {
		// A stream we closed ourselves may end with a "premature close" error: that is our reason, not a drop.
		if (watchdog.reason) return { end: watchdog.reason };
		return { end: 'dropped', cause: error as Error };
	} finally {
		watchdog.stop();
	}
}
