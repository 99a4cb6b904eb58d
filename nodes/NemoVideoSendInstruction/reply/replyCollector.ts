import type { AgentErrorEvent, AgentEvent, PartialChunkEvent, TextEvent } from '../stream/agentEvent';
import { classifyWireInFull } from '../stream/classifyAgentEvent';
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
	errors: AgentErrorEvent[];
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
	/** A keep-alive: the same as accepting a heartbeat event, without making one. */
	heartbeat(): void;
	/** Changes whenever something other than a heartbeat arrives (the idle watchdog reads it). */
	progress(): number;
	finish(): CollectedReply;
}

/**
 * A copy of a string that no longer holds on to the stream's memory: V8 keeps a slice as a view of
 * its parent, and every piece of text read from the stream is a slice of a decoded network chunk.
 * Keeping such a slice for the output would keep its whole chunk alive.
 */
export function detach(text: string): string {
	return text.length < 13 ? text : (' ' + text).slice(1);
}

const HEARTBEAT: AgentEvent = Object.freeze({ kind: 'heartbeat' });

export const MAX_REPLY_CHARS = 1_000_000;
export const MAX_TOOL_CALLS = 1000;
const MAX_ERRORS = 20;

export function createReplyCollector(options: { includeEvents: boolean; now?: () => number }): ReplyCollector {
	const now = options.now ?? Date.now;
	const startedAt = now();
	const messages: string[] = [];
	let keptChars = 0;
	let omittedChars = 0;
	// Streamed chunks per invocation (read, or still raw), until the non-partial event that repeats
	// them whole arrives.
	type Chunk = PartialChunkEvent | TextEvent;
	const chunks = new Map<string, Chunk[]>();
	let chunkChars = 0;
	const sizeOf = (chunk: Chunk) => (chunk.kind === 'text' ? chunk.text.length : chunk.wire.length);
	const toolCalls: ToolCallSummary[] = [];
	const openCalls = new Map<string, number>(); // call id → index in toolCalls, until its result
	const longRunning = new Set<number>();
	const errors: AgentErrorEvent[] = [];
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
		messages.push(detach(text));
	}

	function holdChunk(chunk: Chunk) {
		const size = sizeOf(chunk);
		if (chunkChars + size > 2 * MAX_REPLY_CHARS) return;
		chunkChars += size;
		const held = chunks.get(chunk.invocationId);
		if (held) held.push(chunk);
		else chunks.set(chunk.invocationId, [chunk]);
	}

	function acceptWholeText(invocationId: string, text: string) {
		// The whole text supersedes the chunks that streamed it.
		const held = chunks.get(invocationId);
		if (held) {
			for (const chunk of held) chunkChars -= sizeOf(chunk);
			chunks.delete(invocationId);
		}
		keep(text);
	}

	/** Chunks whose aggregate never came (the stream ended first) are all there is of that text. */
	function flushChunks() {
		for (const held of chunks.values()) {
			let text = '';
			for (const chunk of held) {
				if (chunk.kind === 'text') {
					text += chunk.text;
					continue;
				}
				for (const event of classifyWireInFull(chunk.wire)) {
					if (event.kind === 'text') text += event.text;
					else if (event.kind !== 'thought') apply(event);
				}
			}
			keep(text);
		}
		chunks.clear();
		chunkChars = 0;
	}

	function acceptToolResult(name: string, id: string | undefined, status: string) {
		if (status === 'success') toolSucceeded = true;
		// Past the ceiling of listed calls nothing is open, and a long stream's results need no lookup.
		const index = id !== undefined ? (openCalls.size > 0 ? openCalls.get(id) : undefined) : findOpenCallByName(name);
		if (index !== undefined) {
			toolCalls[index].status = detach(status);
			if (id !== undefined) openCalls.delete(id);
			longRunning.delete(index);
		} else if (toolCalls.length < MAX_TOOL_CALLS) {
			// A result whose call we did not see (the legacy format has no ids): still worth listing.
			toolCalls.push({ name: detach(name), status: detach(status) });
		}
	}

	function findOpenCallByName(name: string): number | undefined {
		for (let index = toolCalls.length - 1; index >= 0; index--) {
			if (toolCalls[index].name === name && toolCalls[index].status === 'running') return index;
		}
		return undefined;
	}

	function record(event: AgentEvent) {
		if (!events) return;
		// A chunk left unread is read for the record: the user asked to see every event.
		if (event.kind === 'partialChunk') {
			for (const read of classifyWireInFull(event.wire)) record(read);
			return;
		}
		const entry: RecordedEvent = { type: event.kind, atMs: now() - startedAt };
		// A state change read by layout finds its keys only when asked (a getter), so it is asked here.
		const fields = event.kind === 'stateDelta' ? { keys: [...event.keys] } : event;
		for (const [key, value] of Object.entries(fields)) {
			if (key !== 'kind') entry[key] = typeof value === 'string' ? detach(value) : value;
		}
		events.push(entry);
	}

	function accept(event: AgentEvent) {
		if (events) record(event);
		apply(event);
	}

	function apply(event: AgentEvent) {
		if (event.kind === 'heartbeat') {
			heartbeats++;
			return;
		}
		progress++;
		switch (event.kind) {
			case 'partialChunk':
				holdChunk(event);
				break;
			case 'text':
				if (event.partial) {
					holdChunk(event);
				} else {
					finalError = undefined;
					acceptWholeText(event.invocationId, event.text);
				}
				break;
			case 'toolCall':
				if (toolCalls.length >= MAX_TOOL_CALLS) break;
				toolCalls.push({ name: detach(event.name), status: 'running' });
				if (event.id !== undefined) openCalls.set(event.id, toolCalls.length - 1);
				if (event.longRunning) longRunning.add(toolCalls.length - 1);
				break;
			case 'toolResult':
				if (event.outOfCredits) outOfCredits ??= detach(event.message ?? `${event.name} failed: not enough credits`);
				if (event.status === 'success') finalError = undefined;
				acceptToolResult(event.name, event.id, event.status);
				break;
			case 'error': {
				const kept = { ...event, message: detach(event.message) };
				if (event.outOfCredits) outOfCredits ??= kept.message;
				if (errors.length < MAX_ERRORS) errors.push(kept);
				finalError = kept;
				break;
			}
			default:
				// thoughts, state deltas and unreadable data: progress, nothing to keep
				break;
		}
	}

	return {
		accept,
		heartbeat() {
			if (events) record(HEARTBEAT);
			heartbeats++;
		},
		progress: () => progress,
		finish() {
			flushChunks();
			const unanswered = toolCalls.filter((call, index) => call.status === 'running' && !longRunning.has(index)).length;
			return {
				messages: withoutTrailer(messages, toolSucceeded),
				toolCalls,
				errors,
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
