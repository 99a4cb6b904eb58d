const { translateGuiText, GUI_RULES } = require('../../../../nodes/NemoVideoSendInstruction/reply/guiTranslation');

test.each(GUI_RULES.map((rule) => [rule.example, rule]))('the rule written for "%s" changes it', (example, rule) => {
	const translated = translateGuiText(example, [rule]);
	expect(translated).not.toBe(example);
	expect(translated).toMatch(/NemoVideo (Export & Wait|Get State|Get Credits|Send Instruction|Upload Media)/);
});

test.each([
	[
		'Your video is ready! Preview in Timeline panel or click Export to save it.',
		'Your video is ready! Check the timeline with the NemoVideo Get State node or run the NemoVideo Export & Wait node to save it.',
	],
	['Click "Export" in the top right corner.', 'Run the NemoVideo Export & Wait node.'],
	['You can download it from the Export panel.', 'You can download it from the NemoVideo Export & Wait node.'],
	['Open the Music panel to choose another track.', 'Check the music with the NemoVideo Get State node to choose another track.'],
	['Drag the clip edges to trim it to 5 seconds.', 'Ask for it in a follow-up NemoVideo Send Instruction to trim it to 5 seconds.'],
	['You can drag clips on the timeline to reorder them.', 'You can ask for it in a follow-up NemoVideo Send Instruction to reorder them.'],
	['If generation fails, check your account/billing.', 'If generation fails, check your balance with the NemoVideo Get Credits node.'],
	['Click the Regenerate button to try another version.', 'Ask for "regenerate" in a follow-up NemoVideo Send Instruction to try another version.'],
	['Upload your footage (drag files into the Media panel) first.', 'Upload your footage (upload it with the NemoVideo Upload Media node) first.'],
	['You can watch the progress in the Timeline panel.', 'You can watch the progress with the NemoVideo Get State node.'],
	['Check your credits on the account page.', 'Check your balance with the NemoVideo Get Credits node.'],
	['Or check your account billing page.', 'Or check your balance with the NemoVideo Get Credits node.'],
])('English: %s', (input, output) => {
	expect(translateGuiText(input)).toBe(output);
});

test.each([
	['视频已生成！您可以在时间线面板中预览，或点击右上角的导出按钮保存。', '视频已生成！您可以用 NemoVideo Get State 节点查看时间线，或使用 NemoVideo Export & Wait 节点保存。'],
	['打开音乐面板可以更换背景音乐。', '用 NemoVideo Get State 节点查看音乐可以更换背景音乐。'],
	['拖动片段边缘即可裁剪。', '通过下一条指令（NemoVideo Send Instruction 节点）即可裁剪。'],
	['拖拽素材到时间线上调整顺序。', '通过下一条指令（NemoVideo Send Instruction 节点）调整顺序。'],
	['请查看您的账户余额。', '请用 NemoVideo Get Credits 节点查看余额。'],
	['也可以通过导出按钮下载。', '也可以通过NemoVideo Export & Wait 节点下载。'],
	['请先上传素材（拖拽文件到素材面板），或让我生成。', '请先上传素材（使用 NemoVideo Upload Media 节点上传），或让我生成。'],
	['或在素材面板上传素材。', '或用 NemoVideo Upload Media 节点上传素材。'],
])('Chinese: %s', (input, output) => {
	expect(translateGuiText(input)).toBe(output);
});

test.each([
	'A 10-second timelapse of the city at night, with lo-fi music at 35% and the title "Urban Dreams".',
	'A drone shot drags across the city skyline, then the title "Click Export" fades in.',
	'I exported the colour palette from your photos into the grade.',
	'画面中一位女孩在海边奔跑，夕阳映照在海面上，背景音乐是轻快的钢琴曲。',
	'标题「点击导出」在片尾淡入。',
])('content descriptions stay word for word: %s', (text) => {
	expect(translateGuiText(text)).toBe(text);
});

test('translating twice changes nothing more', () => {
	for (const rule of GUI_RULES) {
		const once = translateGuiText(rule.example);
		expect(translateGuiText(once)).toBe(once);
	}
});

test("every GUI instruction in the simulator's agent texts becomes an n8n step", () => {
	const { PHRASES } = require('../../../../simulator/agent/phrases');
	const params = { duration: 10, aspect: 'vertical', prompt: 'a city at night', music: 'Lo-fi', title: 'City', count: 2, what: 'adding a title', summary: 'Added a title.', cost: 100, available: 0, userId: 'anon_1' };
	const gui = /\bclick\b|\bpanel\b|\bdrag\b|\bexport button\b|点击|面板|拖拽|拖动/i;
	let translated = 0;
	for (const byLanguage of Object.values(PHRASES)) {
		for (const text of [...byLanguage.en(params), ...byLanguage.zh(params)]) {
			const result = translateGuiText(text);
			expect(result).not.toMatch(gui);
			if (result !== text) translated++;
		}
	}
	expect(translated).toBeGreaterThan(15);
});
