// @ts-check
// GET /api/credits/balance/simple (docs/api.md#credits).
const { sendData } = require('../http/replies');
const { authenticate } = require('../auth/authenticate');

function addCreditRoutes(router, world) {
	router.add('GET', '/api/credits/balance/simple', (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res);
		if (!account) return;
		sendData(ctx.res, account.credits.balance());
	});
}

module.exports = { addCreditRoutes };
