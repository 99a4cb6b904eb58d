// @ts-check
// What the agent says, before it becomes wire bytes: one record per ADK Event (docs/api.md#event-kinds).
// Both wire formats (adkEvents.js, simplifiedEvents.js) are written from this.

/**
 * @typedef {{ text?: string, thought?: boolean,
 *   functionCall?: { id: string, args: Record<string, unknown>, name: string },
 *   functionResponse?: { id: string, name: string, response: Record<string, unknown> } }} Part
 * @typedef {{
 *   author: string,
 *   invocationId: string,
 *   id: string,
 *   timestamp: number,
 *   content?: { parts: Part[], role: 'model' | 'user' },
 *   partial?: boolean,
 *   aggregated?: boolean,
 *   errorCode?: string,
 *   errorMessage?: string,
 *   legacyError?: string,
 *   stateDelta: Record<string, unknown>,
 *   longRunningToolIds?: string[],
 *   fromModel?: boolean,
 * }} AgentEvent
 */

/** Part builders, keys in the order pydantic serializes google.genai's Part. */
const textPart = (text) => ({ text });
const thoughtPart = (text) => ({ thought: true, text });
const callPart = (id, name, args) => ({ functionCall: { id, args, name } });
const responsePart = (id, name, response) => ({ functionResponse: { id, name, response } });

/** Epoch seconds with a fraction, like Python's time.time(); never a whole number. */
function adkTimestamp(nowMs, random) {
	const micros = Math.floor(nowMs) * 1000 + 1 + Math.floor(random.next() * 998);
	return micros / 1e6;
}

module.exports = { textPart, thoughtPart, callPart, responsePart, adkTimestamp };
