// How the simulated agent reads instructions: which turn it plays, with which parameters.
const { classify } = require('../../../simulator/agent/intents');

const empty = { language: 'en', hasDraft: false, hasUploads: false };
const withDraft = { ...empty, hasDraft: true };
const withUploads = { ...empty, hasUploads: true };

test.each([
	['Make a 10-second video of a city timelapse at night', empty, { kind: 'generate', prompt: 'a city timelapse at night', durationSec: 10, aspectRatio: '9:16' }],
	['Create a 15 s landscape clip about a busy market', empty, { kind: 'generate', prompt: 'a busy market', durationSec: 15, aspectRatio: '16:9' }],
	['生成一个关于城市夜景的10秒视频', empty, { kind: 'generate', lang: 'zh', prompt: '城市夜景', durationSec: 10 }],
	['Use my uploaded clip to make a promo', withUploads, { kind: 'assemble' }],
	['Change the title to "Grand Opening"', withDraft, { kind: 'edit', edits: [{ action: 'title', text: 'Grand Opening' }] }],
	['Set the music volume to 20%', withDraft, { kind: 'edit', edits: [{ action: 'volume', volume: 0.2 }] }],
	['Make the music louder', withDraft, { kind: 'edit', edits: [{ action: 'volume', delta: 0.15 }] }],
	['Switch the background music to jazz', withDraft, { kind: 'edit', edits: [{ action: 'bgm', name: 'Smooth Jazz' }] }],
	['Trim it to 8 seconds and make it warmer', withDraft, { kind: 'edit', edits: [{ action: 'trim', durationSec: 8 }, { action: 'color', grade: 'warm' }] }],
	['把背景音乐音量调到20%', withDraft, { kind: 'edit', lang: 'zh', edits: [{ action: 'volume', volume: 0.2 }] }],
	['A 10-second clip of waves on a beach at sunset with soft piano', empty, { kind: 'generate', prompt: 'waves on a beach at sunset with soft piano', durationSec: 10 }],
	['Waves crashing on rocks, 15 seconds, cinematic', empty, { kind: 'generate', durationSec: 15 }],
	['The sunrise over a quiet lake', empty, { kind: 'generate', prompt: 'The sunrise over a quiet lake' }],
	['海边日落的10秒视频，配轻柔钢琴', empty, { kind: 'generate', lang: 'zh', prompt: '海边日落', durationSec: 10 }],
	['一段海浪拍打礁石的画面', empty, { kind: 'generate', lang: 'zh', prompt: '海浪拍打礁石的画面' }],
	['A clip of waves at sunset', withDraft, { kind: 'question' }],
	['A short video from the footage I uploaded', withUploads, { kind: 'assemble' }],
	['Translate this document into French', empty, { kind: 'question' }],
	['What can you do?', empty, { kind: 'question' }],
	['Add soft piano music', empty, { kind: 'needsVideo' }],
	['Add a title "Hello"', empty, { kind: 'needsVideo' }],
	['Export the video please', withDraft, { kind: 'export' }],
	['导出', withDraft, { kind: 'export', lang: 'zh' }],
	['Change the aspect ratio to 16:9', withDraft, { kind: 'aspectRatio' }],
	['Use https://open.spotify.com/track/1 as music', withDraft, { kind: 'musicUrl' }],
	['Can I change the font?', withDraft, { kind: 'question' }],
	['#sim-trailer', withDraft, { kind: 'empty', magic: { trailer: true } }],
])('%s', (instruction, session, expected) => {
	expect(classify(instruction, session)).toMatchObject({ lang: 'en', ...expected });
});

test('a zh-CN session answers in Chinese even to English instructions', () => {
	expect(classify('What can you do?', { ...empty, language: 'zh-CN' }).lang).toBe('zh');
});

test('magic words force behaviours and never reach the prompt', () => {
	const intent = classify('Make a video of rain #sim-silent #sim-thought #sim-fail #sim-error-code', empty);
	expect(intent.magic).toEqual({ silent: true, thought: true, fail: true, error: 'errorCode' });
	expect(intent.prompt).toBe('rain');
});
