// @ts-check
// POST /api/tasks/me/with-session/nemo_agent and GET /api/state/nemo_agent/<user>/<sid>/latest (docs/api.md#sessions, #state).
const { sendData, sendBusinessError } = require('../http/replies');
const { authenticate } = require('../auth/authenticate');

function addSessionRoutes(router, world) {
	router.add('POST', '/api/tasks/:user/with-session/nemo_agent', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res);
		if (!account) return;
		if (ctx.params.user !== 'me' && ctx.params.user !== account.userId) {
			return sendBusinessError(ctx.res, world.config.values, 1001, 'Token does not belong to this user');
		}
		const body = await ctx.readJsonBody();
		if (body === undefined) return;
		const taskName = typeof body?.task_name === 'string' && body.task_name.trim() ? body.task_name : 'project';
		// `language` is optional (some documented examples send only task_name); replies follow it (docs/api.md#run-sse).
		const language = typeof body?.language === 'string' && body.language.trim() ? body.language : 'en';
		const session = world.sessions.create({ userId: account.userId, taskName, language });
		sendData(ctx.res, { task_id: session.taskId, session_id: session.sessionId, user_id: account.userId });
	});

	router.add('GET', '/api/state/nemo_agent/:user/:sid/latest', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res);
		if (!account) return;
		const session = world.sessions.findOwned(ctx.params.sid, ctx.params.user, account);
		if (!session) return sendBusinessError(ctx.res, world.config.values, 1002, 'Session not found');
		sendData(ctx.res, {
			session_id: session.sessionId,
			task_id: session.taskId,
			task_name: session.taskName,
			user_id: session.userId,
			state: session.state,
		});
	});
}

module.exports = { addSessionRoutes };
