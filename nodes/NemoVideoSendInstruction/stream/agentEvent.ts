// What one message of the agent's stream means, whatever its wire format (ADK events of either
// flavour, or the legacy simplified `{"type": …}` format: docs/api.md#event-kinds).

export interface ToolResultEvent {
	kind: 'toolResult';
	name: string;
	id?: string;
	/** `success`, `error`, or the tool's own status word. */
	status: string;
	/** The tool failed for lack of credits (business code 2001). */
	outOfCredits: boolean;
	message?: string;
}

export interface AgentErrorEvent {
	kind: 'error';
	/** error-field: ADK ≤1.x `{"error": …}`; error-code: errorCode/errorMessage; system: newer ADK's author "system"; simplified: `{"type":"error"}`; envelope: `{"code": N}` in the stream. */
	source: 'error-field' | 'error-code' | 'system' | 'simplified' | 'envelope';
	message: string;
	code?: string;
	outOfCredits: boolean;
}

export type AgentEvent =
	/** "Still working": `{"type":"heartbeat"}`, an empty `data:` line, or an SSE comment. */
	| { kind: 'heartbeat' }
	/** Text for the user. `partial` chunks are later repeated whole by a non-partial event of the same invocation. */
	| { kind: 'text'; text: string; partial: boolean; invocationId: string }
	/** The model's thinking: never shown. */
	| { kind: 'thought'; chars: number }
	/** `longRunning`: listed in `longRunningToolIds`, so the turn may end before its result. */
	| { kind: 'toolCall'; name: string; id?: string; longRunning: boolean }
	| ToolResultEvent
	/** `actions.stateDelta` carried changes to the session state. */
	| { kind: 'stateDelta'; keys: string[] }
	| AgentErrorEvent
	/** Data that is neither JSON nor a known keep-alive: skipped, counted, shown with includeEvents. */
	| { kind: 'unreadable'; sample: string };
