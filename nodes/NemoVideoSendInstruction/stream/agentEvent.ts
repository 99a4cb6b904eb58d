// What one message of the agent's stream means, whatever its wire format (ADK events of either
// flavour, or the legacy simplified `{"type": …}` format of contract §4.4h).

/** "Still working": `{"type":"heartbeat"}`, an empty `data:` line, or an SSE comment. */
export interface HeartbeatEvent {
	kind: 'heartbeat';
}

/** Text for the user. `partial` chunks are later repeated whole by a non-partial event of the same invocation. */
export interface TextEvent {
	kind: 'text';
	text: string;
	partial: boolean;
	invocationId: string;
}

/**
 * A streamed text chunk (`"partial":true`), recognised by its layout and not yet read: the
 * aggregate event that follows repeats its text whole, so it is read (with `classifyWireInFull`)
 * only if that aggregate never comes.
 */
export interface PartialChunkEvent {
	kind: 'partialChunk';
	invocationId: string;
	/** The event as it came, undecoded (wireText.ts). */
	wire: string;
}

/** The model's thinking: never shown. */
export interface ThoughtEvent {
	kind: 'thought';
	chars: number;
}

export interface ToolCallEvent {
	kind: 'toolCall';
	name: string;
	id?: string;
	/** Listed in `longRunningToolIds`: the turn may end before its result. */
	longRunning: boolean;
}

export type ToolStatus = 'success' | 'error' | string;

export interface ToolResultEvent {
	kind: 'toolResult';
	name: string;
	id?: string;
	status: ToolStatus;
	/** The tool failed for lack of credits (business code 2001). */
	outOfCredits: boolean;
	message?: string;
}

/** `actions.stateDelta` carried changes to the session state. */
export interface StateDeltaEvent {
	kind: 'stateDelta';
	keys: string[];
}

export type AgentErrorSource =
	| 'error-field' // ADK ≤1.x: {"error": "…"}, possibly invalid JSON
	| 'error-code' // model-level: errorCode / errorMessage
	| 'system' // newer ADK: an event from author "system"
	| 'simplified' // {"type":"error", …}
	| 'envelope'; // {"code": N, "message": …} inside the stream

export interface AgentErrorEvent {
	kind: 'error';
	source: AgentErrorSource;
	message: string;
	code?: string;
	outOfCredits: boolean;
}

/** Data that is neither JSON nor a known keep-alive: skipped, counted, shown with includeEvents. */
export interface UnreadableEvent {
	kind: 'unreadable';
	sample: string;
}

export type AgentEvent =
	| HeartbeatEvent
	| TextEvent
	| PartialChunkEvent
	| ThoughtEvent
	| ToolCallEvent
	| ToolResultEvent
	| StateDeltaEvent
	| AgentErrorEvent
	| UnreadableEvent;
