// @ts-check
// What a turn costs (docs/api.md#credits): a generation includes its automatic post-production; an edit
// turn (edits, or building a video from uploads) costs editCost once, however many changes it
// makes (the documented "per session" is read as "per edit turn"). Talk is free.

/**
 * @param {import('./intents').Intent} intent
 * @param {{ generationCost: number, editCost: number }} config
 */
function costOf(intent, config) {
	if (intent.kind === 'generate') return config.generationCost;
	if (intent.kind === 'edit' || intent.kind === 'assemble') return config.editCost;
	return 0;
}

module.exports = { costOf };
