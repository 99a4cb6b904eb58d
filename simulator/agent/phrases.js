// @ts-check
// What the agent says, in English and Chinese. The backend believes it talks to its own web app
// (docs/api.md#run-sse), so the texts deliberately tell users to click, open panels, drag and press
// Export: a client's GUI-translation layer is tested on these.

/** @typedef {'en' | 'zh'} Lang */

const REGISTER_URL = (userId) => `https://nemovideo.com/register?bind=${userId}`;

/** @type {Record<string, Record<Lang, (p: any) => string[]>>} */
const PHRASES = {
	generateAck: {
		en: (p) => [
			`Sure! I'll generate a ${p.duration}-second ${p.aspect} video of ${p.prompt}. This usually takes a few minutes; you can watch the progress in the Timeline panel.`,
			`Great idea! Generating a ${p.duration}-second video of ${p.prompt} now. Feel free to open the Assets panel while you wait.`,
		],
		zh: (p) => [`好的！我将为你生成一段 ${p.duration} 秒的视频：${p.prompt}。通常需要几分钟，你可以在时间线面板中查看进度。`],
	},
	rawVideoReady: {
		en: () => [
			'Your raw video is ready! Preview it in the Timeline panel. Now I am adding background music, a title and colour grading.',
			'The base clip is done. You can preview it in the timeline; next I will add music, a title and a colour grade.',
		],
		zh: () => ['原始视频已生成！你可以在时间线面板中预览。接下来我会添加背景音乐、标题和调色。'],
	},
	generateDone: {
		en: (p) => [
			`Your video is ready! It has ${p.music} background music and the title "${p.title}". Preview in Timeline panel or click Export to save it.`,
			`All done! I added "${p.title}" as the title and ${p.music} music. Drag the clips on the timeline to fine-tune, then click the Export button.`,
		],
		zh: (p) => [`视频已完成！已添加背景音乐「${p.music}」和标题「${p.title}」。可以在时间线中预览，或点击右上角的导出按钮保存。`],
	},
	generateFailed: {
		en: () => ['Sorry, the video generation failed on our side. No credits were charged; please try again in a moment.'],
		zh: () => ['抱歉，视频生成失败了，未扣除积分。请稍后重试。'],
	},
	assembleAck: {
		en: (p) => [`Got it! I'll build a video from your ${p.count} uploaded file${p.count === 1 ? '' : 's'}.`],
		zh: (p) => [`收到！我会用你上传的 ${p.count} 个素材制作视频。`],
	},
	assembleDone: {
		en: (p) => [`Done! I put your footage on the timeline with ${p.music} music and the title "${p.title}". Preview it in the Timeline panel, then click Export.`],
		zh: (p) => [`完成！已将素材放到时间线上，并添加了音乐「${p.music}」和标题「${p.title}」。可以在时间线中预览，然后点击导出。`],
	},
	slideshowNote: {
		en: () => ['Photos cannot be edited directly, so I turned them into a slideshow.'],
		zh: () => ['图片无法直接编辑，我已将它们制作成幻灯片。'],
	},
	editAck: {
		en: (p) => [`Sure, ${p.what}.`, `On it: ${p.what}.`],
		zh: (p) => [`好的，${p.what}。`],
	},
	editDone: {
		en: (p) => [
			`Done! ${p.summary} Preview it in the Timeline panel.`,
			`Updated: ${p.summary} You can drag the segment on the timeline to adjust it, or open the Text panel for styles.`,
		],
		zh: (p) => [`已完成！${p.summary} 可以在时间线中预览，或拖拽片段进行调整。`],
	},
	needsVideo: {
		en: () => ['There is no video on the timeline yet. Upload your footage (drag files into the Media panel) or ask me to generate a video first.'],
		zh: () => ['时间线上还没有视频。请先上传素材（拖拽文件到素材面板），或让我先生成一段视频。'],
	},
	exportGui: {
		en: () => [
			'To export your video, click the Export button in the top-right corner and choose your resolution.',
			'You can export it yourself: click Export, pick MP4, and the download starts when the render is done.',
		],
		zh: () => ['要导出视频，请点击右上角的「导出」按钮，选择分辨率即可。'],
	},
	aspectRatio: {
		en: () => ['Changing the aspect ratio needs a full regeneration, because the video cannot be re-cropped. Ask me to generate it again in the new format.'],
		zh: () => ['更改画面比例需要重新生成视频，无法直接裁剪。请让我按新比例重新生成。'],
	},
	musicUrl: {
		en: () => ['I cannot use YouTube or Spotify links for music, but our built-in library has similar styles. Open the Audio panel to browse it, or tell me a genre.'],
		zh: () => ['暂不支持 YouTube 或 Spotify 链接作为音乐，内置音乐库有类似风格。打开音频面板浏览，或告诉我想要的风格。'],
	},
	capabilities: {
		en: () => [
			'I can generate videos from a description, edit your uploads, add titles, background music and colour grading, and trim clips. Check your credits on the account page, or click Export when your video is ready.',
			'Good question! I can create clips, add music and titles, change colours and durations. Open the Timeline panel to see your tracks.',
		],
		zh: () => ['我可以根据描述生成视频、剪辑你上传的素材、添加标题和背景音乐、调色以及裁剪时长。视频完成后点击导出即可。'],
	},
	askWhat: {
		en: () => ['What would you like me to do? You can describe a video to generate, or upload media in the Media panel.'],
		zh: () => ['你想让我做什么？可以描述想生成的视频，或在素材面板上传素材。'],
	},
	noCredits: {
		en: (p) => [`You don't have enough credits for this (${p.cost} needed, ${p.available} available). Register at ${REGISTER_URL(p.userId)} to get 100 more credits, or check your account billing page.`],
		zh: (p) => [`积分不足（需要 ${p.cost}，剩余 ${p.available}）。请前往 ${REGISTER_URL(p.userId)} 注册以获得 100 积分，或在账户页面充值。`],
	},
	trailer: {
		en: () => ['I encountered a temporary issue. Please try again.'],
		zh: () => ['我遇到了一个临时问题，请稍后再试。'],
	},
	thinkingGenerate: {
		en: (p) => [`The user wants a ${p.duration}s clip about ${p.prompt}. I should call the video generation tool, then run post-production.`],
		zh: (p) => [`用户想要一段关于${p.prompt}的 ${p.duration} 秒视频，先调用生成工具，再做后期。`],
	},
	thinkingEdit: {
		en: () => ['The user wants to change the timeline. I will call edit_multitrack with the requested change.'],
		zh: () => ['用户想修改时间线，调用 edit_multitrack。'],
	},
	thinkingQuestion: {
		en: () => ['This is a question; no tool is needed.'],
		zh: () => ['这是一个问题，不需要调用工具。'],
	},
	errorMessage: {
		en: () => ['Something went wrong while processing your request.'],
		zh: () => ['处理请求时出错。'],
	},
};

/**
 * @param {keyof typeof PHRASES} key
 * @param {Lang} lang
 * @param {{ pick<T>(items: T[]): T }} random
 * @param {Record<string, unknown>} [params]
 */
function say(key, lang, random, params = {}) {
	return random.pick(PHRASES[key][lang](params));
}

module.exports = { say, PHRASES };
