// @ts-check
// Users. An anonymous account is created on a client id's first token and kept for it: a new
// token for the same X-Client-Id after expiry belongs to the same user, sessions and credits.
const { Ledger } = require('../credits/ledger');
const { anonymousUserId } = require('../ids');

/**
 * @typedef {{ userId: string, plan: 'free', credits: Ledger, createdAt: number }} Account
 */

/**
 * @param {{ values: Record<string, any> }} config
 * @param {ReturnType<import('../time/random').createRandom>} random
 * @param {{ now(): number }} clock
 */
function createAccounts(config, random, clock) {
	/** @type {Map<string, Account>} */
	const byId = new Map();
	return {
		/** @returns {Account} */
		create() {
			const account = { userId: anonymousUserId(random), plan: /** @type {'free'} */ ('free'), credits: new Ledger(config.values.startingCredits), createdAt: clock.now() };
			byId.set(account.userId, account);
			return account;
		},
		/** @param {string} userId */
		get: (userId) => byId.get(userId),
		all: () => [...byId.values()],
		clear: () => byId.clear(),
	};
}

module.exports = { createAccounts };
