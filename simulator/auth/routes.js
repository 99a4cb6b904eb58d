// @ts-check
// POST /api/auth/anonymous-token and POST /api/auth/claim-token (docs/api.md#anonymous-token, #claim-token).
const { sendData, sendHttpError, sendBusinessError } = require('../http/replies');
const { authenticate } = require('./authenticate');
const { claimToken } = require('../ids');

const CLAIM_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The caller's IP; X-Forwarded-For lets a test play several machines from one. */
function clientIp(req) {
	const forwarded = req.headers['x-forwarded-for'];
	if (typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',')[0].trim();
	return req.socket.remoteAddress || 'unknown';
}

/** @param {import('../http/router').createRouter extends () => infer R ? R : never} router @param {any} world */
function addAuthRoutes(router, world) {
	router.add('POST', '/api/auth/anonymous-token', async (ctx) => {
		await ctx.readBodyForLog();
		const clientId = ctx.req.headers['x-client-id'];
		if (typeof clientId !== 'string' || clientId.trim() === '') {
			return sendHttpError(ctx.res, 400, 'X-Client-Id header is required');
		}
		if (clientId.length > 64) return sendHttpError(ctx.res, 400, 'X-Client-Id must be at most 64 characters');
		// Real time, not scaled: it stands for the network and the server, which a test does not speed up.
		if (world.config.values.tokenDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, world.config.values.tokenDelayMs));
		const result = world.tokens.issue(clientId, clientIp(ctx.req));
		if (!result.ok) {
			const message =
				result.reason === 'client-limit'
					? 'Rate limit: one anonymous token per client per 7 days'
					: 'Rate limit: too many anonymous tokens from this IP in 7 days';
			return sendHttpError(ctx.res, 429, message, { 'Retry-After': String(Math.round(world.config.values.retryAfterSeconds * world.config.values.timeScale)) });
		}
		const { record } = result;
		const account = world.accounts.get(record.userId);
		sendData(ctx.res, {
			token: record.token,
			user_id: record.userId,
			expires_at: new Date(record.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			credits: account.credits.available,
		});
	});

	router.add('POST', '/api/auth/claim-token', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res);
		if (!account) return;
		const body = await ctx.readJsonBody();
		if (body === undefined) return;
		const session = world.sessions.get(String(body?.session_id ?? ''));
		if (!session || session.userId !== account.userId || (body.task_id !== undefined && body.task_id !== session.taskId)) {
			return sendBusinessError(ctx.res, world.config.values, 1002, 'Session not found');
		}
		sendData(ctx.res, { claim_token: claimToken(), expires_in: CLAIM_TTL_SECONDS });
	});
}

module.exports = { addAuthRoutes };
