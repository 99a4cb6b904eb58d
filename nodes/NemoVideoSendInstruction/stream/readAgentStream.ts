import type { ByteStream } from '../../shared/helpers/byteStream';
import type { StreamOutcome } from './consumeEventStream';
import { consumeEventStream } from './consumeEventStream';
import { classifyAgentData, isHeartbeatWire } from './classifyAgentEvent';
import type { WatchdogLimits } from './streamWatchdog';
import type { ReplyCollector } from '../reply/replyCollector';

/**
 * The agent's event stream, read to its end: bytes → SSE messages → agent events → the collector.
 * Keep-alives, most of a long stream's messages, go straight to the collector's count.
 */
export async function readAgentStream(stream: ByteStream, collector: ReplyCollector, limits: WatchdogLimits): Promise<StreamOutcome> {
	const acceptAll = (events: ReturnType<typeof classifyAgentData>) => {
		for (let index = 0; index < events.length; index++) collector.accept(events[index]);
	};
	return await consumeEventStream(
		stream,
		{
			data: (wire) => (isHeartbeatWire(wire) ? collector.heartbeat() : acceptAll(classifyAgentData(wire))),
			comment: () => collector.heartbeat(),
		},
		limits,
		collector.progress,
	);
}
