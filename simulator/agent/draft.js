// @ts-check
// The timeline the agent builds, in the mock's draft convention (docs/api.md#state): tracks `t` of
// type `tt` (0 video, 1 audio/BGM, 7 text/title), segments `sg` of `{d, m:{start,name,volume,
// text,src}}`, and `d`/`m` at draft level. Every function returns a new draft: a stateDelta
// already sent never changes afterwards.

const TRACK = { video: 0, audio: 1, text: 7 };
const DEFAULT_BGM_VOLUME = 0.35;
const TITLE_MS = 3000;

const clone = (value) => JSON.parse(JSON.stringify(value));
const DIMENSIONS = { '9:16': [1080, 1920], '16:9': [1920, 1080], '1:1': [1080, 1080], '4:3': [1440, 1080] };

/** @param {string} aspectRatio */
function canvasFor(aspectRatio) {
	const [width, height] = DIMENSIONS[aspectRatio] || DIMENSIONS['9:16'];
	return { width, height, aspect_ratio: aspectRatio };
}

/**
 * The draft right after stage 1 of a generation: one video track, nothing else.
 * @param {{ name: string, src: string, durationMs: number, aspectRatio: string }} video
 */
function draftWithVideo({ name, src, durationMs, aspectRatio }) {
	const { width, height } = canvasFor(aspectRatio);
	return {
		t: [{ tt: TRACK.video, sg: [{ d: durationMs, m: { start: 0, name, src } }] }],
		d: durationMs,
		m: { width, height },
	};
}

/**
 * A video track made of uploads: videos as they are, photos as a 3-second slideshow.
 * @param {any[]} uploads video_infos entries
 * @param {string} aspectRatio
 */
function draftFromUploads(uploads, aspectRatio) {
	const { width, height } = canvasFor(aspectRatio);
	let start = 0;
	const segments = [];
	for (const upload of uploads.filter((u) => u.file_type !== 'audio')) {
		const d = upload.file_type === 'video' ? Math.round((upload.duration || 10) * 1000) : 3000;
		segments.push({ d, m: { start, name: upload.filename, src: upload.cdn_url } });
		start += d;
	}
	return { t: [{ tt: TRACK.video, sg: segments }], d: start, m: { width, height } };
}

/**
 * Stage 2 of a generation (docs/api.md#run-sse): BGM under the whole video, a 3-second title, a colour grade.
 * @param {any} draft @param {{ music: string, title: string, grade: string }} extras
 */
function withPostProduction(draft, { music, title, grade }) {
	const next = clone(draft);
	next.t = next.t.filter((track) => track.tt === TRACK.video);
	next.t.push({ tt: TRACK.audio, sg: [{ d: next.d, m: { start: 0, name: music, volume: DEFAULT_BGM_VOLUME } }] });
	next.t.push({ tt: TRACK.text, sg: [{ d: Math.min(TITLE_MS, next.d), m: { start: 0, text: title } }] });
	next.m = { ...next.m, title, color_grade: grade };
	return next;
}

const trackOf = (draft, tt) => draft.t.find((track) => track.tt === tt);

/**
 * @param {any} draft
 * @param {import('./intents').EditAction} edit
 * @returns {{ draft: any, what: string, summary: string }} the new draft and how to describe it
 */
function applyEdit(draft, edit) {
	const next = clone(draft);
	if (!Array.isArray(next.t)) next.t = [];
	if (typeof next.d !== 'number') next.d = 0;
	switch (edit.action) {
		case 'title': {
			const track = trackOf(next, TRACK.text);
			if (track) track.sg = [{ ...track.sg[0], m: { ...track.sg[0].m, text: edit.text } }];
			else next.t.push({ tt: TRACK.text, sg: [{ d: Math.min(TITLE_MS, next.d), m: { start: 0, text: edit.text } }] });
			next.m = { ...next.m, title: edit.text };
			return { draft: next, what: `setting the title to "${edit.text}"`, summary: `The title now reads "${edit.text}".` };
		}
		case 'bgm': {
			const track = trackOf(next, TRACK.audio);
			const volume = track?.sg[0]?.m?.volume ?? DEFAULT_BGM_VOLUME;
			const segment = { d: next.d, m: { start: 0, name: edit.name, volume: edit.volume ?? volume } };
			if (track) track.sg = [segment];
			else next.t.push({ tt: TRACK.audio, sg: [segment] });
			return { draft: next, what: `switching the background music to ${edit.name}`, summary: `The background music is now ${edit.name}.` };
		}
		case 'volume': {
			const track = trackOf(next, TRACK.audio);
			if (!track) {
				next.t.push({ tt: TRACK.audio, sg: [{ d: next.d, m: { start: 0, name: 'Calm Ambient', volume: DEFAULT_BGM_VOLUME } }] });
				return applyEdit(next, edit);
			}
			const current = track.sg[0].m.volume ?? DEFAULT_BGM_VOLUME;
			const volume = Math.round(Math.min(1, Math.max(0, edit.volume ?? current + (edit.delta ?? 0))) * 100) / 100;
			track.sg = track.sg.map((segment) => ({ ...segment, m: { ...segment.m, volume } }));
			const percent = `${Math.round(volume * 100)}%`;
			return { draft: next, what: `setting the music volume to ${percent}`, summary: `The background music volume is now ${percent}.` };
		}
		case 'trim': {
			const target = edit.durationSec > 0 ? Math.round(edit.durationSec * 1000) : Math.max(1000, Math.round(next.d * 0.8));
			for (const track of next.t) {
				track.sg = track.sg
					.filter((segment) => (segment.m?.start ?? 0) < target)
					.map((segment) => ({ ...segment, d: Math.min(segment.d, target - (segment.m?.start ?? 0)) }));
			}
			next.d = target;
			const secondsText = `${Math.round(target / 100) / 10}s`;
			return { draft: next, what: `trimming the video to ${secondsText}`, summary: `The video is now ${secondsText} long.` };
		}
		case 'color': {
			next.m = { ...next.m, color_grade: edit.grade };
			const video = trackOf(next, TRACK.video);
			if (video) video.sg = video.sg.map((segment) => ({ ...segment, m: { ...segment.m, filter: edit.grade } }));
			const grade = edit.grade.replace(/_/g, ' ');
			return { draft: next, what: `applying a ${grade} colour grade`, summary: `I applied a ${grade} colour grade.` };
		}
		default:
			return { draft: next, what: 'updating the timeline', summary: 'The timeline is updated.' };
	}
}

/** Export readiness as clients check it (docs/api.md#state). */
const hasTracks = (draft) => Array.isArray(draft?.t) && draft.t.some((track) => Array.isArray(track.sg) && track.sg.length > 0);

module.exports = { draftWithVideo, draftFromUploads, withPostProduction, applyEdit, canvasFor, hasTracks, TRACK };
