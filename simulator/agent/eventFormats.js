// @ts-check
// Picks the wire format the sseFormat switch asks for, at the moment an event is sent.
const { toAdkJson } = require('./adkEvents');
const { toSimplifiedJson } = require('./simplifiedEvents');

/**
 * @param {import('./agentEvent').AgentEvent} event
 * @param {{ sseFormat: string, adkFlavor: string, finalPartialFlag: string }} config
 * @returns {string[]} the payloads of the `data:` frames, possibly none
 */
function serializeEvent(event, config) {
	return config.sseFormat === 'simplified' ? toSimplifiedJson(event) : [toAdkJson(event, config)];
}

module.exports = { serializeEvent };
