// @ts-check
// Anonymous tokens and their limits (docs/api.md#anonymous-token, #limits): 7-day lifetime, one token per
// X-Client-Id per 7 days, ten per IP per 7 days. Every rule reads the injectable clock.
const { userToken } = require('../ids');

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * @typedef {{ token: string, userId: string, clientId: string, issuedAt: number, expiresAt: number, revoked: boolean }} TokenRecord
 * @typedef {{ ok: true, record: TokenRecord, reissued: boolean } | { ok: false, reason: 'client-limit' | 'ip-limit' }} IssueResult
 */

/**
 * @param {{ values: Record<string, any> }} config
 * @param {{ now(): number }} clock
 * @param {ReturnType<import('./accounts').createAccounts>} accounts
 */
function createTokens(config, clock, accounts) {
	/** @type {Map<string, TokenRecord>} */
	const byToken = new Map();
	/** clientId → the account it owns and the start of its current 7-day window */
	/** @type {Map<string, { userId: string, windowStart: number, lastToken: TokenRecord }>} */
	const clients = new Map();
	/** ip → issue times inside the last 7 days */
	/** @type {Map<string, number[]>} */
	const ipIssues = new Map();

	/**
	 * @param {string} clientId
	 * @param {string} ip
	 * @returns {IssueResult}
	 */
	function issue(clientId, ip) {
		const now = clock.now();
		const client = clients.get(clientId);
		if (client && now < client.windowStart + WEEK_MS) {
			if (config.values.sameClientIdPolicy === 'reissue' && isValid(client.lastToken)) {
				return { ok: true, record: client.lastToken, reissued: true };
			}
			return { ok: false, reason: 'client-limit' };
		}
		const recent = (ipIssues.get(ip) || []).filter((at) => now < at + WEEK_MS);
		if (recent.length >= config.values.ipTokenLimit) {
			ipIssues.set(ip, recent);
			return { ok: false, reason: 'ip-limit' };
		}
		ipIssues.set(ip, [...recent, now]);

		const account = (client && accounts.get(client.userId)) || accounts.create();
		/** @type {TokenRecord} */
		const record = { token: userToken(), userId: account.userId, clientId, issuedAt: now, expiresAt: now + WEEK_MS, revoked: false };
		byToken.set(record.token, record);
		clients.set(clientId, { userId: account.userId, windowStart: now, lastToken: record });
		return { ok: true, record, reissued: false };
	}

	/** @param {TokenRecord} record */
	function isValid(record) {
		return !record.revoked && clock.now() < record.expiresAt;
	}

	/**
	 * @param {string} token
	 * @returns {TokenRecord | null} the live record, or null for unknown, expired and revoked tokens
	 */
	function resolve(token) {
		const record = byToken.get(token);
		return record && isValid(record) ? record : null;
	}

	/**
	 * Every token issued so far stops working, and the 7-day windows count as passed, as if
	 * a week went by for the tokens but not for the rest of the world (sessions, renders).
	 */
	function expireAll() {
		for (const record of byToken.values()) record.revoked = true;
		for (const client of clients.values()) client.windowStart = -Infinity;
		ipIssues.clear();
	}

	function clear() {
		byToken.clear();
		clients.clear();
		ipIssues.clear();
	}

	return { issue, resolve, expireAll, clear, WEEK_MS };
}

module.exports = { createTokens, WEEK_MS };
