import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { paths } from '../shared/transport/paths';
import { fetchSessionState } from '../shared/sessionState';
import { translateGuiText } from './reply/guiTranslation';
import type { StreamOutcome } from './stream/readAgentStream';
import { readAgentStream } from './stream/readAgentStream';
import { recoverAfterDisconnect, RECOVERY_MAX_POLLS } from './recoverAfterDisconnect';
import type { CollectedReply } from './reply/replyCollector';
import { createReplyCollector } from './reply/replyCollector';
import { describeStateChanges } from './stateChanges';
import { describeState } from '../shared/helpers/timeline';
import { WaitCancelledError } from '../shared/helpers/wait';
import { readSessionId } from '../shared/readSessionId';
import { inToolWords, isToolRun } from '../shared/toNodeError';
import { nemoVideoError } from '../shared/transport/errors';
import { openEventStream } from '../shared/transport';
import type { SendInstructionOptions } from './options';
import { readInstruction, readSendInstructionOptions } from './options';
import type { LiveReply } from './liveReply';
import { openLiveReply } from './liveReply';
import { agentError, disconnectError, noChangeAfterDisconnectError, timeoutError, unreadableStreamError } from './outcomeErrors';

// One instruction, one /run_sse request, one output item: read the state before (for silent edits
// and recovery), send, read the stream to its end, then decide what happened and read the state
// after, so `timeline` and `readyForExport` describe the session as it now is.

type Status = 'completed' | 'recovered' | 'timeout';

/** Our own limits decide when to stop; the HTTP layer's is only a backstop behind them. */
const HTTP_TIMEOUT_MARGIN_MS = 60_000;

/** The request body of /run_sse (docs/api.md#run-sse), exactly. */
export function runSseBody(sessionId: string, instruction: string): IDataObject {
	return { app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text: instruction }] } };
}

export async function sendInstruction(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = readSendInstructionOptions(ctx, itemIndex);
	const toolRun = isToolRun(ctx);
	const words = (text: string) => (toolRun ? inToolWords(translateGuiText(text)) : translateGuiText(text));
	const live = options.streamReply ? openLiveReply(ctx, itemIndex, words) : undefined;
	try {
		const output = await instruct(ctx, itemIndex, options, live);
		if (!toolRun) return output;
		// A model reads every character it is given: the reply, what changed and where the video stands.
		const { sessionId, status, reply, changes, timeline, readyForExport } = output;
		return { sessionId, status, reply: inToolWords(reply as string), changes, timeline, readyForExport };
	} finally {
		await live?.end();
	}
}

async function instruct(ctx: IExecuteFunctions, itemIndex: number, options: SendInstructionOptions, live?: LiveReply): Promise<IDataObject> {
	const sessionId = readSessionId(ctx, itemIndex);
	const instruction = readInstruction(ctx, itemIndex);
	const signal = ctx.getExecutionCancelSignal();
	const readState = async () => await fetchSessionState(ctx, itemIndex, sessionId);

	const before = options.checkSilentEdits || options.recoverOnDisconnect ? await readState() : undefined;
	const collector = createReplyCollector({ includeEvents: options.includeEvents, onMessage: live?.send });
	const stream = await openEventStream(ctx, {
		path: paths.runSse,
		body: runSseBody(sessionId, instruction),
		itemIndex,
		timeoutMs: options.totalMs + HTTP_TIMEOUT_MARGIN_MS,
	});
	const outcome = await readAgentStream(stream, collector, { idleMs: options.idleMs, totalMs: options.totalMs, signal });
	if (outcome.end === 'cancelled') throw new WaitCancelledError();
	if (outcome.end === 'unreadable') throw unreadableStreamError(ctx, itemIndex, outcome.cause);
	const reply = collector.finish();
	const messages = reply.messages.map((message) => translateGuiText(message));
	if (reply.omittedChars > 0) messages.push(`(${reply.omittedChars} more characters of the agent's reply were not kept)`);
	if (reply.outOfCredits !== undefined) {
		throw await nemoVideoError(ctx, { code: 2001, itemIndex, apiMessage: reply.outOfCredits });
	}

	let status: Status = 'completed';
	let after: IDataObject;
	if (endedByDrop(outcome, reply)) {
		if (!options.recoverOnDisconnect || !before) throw disconnectError(ctx, itemIndex, outcome.cause, messages);
		const recovery = await recoverAfterDisconnect(before, {
			baseWaitMs: options.recoveryWaitMs,
			maxPolls: RECOVERY_MAX_POLLS,
			readState,
			signal,
		});
		if (!recovery.changed) throw noChangeAfterDisconnectError(ctx, itemIndex, recovery.waitedMs, recovery.polls);
		status = 'recovered';
		after = recovery.state;
	} else if (outcome.end === 'idle' || outcome.end === 'overall') {
		if (options.onTimeout === 'error') {
			throw timeoutError(ctx, itemIndex, outcome.end, outcome.end === 'idle' ? options.idleMs : options.totalMs, messages);
		}
		status = 'timeout';
		after = await readState();
	} else {
		after = await readState();
	}

	const changes = before && (options.checkSilentEdits || status === 'recovered') ? describeStateChanges(before, after) : [];
	if (reply.finalError && status === 'completed') throw agentError(ctx, itemIndex, reply.finalError, messages, changes);
	// Without the agent's words (a silent edit, a dropped stream), what changed is the news.
	if (status === 'recovered' || messages.length === 0) live?.send(changes.join('\n'));
	return buildOutput(sessionId, status, messages, reply, changes, after, options);
}

/**
 * The connection broke mid-response, or closed cleanly while a tool was still running (a proxy
 * closing the connection looks like that): either way the server may still be working.
 */
function endedByDrop(outcome: StreamOutcome, reply: CollectedReply): boolean {
	if (outcome.end === 'dropped') return true;
	return outcome.end === 'closed' && reply.unansweredToolCalls > 0 && !reply.finalError;
}

function buildOutput(
	sessionId: string,
	status: Status,
	messages: string[],
	reply: CollectedReply,
	changes: string[],
	after: IDataObject,
	options: SendInstructionOptions,
): IDataObject {
	const state = describeState(after);
	const output: IDataObject = {
		sessionId,
		status,
		reply: messages.join('\n\n'),
		messages,
		toolCalls: reply.toolCalls.map(({ name, status: toolStatus }) => ({ name, status: toolStatus })),
		silent: status !== 'timeout' && messages.length === 0,
		changes,
		timeline: state.timeline,
		readyForExport: state.readyForExport,
		durationMs: state.durationMs,
	};
	if (options.includeEvents) output.events = reply.events ?? [];
	return output;
}
