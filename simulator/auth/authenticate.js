// @ts-check
// The Bearer rule of every endpoint but anonymous-token (docs/api.md#headers, #errors): a missing, unknown,
// expired or revoked token, and any claim token (`clm_*`, docs/api.md#claim-token), is 1001.
const { sendBusinessError } = require('../http/replies');

/**
 * @param {import('http').IncomingMessage} req
 * @returns {string | null}
 */
function bearerOf(req) {
	const header = req.headers.authorization;
	if (typeof header !== 'string') return null;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match ? match[1] : null;
}

/**
 * @param {{ tokens: ReturnType<import('./tokens').createTokens>, accounts: ReturnType<import('./accounts').createAccounts>, config: { values: Record<string, any> } }} world
 * @param {import('http').IncomingMessage} req
 * @param {import('http').ServerResponse} res
 * @param {Record<string, unknown>} [errorExtra] extra body fields of the endpoint family
 * @returns {import('./accounts').Account | null} null when the request was answered with 1001
 */
function authenticate(world, req, res, errorExtra) {
	const token = bearerOf(req);
	const record = token && token.startsWith('nmv_usr_') ? world.tokens.resolve(token) : null;
	const account = record ? world.accounts.get(record.userId) : undefined;
	if (!account) {
		const message = token ? 'Invalid or expired token' : 'Missing Authorization header';
		sendBusinessError(res, world.config.values, 1001, message, errorExtra);
		return null;
	}
	return account;
}

module.exports = { authenticate, bearerOf };
