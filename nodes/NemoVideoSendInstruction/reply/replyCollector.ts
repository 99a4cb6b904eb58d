import type { AgentErrorEvent, AgentEvent } from '../stream/agentEvent';
import { withoutTrailer } from './temporaryIssueTrailer';

// Gathers what a turn of the agent amounts to: its text (each message once, even when it was also
// streamed in partial chunks), the tools it used and how they ended, and any error. Memory stays
// flat in the length of the stream: heartbeats, thoughts and superseded chunks leave nothing
// behind, and what is kept for the output has ceilings far above any real reply. Only
// `includeEvents` keeps a record per event, because the user asked for exactly that.

export interface ToolCallSummary {
	name: string;
	/** `running` until its result arrives; then `success`, `error`, or the tool's own status word. */
	status: string;
}

export type RecordedEvent = Record<string, unknown> & { type: AgentEvent['kind']; atMs: number };

export interface CollectedReply {
	/** The agent's messages, in order, untranslated, the temporary-issue trailer rule applied. */
	messages: string[];
	toolCalls: ToolCallSummary[];
	/** An error the agent did not get past: nothing but heartbeats and thoughts came after it. */
	finalError?: AgentErrorEvent;
	/** The first sign, inside the stream, that the account ran out of credits. */
	outOfCredits?: string;
	/** Tools called whose result never came (not counting those declared long-running). */
	unansweredToolCalls: number;
	heartbeats: number;
	/** Characters of text beyond the ceiling, not kept. */
	omittedChars: number;
	events?: RecordedEvent[];
}

export interface ReplyCollector {
	accept(event: AgentEvent): void;
	/** Changes whenever something other than a heartbeat arrives (the idle watchdog reads it). */
	progress(): number;
	finish(): CollectedReply;
}

export const MAX_REPLY_CHARS = 1_000_000;
export const MAX_TOOL_CALLS = 1000;

/** `onMessage` hears each message as soon as it is whole (the live reply). */
export function createReplyCollector(options: { includeEvents: boolean; now?: () => number; onMessage?: (text: string) => void }): ReplyCollector {
	const now = options.now ?? Date.now;
	const startedAt = now();
	const messages: string[] = [];
	let keptChars = 0;
	let omittedChars = 0;
	// Streamed chunks per invocation, until the non-partial event that repeats them whole arrives.
	const chunks = new Map<string, string[]>();
	let chunkChars = 0;
	const toolCalls: ToolCallSummary[] = [];
	const openCalls = new Map<string, number>(); // call id → index in toolCalls, until its result
	const longRunning = new Set<number>();
	let outOfCredits: string | undefined;
	let finalError: AgentErrorEvent | undefined;
	let toolSucceeded = false;
	let heartbeats = 0;
	let progress = 0;
	const events: RecordedEvent[] | undefined = options.includeEvents ? [] : undefined;

	function keep(text: string) {
		if (text === '') return;
		if (keptChars + text.length > MAX_REPLY_CHARS) {
			omittedChars += text.length;
			return;
		}
		keptChars += text.length;
		messages.push(text);
		options.onMessage?.(text);
	}

	function holdChunk(invocationId: string, text: string) {
		if (chunkChars + text.length > 2 * MAX_REPLY_CHARS) return;
		chunkChars += text.length;
		const held = chunks.get(invocationId);
		if (held) held.push(text);
		else chunks.set(invocationId, [text]);
	}

	/** The whole text supersedes the chunks that streamed it. */
	function acceptWholeText(invocationId: string, text: string) {
		for (const chunk of chunks.get(invocationId) ?? []) chunkChars -= chunk.length;
		chunks.delete(invocationId);
		keep(text);
	}

	function acceptToolResult(name: string, id: string | undefined, status: string) {
		if (status === 'success') toolSucceeded = true;
		const index = id !== undefined ? openCalls.get(id) : findOpenCallByName(name);
		if (index !== undefined) {
			toolCalls[index].status = status;
			if (id !== undefined) openCalls.delete(id);
			longRunning.delete(index);
		} else if (toolCalls.length < MAX_TOOL_CALLS) {
			// A result whose call we did not see (the legacy format has no ids): still worth listing.
			toolCalls.push({ name, status });
		}
	}

	function findOpenCallByName(name: string): number | undefined {
		for (let index = toolCalls.length - 1; index >= 0; index--) {
			if (toolCalls[index].name === name && toolCalls[index].status === 'running') return index;
		}
		return undefined;
	}

	function accept(event: AgentEvent) {
		if (events) {
			const { kind, ...fields } = event;
			events.push({ type: kind, atMs: now() - startedAt, ...fields });
		}
		if (event.kind === 'heartbeat') {
			heartbeats++;
			return;
		}
		progress++;
		switch (event.kind) {
			case 'text':
				if (event.partial) {
					holdChunk(event.invocationId, event.text);
				} else {
					finalError = undefined;
					acceptWholeText(event.invocationId, event.text);
				}
				break;
			case 'toolCall':
				if (toolCalls.length >= MAX_TOOL_CALLS) break;
				toolCalls.push({ name: event.name, status: 'running' });
				if (event.id !== undefined) openCalls.set(event.id, toolCalls.length - 1);
				if (event.longRunning) longRunning.add(toolCalls.length - 1);
				break;
			case 'toolResult':
				if (event.outOfCredits) outOfCredits ??= event.message ?? `${event.name} failed: not enough credits`;
				if (event.status === 'success') finalError = undefined;
				acceptToolResult(event.name, event.id, event.status);
				break;
			case 'error':
				if (event.outOfCredits) outOfCredits ??= event.message;
				finalError = event;
				break;
			default:
				// thoughts, state deltas and unreadable data: progress, nothing to keep
				break;
		}
	}

	return {
		accept,
		progress: () => progress,
		finish() {
			// Chunks whose aggregate never came (the stream ended first) are all there is of that text.
			for (const held of chunks.values()) keep(held.join(''));
			chunks.clear();
			const unanswered = toolCalls.filter((call, index) => call.status === 'running' && !longRunning.has(index)).length;
			return {
				messages: withoutTrailer(messages, toolSucceeded),
				toolCalls,
				...(finalError ? { finalError } : {}),
				...(outOfCredits !== undefined ? { outOfCredits } : {}),
				unansweredToolCalls: unanswered,
				heartbeats,
				omittedChars,
				...(events ? { events } : {}),
			};
		},
	};
}
