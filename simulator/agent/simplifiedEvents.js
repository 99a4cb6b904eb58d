// @ts-check
// The withdrawn reference's event format (docs/api.md#event-kinds, legacy), behind sseFormat=simplified:
// {"type":"text"|"tool_call"|"tool_result"|"error"}. One ADK event may become several of these
// (text and functionCall together) or none (thoughts, partial chunks).

/**
 * @param {import('./agentEvent').AgentEvent} event
 * @returns {string[]} JSON payloads, one per `data:` line
 */
function toSimplifiedJson(event) {
	if (event.legacyError !== undefined) return [JSON.stringify({ type: 'error', message: event.legacyError })];
	if (event.errorCode) return [JSON.stringify({ type: 'error', code: event.errorCode, message: event.errorMessage })];
	if (event.partial) return [];
	const payloads = [];
	for (const part of event.content?.parts ?? []) {
		if (part.thought) continue;
		if (part.functionCall) payloads.push({ type: 'tool_call', name: part.functionCall.name, args: part.functionCall.args });
		else if (part.functionResponse) payloads.push({ type: 'tool_result', name: part.functionResponse.name, result: part.functionResponse.response });
		else if (typeof part.text === 'string') payloads.push(event.author === 'system' ? { type: 'error', message: part.text } : { type: 'text', content: part.text });
	}
	return payloads.map((payload) => JSON.stringify(payload));
}

module.exports = { toSimplifiedJson };
