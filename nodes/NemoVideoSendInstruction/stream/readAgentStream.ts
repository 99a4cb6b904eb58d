import type { ByteStream } from '../../shared/helpers/byteStream';
import type { AgentEvent } from './agentEvent';
import { classifyAgentData } from './classifyAgentEvent';
import { createSseReader } from './sseReader';
import type { WatchdogLimits, WatchdogReason } from './streamWatchdog';
import { startStreamWatchdog } from './streamWatchdog';

// The agent's event stream, read to its end under the watchdog's limits: bytes → SSE messages →
// agent events → the collector. How it ended matters more than usual: ADK has no end-of-turn
// event, so a clean close is the normal end, and a close in the middle of an HTTP body means the
// connection dropped while the server may still be working.

export interface StreamOutcome {
	/**
	 * closed: the server ended the response; dropped: the connection broke before the response was
	 * complete; unreadable: the stream broke the rules of SSE badly enough that we stopped reading.
	 */
	end: 'closed' | 'dropped' | 'unreadable' | WatchdogReason;
	/** What broke the connection (`dropped`) or what we could not read (`unreadable`). */
	cause?: Error;
}

/** Where the events go (the reply collector), and how far they got, for the idle watchdog. */
export interface AgentEventSink {
	accept(event: AgentEvent): void;
	progress(): number;
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

export async function readAgentStream(stream: ByteStream, collector: AgentEventSink, limits: WatchdogLimits): Promise<StreamOutcome> {
	const reader = createSseReader({
		data: (data) => classifyAgentData(data).forEach(collector.accept),
		// An SSE comment (`: ping`) is a keep-alive.
		comment: () => collector.accept({ kind: 'heartbeat' }),
	});
	const watchdog = startStreamWatchdog(limits, collector.progress, () => stream.destroy());
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
