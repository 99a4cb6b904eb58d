// @ts-check
// What a turn costs (contract §9): a generation includes its automatic post-production; an edit
// turn (edits, or building a video from uploads) costs editCost once, however many changes it
// makes (§12.B4: the simulator reads "per session" as "per edit turn"). Talk is free.

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
