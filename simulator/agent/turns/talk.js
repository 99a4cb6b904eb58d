// @ts-check
// Turns that only talk (docs/api.md#run-sse: 5-15 s): questions, the export request the backend cannot
// serve, the documented limitations (both in docs/api.md#run-sse), edits with nothing to edit.

const REPLY = {
	question: 'capabilities',
	export: 'exportGui',
	aspectRatio: 'aspectRatio',
	musicUrl: 'musicUrl',
	needsVideo: 'needsVideo',
	empty: 'askWhat',
};

/** @param {import('../turnContext').TurnContext} ctx */
async function talkTurn(ctx) {
	if (ctx.intent.kind === 'question') await ctx.maybeThought('thinkingQuestion');
	await ctx.pause(5_000, 15_000);
	await ctx.say(ctx.phrase(/** @type {any} */ (REPLY[ctx.intent.kind] || 'askWhat')));
	return 'completed';
}

module.exports = { talkTurn };
