// @ts-check
// Reads an instruction the way the simulated agent understands it: which turn to play (generate,
// assemble uploads, edit, question, export...) and its parameters. English and Chinese. Magic
// words (`#sim-...`) force a behaviour for one run, so tests need no luck with the random source.

/**
 * @typedef {{ action: 'title', text: string }
 *   | { action: 'bgm', name?: string, volume?: number }
 *   | { action: 'volume', volume?: number, delta?: number }
 *   | { action: 'trim', durationSec: number }
 *   | { action: 'color', grade: string }} EditAction
 * @typedef {{
 *   kind: 'generate' | 'assemble' | 'edit' | 'needsVideo' | 'export' | 'aspectRatio' | 'musicUrl' | 'question' | 'empty',
 *   lang: 'en' | 'zh',
 *   prompt?: string, durationSec?: number, aspectRatio?: string,
 *   edits?: EditAction[],
 *   magic: Magic,
 * }} Intent
 * @typedef {{ silent?: boolean, trailer?: boolean, thought?: boolean, fail?: boolean,
 *   error?: 'legacy' | 'legacy-quoted' | 'system' | 'errorCode' | 'flavor' }} Magic
 */

const CJK = /[\u3400-\u9fff]/;

const WORDS = {
	export: /\bexport\b|\bdownload\b|导出|下载/i,
	aspect: /aspect ratio|\b(16:9|9:16|1:1|4:3)\b.*\b(instead|change|switch|convert)|\b(change|switch|convert|make it)\b.*\b(landscape|portrait|vertical|horizontal|square)\b|画面比例|横屏|竖屏/i,
	musicUrl: /(youtube\.com|youtu\.be|spotify\.com)/i,
	generate: /\b(generate|create|make|produce|render me|film)\b|生成|制作|做一个|做个|做一段|来一段|创建/i,
	videoNoun: /\b(video|clip|movie|film|reel|short|animation|timelapse|footage)\b|视频|短片|片子/i,
	uploadRef: /\b(upload(ed)?|my (clip|video|footage|photos?|images?|files?)|the (clip|footage|photos?|images?) i)\b|上传|素材|我的视频/i,
	title: /\b(title|caption|heading|headline|text overlay|subtitle)\b|标题|字幕|文字/i,
	bgm: /\b(music|bgm|soundtrack|song|track)\b|音乐|配乐|背景乐|bgm/i,
	volume: /\b(volume|louder|quieter|softer|mute|lower the music|turn (it )?(up|down))\b|音量|大声|小声|静音/i,
	trim: /\b(trim|shorten|cut|duration|shorter|longer|length)\b|剪短|缩短|时长|剪到|裁剪/i,
	color: /\b(colou?r|grade|grading|warm(er)?|cool(er)?|vintage|black and white|b&w|saturat\w*|filter|brighter|darker)\b|调色|色调|颜色|滤镜|复古|黑白/i,
	sceneOpening: /^(a|an|the|some)\s|^(一段|一个|一支|一部|一组)/i,
	question: /\?\s*$|？\s*$|^(what|how|why|can|could|do|does|is|are|which|who|when|where)\b|吗[？?]?\s*$|什么|怎么|如何|为什么|能不能|可以.*吗/i,
};

/** @type {Array<[string, string]>} */
const MUSIC_STYLES = [
	['lo-fi', 'Lo-fi Hip Hop'], ['lofi', 'Lo-fi Hip Hop'], ['jazz', 'Smooth Jazz'], ['piano', 'Soft Piano'], ['rock', 'Indie Rock'],
	['epic', 'Epic Cinematic'], ['cinematic', 'Epic Cinematic'], ['upbeat', 'Upbeat Pop'], ['pop', 'Upbeat Pop'], ['calm', 'Calm Ambient'],
	['ambient', 'Calm Ambient'], ['electronic', 'Electronic Pulse'], ['acoustic', 'Acoustic Guitar'], ['爵士', '爵士乐'], ['钢琴', '轻柔钢琴'],
	['摇滚', '独立摇滚'], ['欢快', '欢快流行'], ['轻松', '轻松氛围'],
];

/** @type {Array<[RegExp, string]>} */
const GRADES = [
	[/warm/i, 'warm'], [/cool|cold/i, 'cool'], [/vintage|retro|复古/i, 'vintage'], [/black and white|b&w|monochrome|黑白/i, 'black_and_white'],
	[/brighter|bright/i, 'bright'], [/darker|moody|dark/i, 'moody'], [/saturat|vivid|鲜艳/i, 'vivid'], [/暖/i, 'warm'], [/冷/i, 'cool'],
];

/** @param {string} text */
function readMagic(text) {
	/** @type {Magic} */
	const magic = {};
	const words = new Set((text.match(/#sim-[a-z-]+/gi) || []).map((w) => w.toLowerCase()));
	if (words.has('#sim-silent')) magic.silent = true;
	if (words.has('#sim-verbose')) magic.silent = false;
	if (words.has('#sim-trailer')) magic.trailer = true;
	if (words.has('#sim-no-trailer')) magic.trailer = false;
	if (words.has('#sim-thought')) magic.thought = true;
	if (words.has('#sim-fail')) magic.fail = true;
	if (words.has('#sim-error')) magic.error = 'flavor';
	if (words.has('#sim-error-legacy')) magic.error = 'legacy';
	if (words.has('#sim-error-quoted')) magic.error = 'legacy-quoted';
	if (words.has('#sim-error-system')) magic.error = 'system';
	if (words.has('#sim-error-code')) magic.error = 'errorCode';
	return magic;
}

/** A quoted phrase ("...", '...', “...”, 「...」) or what follows "to"/"say"/"as". */
function quoted(text) {
	const match = /["“「『']([^"”」』']{1,80})["”」』']/.exec(text);
	if (match) return match[1].trim();
	const after = /\b(?:to|say|says|saying|as|reading)\s+([A-Za-z0-9][^.,!?]{0,60})$/i.exec(text.replace(/#sim-[a-z-]+/gi, '').trim());
	return after ? after[1].trim() : undefined;
}

/** @returns {number | undefined} seconds, from "10-second", "15 s", "30 sec", "20秒" */
function seconds(text) {
	const match = /(\d+(?:\.\d+)?)\s*(?:-\s*)?(?:s\b|sec\b|secs\b|seconds?\b|秒)/i.exec(text);
	if (match) return Number(match[1]);
	const minutes = /(\d+(?:\.\d+)?)\s*(?:-\s*)?(?:min|minutes?|分钟)/i.exec(text);
	return minutes ? Number(minutes[1]) * 60 : undefined;
}

function aspectOf(text) {
	const explicit = /\b(16:9|9:16|1:1|4:3)\b/.exec(text);
	if (explicit) return explicit[1];
	if (/\b(landscape|horizontal|widescreen|youtube)\b|横屏/i.test(text)) return '16:9';
	if (/\b(square)\b|方形/i.test(text)) return '1:1';
	return '9:16';
}

/** What the video is about: the words after "of"/"about"/"showing", without the framing. */
function promptOf(text) {
	const clean = text.replace(/#sim-[a-z-]+/gi, '').trim();
	const match =
		/\b(?:of|about|showing|featuring|with)\s+(.+)$/i.exec(clean) ||
		/关于(.+?)(?:的\s*\d+\s*秒)?(?:的视频|视频|$)/.exec(clean) ||
		/(?:一段|一个)(?:\d+\s*秒的?)?(.+?)(?:的视频|视频|$)/.exec(clean) ||
		/^(.+?)的\s*(?:\d+\s*秒的?)?(?:视频|短片|片子)/.exec(clean);
	const subject = (match ? match[1] : clean).replace(/[.!?。！？]+$/, '').trim();
	return subject.slice(0, 120) || 'a short scene';
}

/** @param {string} text @returns {import('./intents').EditAction[]} */
function editsOf(text) {
	/** @type {EditAction[]} */
	const edits = [];
	if (WORDS.title.test(text)) edits.push({ action: 'title', text: quoted(text) || (CJK.test(text) ? '我的视频' : 'My Video') });
	const percent = /(\d{1,3})\s*(%|percent|％)/i.exec(text);
	if (WORDS.volume.test(text) || (percent && WORDS.bgm.test(text))) {
		if (percent) edits.push({ action: 'volume', volume: Math.min(100, Number(percent[1])) / 100 });
		else if (/\bmute\b|静音/i.test(text)) edits.push({ action: 'volume', volume: 0 });
		else edits.push({ action: 'volume', delta: /louder|up\b|大声|提高/i.test(text) ? 0.15 : -0.15 });
	} else if (WORDS.bgm.test(text)) {
		const style = MUSIC_STYLES.find(([key]) => text.toLowerCase().includes(key));
		edits.push({ action: 'bgm', name: style ? style[1] : CJK.test(text) ? '轻松氛围' : 'Calm Ambient' });
	}
	const duration = seconds(text);
	if (WORDS.trim.test(text) && duration) edits.push({ action: 'trim', durationSec: duration });
	else if (WORDS.trim.test(text)) edits.push({ action: 'trim', durationSec: 0 });
	if (WORDS.color.test(text)) {
		const grade = GRADES.find(([pattern]) => pattern.test(text));
		edits.push({ action: 'color', grade: grade ? grade[1] : 'cinematic' });
	}
	return edits;
}

/**
 * @param {string} instruction
 * @param {{ language: string, hasDraft: boolean, hasUploads: boolean }} session
 * @returns {Intent}
 */
function classify(instruction, session) {
	const text = instruction.trim();
	const lang = session.language.toLowerCase().startsWith('zh') || CJK.test(text) ? 'zh' : 'en';
	const magic = readMagic(text);
	const plain = text.replace(/#sim-[a-z-]+/gi, '').trim();
	/** @param {Intent['kind']} kind @param {Partial<Intent>} [extra] @returns {Intent} */
	const intent = (kind, extra = {}) => ({ kind, lang, magic, ...extra });

	if (!plain) return intent('empty');
	if (WORDS.export.test(plain)) return intent('export');
	if (WORDS.musicUrl.test(plain)) return intent('musicUrl');
	if (WORDS.aspect.test(plain) && session.hasDraft) return intent('aspectRatio');

	// On an empty session, a description of a video ("A 10-second clip of waves at sunset") asks
	// for that video as plainly as "make a video of ..." does; the agent generates it.
	const emptySession = !session.hasDraft && !session.hasUploads;
	const describesVideo = emptySession && !WORDS.question.test(plain) && (WORDS.videoNoun.test(plain) || seconds(plain) !== undefined || WORDS.sceneOpening.test(plain));
	const wantsVideo = (WORDS.generate.test(plain) && (WORDS.videoNoun.test(plain) || !session.hasDraft)) || describesVideo;
	const edits = editsOf(plain);
	if (session.hasUploads && !session.hasDraft && (WORDS.uploadRef.test(plain) || wantsVideo || edits.length)) return intent('assemble', { edits });
	if (wantsVideo && !WORDS.uploadRef.test(plain) && !(session.hasDraft && edits.length && !WORDS.videoNoun.test(plain))) {
		return intent('generate', { prompt: promptOf(plain), durationSec: Math.min(60, Math.max(3, seconds(plain) || 10)), aspectRatio: aspectOf(plain) });
	}
	if (edits.length) return session.hasDraft ? intent('edit', { edits }) : intent('needsVideo');
	if (WORDS.question.test(plain)) return intent('question');
	return intent('question');
}

module.exports = { classify, readMagic };
