// @ts-check
// Everything the simulated backend remembers, in one place so reset() can forget it at once:
// accounts, tokens, sessions, agent runs and render jobs, plus the shared config, clock and
// random source they read.
const { createAccounts } = require('./auth/accounts');
const { createTokens } = require('./auth/tokens');
const { createSessions } = require('./sessions/store');
const { createRandom } = require('./time/random');
const { createTiming } = require('./time/timing');

/**
 * @param {{ config: ReturnType<import('./config/config').createConfig>, clock: import('./time/clock').Clock }} deps
 */
function createWorld({ config, clock }) {
	const random = createRandom(config.values.seed);
	const timing = createTiming(config);
	const accounts = createAccounts(config, random, clock);
	const tokens = createTokens(config, clock, accounts);
	const sessions = createSessions(clock, random);
	/** Hooks of the parts that keep their own records (runs, renders), called by reset(). */
	/** @type {Array<() => void>} */
	const resetHooks = [];

	config.onChange((changed) => {
		if ('seed' in changed) random.reseed(config.values.seed);
	});

	const world = {
		config,
		clock,
		random,
		timing,
		accounts,
		tokens,
		sessions,
		/** URL base under which the CDN serves files; set once the listeners are up. */
		cdnBase: '',
		/** @param {() => void} hook */
		onReset(hook) {
			resetHooks.push(hook);
		},
		reset() {
			for (const hook of resetHooks) hook();
			accounts.clear();
			tokens.clear();
			sessions.clear();
			random.reseed(config.values.seed);
		},
	};
	return world;
}

module.exports = { createWorld };
