// @ts-check
// Two-stage generation (docs/api.md#run-sse): the raw video lands in state and is announced
// first; post-production (BGM, title, colour) follows in the same turn, unasked.
const { draftWithVideo, withPostProduction, canvasFor } = require('../draft');
const { costOf } = require('../costs');

const GENERATE = 'generate_video_with_seedance';
const EDIT = 'edit_multitrack';
const MUSIC = { en: ['Lo-fi Hip Hop', 'Upbeat Pop', 'Epic Cinematic', 'Calm Ambient'], zh: ['轻松氛围', '欢快流行', '史诗电影'] };
const GRADES = ['cinematic', 'warm', 'vivid', 'cool'];

/** @param {import('../turnContext').TurnContext} ctx */
async function generateTurn(ctx) {
	const { prompt = 'a short scene', durationSec = 10, aspectRatio = '9:16', magic } = ctx.intent;
	const aspect = { '9:16': 'vertical', '16:9': 'landscape', '1:1': 'square' }[aspectRatio] || aspectRatio;
	const params = { prompt, duration: durationSec, aspect };
	const cost = costOf(ctx.intent, ctx.config);
	const { state } = ctx.session;

	await ctx.maybeThought('thinkingGenerate', params);
	await ctx.pause(1500, 4000);
	const args = { prompt, duration: durationSec, aspect_ratio: aspectRatio };
	const callId = await ctx.call(GENERATE, args, ctx.phrase('generateAck', params));
	if (!ctx.hold(cost)) return ctx.outOfCredits(callId, GENERATE, cost);

	await ctx.work(ctx.random.between(100_000, 300_000));
	if (magic.fail || ctx.random.chance(ctx.config.generationFailRate)) {
		ctx.refund();
		ctx.respond(callId, GENERATE, { status: 'error', error: 'Video generation failed' });
		await ctx.say(ctx.phrase('generateFailed'));
		return 'failed';
	}

	// Stage 1: the raw video is in state before the tool result goes out.
	const mediaId = ctx.random.string(16, '0123456789abcdef');
	const url = `${ctx.world.cdnBase}/gen/${mediaId}.mp4`;
	const canvas = canvasFor(aspectRatio);
	state.generated_media = [
		...state.generated_media,
		{ type: 'video', url, prompt, duration: durationSec, width: canvas.width, height: canvas.height, tool: GENERATE },
	];
	state.draft = draftWithVideo({ name: prompt, src: url, durationMs: durationSec * 1000, aspectRatio });
	state.canvas_config = canvas;
	ctx.respond(callId, GENERATE, { status: 'success', video_url: url, duration: durationSec }, { draft: state.draft });
	ctx.settle();
	await ctx.pause(1000, 3000);
	await ctx.say(ctx.phrase('rawVideoReady'));

	// Stage 2: post-production nobody asked for.
	const extras = {
		music: ctx.random.pick(MUSIC[ctx.lang]),
		title: titleFrom(prompt, ctx.lang),
		grade: ctx.random.pick(GRADES),
	};
	await ctx.pause(1000, 3000);
	const editId = await ctx.call(EDIT, { action: 'post_production', add_bgm: extras.music, add_title: extras.title, color_grade: extras.grade });
	await ctx.work(ctx.random.between(10_000, 30_000));
	state.draft = withPostProduction(state.draft, extras);
	ctx.respond(editId, EDIT, { status: 'success' }, { draft: state.draft });

	// A final summary text, or nothing: the same odds as a silent edit.
	if (!(magic.silent ?? ctx.random.chance(ctx.config.silentEditRate))) {
		await ctx.pause(1000, 3000);
		await ctx.say(ctx.phrase('generateDone', extras));
	}
	return 'completed';
}

/** A short title from the prompt: "a city timelapse at night" → "City Timelapse At Night". */
function titleFrom(prompt, lang) {
	if (lang === 'zh') return prompt.slice(0, 12);
	const words = prompt.replace(/^(a|an|the)\s+/i, '').split(/\s+/).slice(0, 4);
	return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

module.exports = { generateTurn };
