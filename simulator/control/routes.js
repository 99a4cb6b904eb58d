// @ts-check
// The /__sim/ control API: what startSimulator() returns, over HTTP, for tests in another
// process (a real n8n). These calls are never logged, faulted or authenticated.
const { sendJson } = require('../http/replies');
const { ConfigError } = require('../config/config');

/**
 * @param {ReturnType<import('../http/router').createRouter>} router
 * @param {{ setConfig(partial: any): any, config: Record<string, any>, expireTokens(): void, reset(): void,
 *   clock: import('../time/clock').Clock, log: any, inspectSession(sid: string): any }} sim
 */
function addControlRoutes(router, sim) {
	router.add('GET', '/__sim/requests', (ctx) => {
		const { path, method, origin } = ctx.query;
		sendJson(ctx.res, 200, sim.log.filter({ path, method, origin }));
	});
	router.add('POST', '/__sim/requests/clear', (ctx) => {
		sim.log.clear();
		sendJson(ctx.res, 200, { ok: true });
	});
	router.add('GET', '/__sim/config', (ctx) => sendJson(ctx.res, 200, sim.config));
	router.add('POST', '/__sim/config', async (ctx) => {
		const body = await ctx.readJsonBody();
		if (body === undefined) return;
		try {
			sendJson(ctx.res, 200, sim.setConfig(body));
		} catch (error) {
			if (!(error instanceof ConfigError)) throw error;
			sendJson(ctx.res, 400, { error: error.message });
		}
	});
	router.add('POST', '/__sim/expire-tokens', (ctx) => {
		sim.expireTokens();
		sendJson(ctx.res, 200, { ok: true });
	});
	router.add('POST', '/__sim/advance-clock', async (ctx) => {
		const body = await ctx.readJsonBody();
		if (body === undefined) return;
		const ms = Number(body?.ms);
		if (!Number.isFinite(ms) || ms < 0) return sendJson(ctx.res, 400, { error: 'expected {"ms": <non-negative number>}' });
		sim.clock.advance(ms);
		sendJson(ctx.res, 200, { ok: true, now: sim.clock.now() });
	});
	router.add('POST', '/__sim/reset', (ctx) => {
		sim.reset();
		sendJson(ctx.res, 200, { ok: true });
	});
	router.add('GET', '/__sim/sessions/:sid', (ctx) => {
		const view = sim.inspectSession(ctx.params.sid);
		if (!view) return sendJson(ctx.res, 404, { error: 'session not found' });
		sendJson(ctx.res, 200, view);
	});
}

module.exports = { addControlRoutes };
