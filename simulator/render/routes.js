// @ts-check
// Render endpoints (docs/api.md#render, #download): submit, poll, cancel, and the authenticated download
// fallback. Export is free; it needs the X-Skill-* attribution headers (else 402, docs/api.md#headers).
const { sendJson, sendBusinessError } = require('../http/replies');
const { authenticate } = require('../auth/authenticate');
const { hasTracks } = require('../agent/draft');
const { renderBody } = require('./shapes');
const { sendSource } = require('../cdn/sendSource');

const ATTRIBUTION = ['x-skill-source', 'x-skill-version', 'x-skill-platform'];
/** The render family answers errors with `success:false` (an [inf] choice, docs/api.md#render). */
const FAMILY = { success: false };

const fail = (res, status, error) => sendJson(res, status, { success: false, error });

/** @param {any} world @param {ReturnType<import('./jobs').createRenders>} renders */
function addRenderRoutes(router, world, renders) {
	const config = world.config.values;
	/** @param {number} [at] the moment to describe; now unless given */
	const bodyOf = (job, at) => {
		const source = renders.outputSource();
		return renderBody(job, renders.statusOf(job, at), { url: renders.urlOf(job), size: source.size }, config.renderShape);
	};

	router.add('POST', '/api/render/proxy/lambda', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res, FAMILY);
		if (!account) return;
		const body = await ctx.readJsonBody();
		if (body === undefined) return;
		const missing = ATTRIBUTION.filter((header) => !ctx.req.headers[header]);
		if (missing.length || config.exportBlocked) {
			const message = missing.length
				? `Export blocked: missing ${missing.join(', ')}. Register or upgrade your plan to unlock export.`
				: 'Export is not available on your plan. Register or upgrade your plan to unlock export.';
			return sendJson(ctx.res, 402, { code: 402, success: false, message, detail: message, error: message, data: null });
		}
		if (typeof body.id !== 'string' || body.id.trim() === '') return fail(ctx.res, 400, 'id is required');
		const session = world.sessions.get(String(body.sessionId ?? ''));
		if (!session || session.userId !== account.userId) return sendBusinessError(ctx.res, config, 1002, 'Session not found', FAMILY);
		if (renders.get(body.id)) return fail(ctx.res, 409, 'duplicate id');
		const draft = body.draft && typeof body.draft === 'object' ? body.draft : session.state.draft;
		if (!hasTracks(draft) && config.emptyDraftPolicy === 'reject') return fail(ctx.res, 400, 'invalid draft');
		const output = { format: 'mp4', quality: 'high', ...(body.output && typeof body.output === 'object' ? body.output : {}) };
		const job = renders.submit({ id: body.id, account, session, draft, output });
		// The submit reply describes the job as it was accepted (pending, progress 5), not a
		// millisecond later, which at small time scales is already a few percent on.
		sendJson(ctx.res, 200, bodyOf(job, job.createdAt));
	});

	router.add('GET', '/api/render/proxy/lambda/:id', (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res, FAMILY);
		if (!account) return;
		const job = renders.getOwned(ctx.params.id, account.userId);
		if (!job) return fail(ctx.res, 404, 'not found');
		sendJson(ctx.res, 200, bodyOf(job));
	});

	router.add('POST', '/api/render/proxy/lambda/:id/cancel', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res, FAMILY);
		if (!account) return;
		await ctx.readBodyForLog();
		const job = renders.getOwned(ctx.params.id, account.userId);
		if (!job) return fail(ctx.res, 404, 'not found');
		const { status } = renders.statusOf(job);
		if (status === 'completed' || status === 'failed') return fail(ctx.res, 409, `render already ${status}`);
		renders.cancel(job);
		sendJson(ctx.res, 200, { success: true, data: { id: job.id, status: 'failed', error: 'cancelled' } });
	});

	// No /lambda/ segment here (docs/api.md#download).
	router.add('GET', '/api/render/proxy/:id/download', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res, FAMILY);
		if (!account) return;
		const job = renders.getOwned(ctx.params.id, account.userId);
		if (!job) return fail(ctx.res, 404, 'not found');
		const { status } = renders.statusOf(job);
		if (status !== 'completed') return sendJson(ctx.res, 409, { success: false, error: 'render not completed', status });
		if (config.downloadRedirect) {
			ctx.res.writeHead(302, { Location: renders.urlOf(job), 'Content-Length': 0 });
			return ctx.res.end();
		}
		await sendSource(ctx.req, ctx.res, renders.outputSource(), { headers: { 'Content-Disposition': `attachment; filename="${job.id}.mp4"` } });
	});
}

module.exports = { addRenderRoutes };
