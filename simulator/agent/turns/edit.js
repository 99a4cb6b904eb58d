// @ts-check
// Edit turns: change the draft with edit_multitrack. About 30% of them are silent
// (docs/api.md#event-kinds): the call and its result, no text, an empty stateDelta; only the
// state shows the change.
// Building a first video from uploads is an edit turn too.
const { applyEdit, draftFromUploads, withPostProduction } = require('../draft');
const { costOf } = require('../costs');

const EDIT = 'edit_multitrack';

/** @param {import('../turnContext').TurnContext} ctx */
async function editTurn(ctx) {
	const { state } = ctx.session;
	const edits = ctx.intent.edits ?? [];
	// Described now, applied on the draft as it is when the tool finishes (another run may have changed it).
	const changes = describe(state.draft, edits);
	const args = changes.length === 1 ? { ...ctx.intent.edits?.[0] } : { action: 'batch', edits: ctx.intent.edits };
	return playEdit(ctx, {
		args,
		ack: ctx.phrase('editAck', { what: changes.map((c) => c.what).join(', ') }),
		done: ctx.phrase('editDone', { summary: changes.map((c) => c.summary).join(' ') }),
		apply: () => {
			state.draft = edits.reduce((draft, edit) => applyEdit(draft, edit).draft, state.draft);
		},
	});
}

function describe(draft, edits) {
	const changes = [];
	for (const edit of edits) {
		const result = applyEdit(draft, edit);
		draft = result.draft;
		changes.push(result);
	}
	return changes;
}

/** @param {import('../turnContext').TurnContext} ctx */
async function assembleTurn(ctx) {
	const { state } = ctx.session;
	const uploads = state.video_infos;
	const aspectRatio = state.canvas_config.aspect_ratio || '9:16';
	const onlyPhotos = uploads.every((u) => u.file_type !== 'video');
	const extras = { music: ctx.lang === 'zh' ? '轻松氛围' : 'Upbeat Pop', title: ctx.lang === 'zh' ? '我的视频' : 'My Video', grade: 'cinematic' };
	let draft = withPostProduction(draftFromUploads(uploads, aspectRatio), extras);
	for (const edit of ctx.intent.edits ?? []) draft = applyEdit(draft, edit).draft;
	const done = ctx.phrase('assembleDone', { music: extras.music, title: draft.m.title });
	return playEdit(ctx, {
		args: { action: onlyPhotos ? 'slideshow' : 'assemble', sources: uploads.map((u) => u.filename), add_bgm: extras.music, add_title: draft.m.title },
		ack: ctx.phrase('assembleAck', { count: uploads.length }),
		done: onlyPhotos ? `${ctx.phrase('slideshowNote')} ${done}` : done,
		apply: () => {
			state.draft = draft;
			if (!state.canvas_config.aspect_ratio) state.canvas_config = { width: draft.m.width, height: draft.m.height, aspect_ratio: aspectRatio };
		},
	});
}

/**
 * @param {import('../turnContext').TurnContext} ctx
 * @param {{ args: Record<string, unknown>, ack: string, done: string, apply: () => void }} plan
 */
async function playEdit(ctx, { args, ack, done, apply }) {
	const silent = ctx.intent.magic.silent ?? ctx.random.chance(ctx.config.silentEditRate);
	const cost = costOf(ctx.intent, ctx.config);
	ctx.run.silent = silent;
	if (!silent) await ctx.maybeThought('thinkingEdit');
	await ctx.pause(2000, 5000);
	const callId = await ctx.call(EDIT, args, silent ? undefined : ack);
	if (!ctx.hold(cost)) return ctx.outOfCredits(callId, EDIT, cost);
	await ctx.work(ctx.random.between(8_000, 25_000));
	apply();
	ctx.respond(callId, EDIT, { status: 'success' }, { draft: ctx.session.state.draft }, silent);
	ctx.settle();
	if (!silent) {
		await ctx.pause(1000, 3000);
		await ctx.say(done);
	}
	return 'completed';
}

module.exports = { editTurn, assembleTurn };
