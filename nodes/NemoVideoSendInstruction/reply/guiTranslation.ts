// NemoVideo's agent writes for its own web editor (docs/api.md#run-sse, #event-kinds): "click Export", "open the
// Music panel", "drag the clip", "点击导出". In n8n there is no such button; each phrase becomes the
// node that does the job. Only instructions for a GUI are rewritten; what the agent says about the
// video itself stays word for word. Rules run in order; none matches another's replacement.

export interface GuiRule {
	/** What the agent says, as a global regular expression. */
	pattern: RegExp;
	/** What the user does instead in n8n (`$1` etc. refer to the pattern's groups). */
	replacement: string;
	/** A phrase the rule is written for (used by the tests). */
	example: string;
}

const EXPORT = 'NemoVideo Export & Wait';
const GET_STATE = 'NemoVideo Get State';
const GET_CREDITS = 'NemoVideo Get Credits';
const SEND_INSTRUCTION = 'NemoVideo Send Instruction';
const UPLOAD_MEDIA = 'NemoVideo Upload Media';
const MEDIA_PANEL = '(?:Media|Assets?|Upload|Uploads)';

const QUOTE_OPEN = `["'“‘「【]?`;
const QUOTE_CLOSE = `["'”’」】]?`;

export const GUI_RULES: GuiRule[] = [
	// ---- English ----
	{
		pattern: new RegExp(
			`\\b(?:click|press|tap|hit|select|use)(?: on)? (?:the )?${QUOTE_OPEN}export${QUOTE_CLOSE}(?: (?:button|option|menu|icon))?(?: (?:at|in|on) the (?:top|upper|bottom)[- ](?:right|left)(?: corner)?)?`,
			'gi',
		),
		replacement: `run the ${EXPORT} node`,
		example: 'click Export to save it',
	},
	{
		pattern: /\b(?:the )?export (?:button|panel|menu|dialog)\b/gi,
		replacement: `the ${EXPORT} node`,
		example: 'download it from the Export panel',
	},
	{
		// Uploading is a node of its own: dragging files into the media panel means Upload Media.
		pattern: new RegExp(
			`\\b(?:drag(?: (?:and|&) drop)?|upload|add|put) (?:your |the |any )?(?:files?|media|footage|photos?|videos?|images?|clips?)(?: here)? (?:in|into|onto|to) the ${MEDIA_PANEL}(?: panel)?`,
			'gi',
		),
		replacement: `upload it with the ${UPLOAD_MEDIA} node`,
		example: 'drag files into the Media panel',
	},
	{
		pattern: new RegExp(`\\b(?:in|into|from) the ${MEDIA_PANEL} panel\\b`, 'gi'),
		replacement: `with the ${UPLOAD_MEDIA} node`,
		example: 'upload media in the Media panel',
	},
	{
		pattern:
			/\b(?:preview|view|check|see|review|look at|watch)(?: (?:it|them|this|the (?:result|video|edit|edits|change|changes|clip|clips)|your (?:video|edit|edits|changes)))?(?: (?:in|on))? (?:the )?timeline(?: (?:panel|view|editor|area|window))?\b/gi,
		replacement: `check the timeline with the ${GET_STATE} node`,
		example: 'Preview in Timeline panel',
	},
	{
		// "watch the progress in the Timeline panel": what is watched stays, where becomes our node.
		pattern: /\b(?:in|on) the timeline panel\b/gi,
		replacement: `with the ${GET_STATE} node`,
		example: 'watch the progress in the Timeline panel',
	},
	{
		pattern: /\b(?:open|go to|switch to) (?:the )?([A-Za-z][\w&]*(?: [A-Za-z][\w&]*){0,2}) (?:panel|tab|sidebar)\b/gi,
		replacement: `check the $1 with the ${GET_STATE} node`,
		example: 'open the Music panel',
	},
	{
		// Dragging edits the timeline, which in n8n means asking the agent for it.
		pattern:
			/\bdrag(?:ging)?(?: (?:and|&) drop(?:ping)?)? (?:the |a |your |any )?(?:[\w-]+ ){0,2}(?:clips?|edges?|handles?|sliders?|files?|media|videos?|images?|photos?|segments?|titles?|text|music|tracks?|it|them|elements?|items?|playhead)\b(?: (?:on|in|onto|into|along|to|across) (?:the )?(?:timeline|track|canvas|player|editor|preview|here|there)\b)?/gi,
		replacement: `ask for it in a follow-up ${SEND_INSTRUCTION}`,
		example: 'drag the clip edges to trim it',
	},
	{
		pattern:
			/\b(?:check|view|visit|see|open|go to)(?: (?:your|the))? (?:account|billing|dashboard|balance|credits?|subscription)(?:(?:\s*(?:\/|or|and|&)\s*|\s)(?:account|billing|dashboard|balance|credits?|subscription))*(?: (?:page|settings|section|panel|dashboard))?(?: (?:on|in) the (?:account|billing)(?: \w+)? page)?\b/gi,
		replacement: `check your balance with the ${GET_CREDITS} node`,
		example: 'check your account/billing',
	},
	{
		pattern: /\b(?:click|tap|press)(?: on)? (?:the )?["'“‘]?([A-Za-z][\w &-]{0,30}?)["'”’]? (?:button|icon)\b/gi,
		replacement: `ask for "$1" in a follow-up ${SEND_INSTRUCTION}`,
		example: 'click the Regenerate button',
	},
	// ---- Chinese ----
	{
		pattern: new RegExp(`(?:点击|单击|点按|点)(?:右上角|左上角|上方|页面上方|页面右上角)?的?${QUOTE_OPEN}导出${QUOTE_CLOSE}(?:按钮|按键)?`, 'g'),
		replacement: `使用 ${EXPORT} 节点`,
		example: '点击导出按钮',
	},
	{
		pattern: /导出(?:按钮|面板)/g,
		replacement: `${EXPORT} 节点`,
		example: '通过导出按钮下载',
	},
	{
		pattern: /(?:拖拽|拖动|拖放|拖曳)(?:文件|素材|视频|图片|照片)(?:到|至)(?:素材|媒体|上传)面板(?:中|里|上)?/g,
		replacement: `使用 ${UPLOAD_MEDIA} 节点上传`,
		example: '拖拽文件到素材面板',
	},
	{
		pattern: /在(?:素材|媒体|上传)面板(?:中|里|上)?(?=上传)/g,
		replacement: `用 ${UPLOAD_MEDIA} 节点`,
		example: '在素材面板上传素材',
	},
	{
		pattern: /(?:在时间线(?:面板)?(?:中|里|上)?(?:预览|查看)(?:效果|视频)?|(?:预览|查看)时间线(?:面板)?)/g,
		replacement: `用 ${GET_STATE} 节点查看时间线`,
		example: '在时间线面板中预览',
	},
	{
		pattern: /打开([^，。！？,.!?\s]{1,8}?)(?:面板|标签页|侧边栏)/g,
		replacement: `用 ${GET_STATE} 节点查看$1`,
		example: '打开音乐面板',
	},
	{
		// Up to "to the timeline", or up to what the drag is for (即可…, 来…), which stays.
		pattern: /(?:拖拽|拖动|拖放|拖曳)(?:[^，。！？,.!?\n（）()]{0,12}?(?:到|至)(?:时间线|轨道|画布)(?:上|中|里)?|[^，。！？,.!?\n（）()即可来以进]{0,10})/g,
		replacement: `通过下一条指令（${SEND_INSTRUCTION} 节点）`,
		example: '拖动片段边缘即可裁剪',
	},
	{
		pattern: /(?:查看|检查|前往)(?:您的|你的)?(?:账户|账号|帐户|帐号|余额|账单|积分)(?:余额|页面|设置|中心)?/g,
		replacement: `用 ${GET_CREDITS} 节点查看余额`,
		example: '查看您的账户余额',
	},
];

/** "Music" → "music" in the middle of a sentence; "BGM" stays. */
const midSentence = (word: string) => word.replace(/\b([A-Z])([a-z]+)\b/g, (_all, first: string, rest: string) => first.toLowerCase() + rest);

/** Keeps a capital where the agent's phrase started a sentence. */
function matchCase(original: string, replacement: string): string {
	const first = original.charAt(0);
	if (first !== first.toUpperCase() || first === first.toLowerCase()) return replacement;
	return replacement.charAt(0).toUpperCase() + replacement.slice(1);
}

const OPENING_QUOTES = new Set(['"', '“', '‘', '「', '『', "'"]);

/**
 * Words inside quotes are content (a title that reads "Click Export"), and a phrase already
 * pointing at one of our nodes is left alone, so translating twice changes nothing.
 */
function leaveAlone(text: string, offset: number, length: number): boolean {
	if (OPENING_QUOTES.has(text.charAt(offset - 1))) return true;
	const after = text.slice(offset + length, offset + length + 20);
	return after.startsWith(' with the NemoVideo') || after.startsWith(' it with the NemoVideo') || /NemoVideo [\w &]+ 节点\S{0,2}$/.test(text.slice(Math.max(0, offset - 40), offset));
}

export function translateGuiText(text: string, rules: GuiRule[] = GUI_RULES): string {
	let result = text;
	for (const rule of rules) {
		rule.pattern.lastIndex = 0;
		result = result.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
			// replace() passes the groups, then the offset and the whole string.
			const whole = rest[rest.length - 1] as string;
			const offset = rest[rest.length - 2] as number;
			if (leaveAlone(whole, offset, match.length)) return match;
			const groups = rest.slice(0, -2);
			const filled = rule.replacement.replace(/\$(\d)/g, (_all, index: string) => midSentence(String(groups[Number(index) - 1] ?? '')));
			return matchCase(match, filled);
		});
	}
	return result;
}
