// @ts-check
// One /run_sse invocation. It lives on the server, not on the connection: a client that
// disconnects stops listening, the run plays on and its state changes land (docs/api.md#run-sse).

/**
 * @typedef {{ type: 'event', event: import('./agentEvent').AgentEvent } | { type: 'heartbeat' } | { type: 'end' }} RunSignal
 */

class Run {
	/**
	 * @param {{ invocationId: string, sessionId: string, instruction: string, intent: import('./intents').Intent, streaming: boolean, startedAt: number }} init
	 */
	constructor({ invocationId, sessionId, instruction, intent, streaming, startedAt }) {
		this.invocationId = invocationId;
		this.sessionId = sessionId;
		this.instruction = instruction;
		this.intent = intent;
		this.streaming = streaming;
		this.startedAt = startedAt;
		/** @type {number | null} */
		this.finishedAt = null;
		/** @type {'running' | 'completed' | 'failed' | 'no-credits' | 'error-event' | 'aborted'} */
		this.status = 'running';
		/** @type {import('./agentEvent').AgentEvent[]} */
		this.events = [];
		this.heartbeats = 0;
		/** Whether the turn played as a silent edit; null when it was not an edit. */
		/** @type {boolean | null} */
		this.silent = null;
		this.abortController = new AbortController();
		/** @type {Set<(signal: RunSignal) => void>} */
		this.listeners = new Set();
		/** @type {Promise<void>} */
		this.done = Promise.resolve();
	}

	get signal() {
		return this.abortController.signal;
	}

	/** @param {import('./agentEvent').AgentEvent} event */
	publish(event) {
		this.events.push(event);
		this.notify({ type: 'event', event });
	}

	heartbeat() {
		this.heartbeats += 1;
		this.notify({ type: 'heartbeat' });
	}

	/** @param {Run['status']} status @param {number} at */
	finish(status, at) {
		this.status = status;
		this.finishedAt = at;
		this.notify({ type: 'end' });
		this.listeners.clear();
	}

	/** @param {(signal: RunSignal) => void} listener @returns {() => void} unsubscribe */
	subscribe(listener) {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** @param {RunSignal} signal */
	notify(signal) {
		for (const listener of this.listeners) listener(signal);
	}

	/** What /__sim/sessions/<sid> shows. */
	summary() {
		return {
			invocationId: this.invocationId,
			instruction: this.instruction,
			intent: this.intent.kind,
			status: this.status,
			silent: this.silent,
			streaming: this.streaming,
			events: this.events.length,
			heartbeats: this.heartbeats,
			listening: this.listeners.size > 0,
			startedAt: this.startedAt,
			finishedAt: this.finishedAt,
		};
	}
}

module.exports = { Run };
