// @ts-check
// ADK's wire form of an event (docs/api.md#run-sse, #event-kinds): `event.model_dump_json(
// exclude_none=True, by_alias=True)`: camelCase, compact, empty dicts kept, fields in the order
// LlmResponse then Event declares them. The two flavours differ as ADK 1.4.2 (2506) and newer
// ADK (new) do: event ids, extra keys and how errors look.

/**
 * @param {import('./agentEvent').AgentEvent} event
 * @param {{ adkFlavor: string, finalPartialFlag: string }} config
 * @returns {string} the JSON after `data: `
 */
function toAdkJson(event, config) {
	// ADK ≤1.x writes errors with an f-string, unescaped: the line may not even be JSON (docs/api.md#event-kinds).
	if (event.legacyError !== undefined) return `{"error": "${event.legacyError}"}`;
	const isNew = config.adkFlavor === 'new';
	/** @type {Record<string, unknown>} */
	const out = {};
	if (event.content) out.content = event.content;
	if (event.partial) out.partial = true;
	else if (event.aggregated && config.finalPartialFlag === 'false') out.partial = false;
	if (isNew && event.fromModel && !event.partial) out.finishReason = 'STOP';
	if (event.errorCode) {
		out.errorCode = event.errorCode;
		out.errorMessage = event.errorMessage;
	}
	if (isNew && event.fromModel) out.usageMetadata = usageOf(event);
	out.invocationId = event.invocationId;
	out.author = event.author;
	out.actions = isNew
		? { stateDelta: event.stateDelta, artifactDelta: {}, requestedAuthConfigs: {}, requestedToolConfirmations: {} }
		: { stateDelta: event.stateDelta, artifactDelta: {}, requestedAuthConfigs: {} };
	if (event.longRunningToolIds) out.longRunningToolIds = event.longRunningToolIds;
	out.id = event.id;
	out.timestamp = event.timestamp;
	return JSON.stringify(out);
}

/** Token counts in google.genai's field order; sizes follow the text so they look alive. */
function usageOf(event) {
	const length = JSON.stringify(event.content?.parts ?? []).length;
	const candidates = Math.max(1, Math.ceil(length / 4));
	const prompt = 1800 + (length % 300);
	return { candidatesTokenCount: candidates, promptTokenCount: prompt, totalTokenCount: candidates + prompt };
}

module.exports = { toAdkJson };
