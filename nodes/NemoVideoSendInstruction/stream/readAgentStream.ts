import type { ByteStream } from '../../shared/helpers/byteStream';
import type { ReplyCollector } from '../reply/replyCollector';
import type { AgentEvent } from './agentEvent';
import { classifyAgentData } from './classifyAgentEvent';
import type { StreamOutcome } from './consumeEventStream';
import { consumeEventStream } from './consumeEventStream';
import type { WatchdogLimits } from './streamWatchdog';

const HEARTBEAT: AgentEvent = { kind: 'heartbeat' };

/** The agent's event stream, read to its end: bytes → SSE messages → agent events → the collector. */
export async function readAgentStream(stream: ByteStream, collector: ReplyCollector, limits: WatchdogLimits): Promise<StreamOutcome> {
	const sink = {
		data: (data: string) => classifyAgentData(data).forEach(collector.accept),
		// An SSE comment (`: ping`) is a keep-alive.
		comment: () => collector.accept(HEARTBEAT),
	};
	return await consumeEventStream(stream, sink, limits, collector.progress);
}
