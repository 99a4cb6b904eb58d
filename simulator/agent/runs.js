// @ts-check
// Starts runs and remembers them per session. A second run on a busy session is simply another
// run, charged again (docs/api.md#run-sse: not idempotent, no dedupe).
const ids = require('../ids');
const { Run } = require('./run');
const { TurnContext, TurnStopped } = require('./turnContext');
const { generateTurn } = require('./turns/generate');
const { editTurn, assembleTurn } = require('./turns/edit');
const { talkTurn } = require('./turns/talk');

const TURNS = { generate: generateTurn, edit: editTurn, assemble: assembleTurn };

/** @param {any} world */
function createRuns(world) {
	/** @type {Map<string, Run[]>} */
	const bySession = new Map();

	/**
	 * @param {{ session: import('../sessions/store').Session, account: import('../auth/accounts').Account,
	 *   instruction: string, intent: import('./intents').Intent, streaming: boolean }} request
	 * @returns {Run} already playing; subscribe before the next tick to hear every event
	 */
	function start({ session, account, instruction, intent, streaming }) {
		const run = new Run({ invocationId: ids.invocationId(world.random), sessionId: session.sessionId, instruction, intent, streaming, startedAt: world.clock.now() });
		bySession.set(session.sessionId, [...(bySession.get(session.sessionId) || []), run]);
		const ctx = new TurnContext({ run, world, session, account, intent });
		// Deferred one tick so the caller can attach its stream first.
		run.done = new Promise((resolve) => setImmediate(resolve)).then(() => play(ctx));
		return run;
	}

	/** @param {TurnContext} ctx */
	async function play(ctx) {
		const { run } = ctx;
		try {
			const turn = TURNS[ctx.intent.kind] || talkTurn;
			const outcome = await turn(ctx);
			// The stray trailer (docs/api.md#event-kinds) after otherwise normal output; never on a silent edit.
			const trailer = ctx.intent.magic.trailer ?? (!run.silent && ctx.random.chance(ctx.config.trailerRate));
			if (outcome === 'completed' && trailer) {
				await ctx.pause(500, 1500);
				await ctx.say(ctx.phrase('trailer'));
			}
			run.finish(outcome, world.clock.now());
		} catch (error) {
			ctx.refund();
			if (error instanceof TurnStopped) run.finish('error-event', world.clock.now());
			else if (run.signal.aborted) run.finish('aborted', world.clock.now());
			else {
				console.error('[nemo-simulator] run failed', error);
				run.finish('failed', world.clock.now());
			}
		}
	}

	world.onReset(() => {
		for (const runs of bySession.values()) for (const run of runs) run.abortController.abort(new Error('simulator reset'));
		bySession.clear();
	});

	return {
		start,
		/** @param {string} sessionId */
		forSession: (sessionId) => bySession.get(sessionId) || [],
		/** Resolves when every run of the session has finished. */
		async settled(sessionId) {
			await Promise.all((bySession.get(sessionId) || []).map((run) => run.done));
		},
	};
}

module.exports = { createRuns };
