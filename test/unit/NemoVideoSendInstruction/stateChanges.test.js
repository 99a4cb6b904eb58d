const { describeStateChanges, stateFingerprint } = require('../../../nodes/NemoVideoSendInstruction/stateChanges');

// States in the simulator's draft convention (docs/api.md#state): t/tt/sg/d/m, details inside m.
const video = (d = 10000, extra = {}) => ({ tt: 0, sg: [{ d, m: { start: 0, name: 'city timelapse', src: 'https://cdn/gen/abc.mp4' } }], ...extra });
const bgm = (volume = 0.35, name = 'Lo-fi') => ({ tt: 1, sg: [{ d: 10000, m: { start: 0, name, volume } }] });
const title = (text = 'Urban Dreams', d = 3000, start = 0) => ({ tt: 7, sg: [{ d, m: { start, text } }] });
const state = (tracks, extra = {}) => ({
	video_infos: [],
	generated_media: [],
	canvas_config: { width: 1080, height: 1920, aspect_ratio: '9:16' },
	draft: tracks === undefined ? {} : { t: tracks, d: Math.max(0, ...tracks.flatMap((t) => t.sg.map((s) => (s.m.start ?? 0) + s.d)))},
	...extra,
});

test('nothing changed: no changes', () => {
	expect(describeStateChanges(state([video()]), state([video()]))).toEqual([]);
});

test('a generation with two-stage post-production, from an empty session', () => {
	const before = state(undefined);
	const after = state([video(), bgm(), title()], { generated_media: [{ type: 'video' }] });
	expect(describeStateChanges(before, after)).toEqual([
		'Added a video track: city timelapse (0-10s)',
		'Added a BGM track: Lo-fi (0-10s, 35%)',
		'Added a title track: "Urban Dreams" (0-3s)',
		'1 new generated clip',
	]);
});

test("a title's text", () => {
	expect(describeStateChanges(state([video(), title('Urban Dreams')]), state([video(), title('Paradise Found')]))).toEqual([
		'Title text changed from "Urban Dreams" to "Paradise Found"',
	]);
});

test('a title added by a silent edit', () => {
	expect(describeStateChanges(state([video(), bgm()]), state([video(), bgm(), title('Paradise Found')]))).toEqual([
		'Added a title track: "Paradise Found" (0-3s)',
	]);
});

test('a track removed', () => {
	expect(describeStateChanges(state([video(), bgm()]), state([video()]))).toEqual(['Removed the BGM track: Lo-fi (0-10s, 35%)']);
});

test('a duration, and the total with it', () => {
	expect(describeStateChanges(state([video(10000)]), state([video(15000)]))).toEqual([
		'Video (city timelapse): duration changed from 10s to 15s (now 0-15s)',
		'Total duration changed from 10s to 15s',
	]);
});

test('a title moved without changing length', () => {
	expect(describeStateChanges(state([video(), title('A', 3000, 0)]), state([video(), title('A', 3000, 2000)]))).toEqual([
		'Title "A" moved from 0-3s to 2-5s',
	]);
});

test('a volume', () => {
	expect(describeStateChanges(state([video(), bgm(0.35)]), state([video(), bgm(0.5)]))).toEqual(['BGM (Lo-fi): volume changed from 35% to 50%']);
});

test('a different music track', () => {
	expect(describeStateChanges(state([video(), bgm(0.35, 'Lo-fi')]), state([video(), bgm(0.35, 'Jazz')]))).toEqual(['BGM changed from Lo-fi to Jazz']);
});

test('segments added to a track', () => {
	const two = { tt: 0, sg: [{ d: 10000, m: { start: 0, name: 'city timelapse' } }, { d: 5000, m: { start: 10000, name: 'city timelapse' } }] };
	expect(describeStateChanges(state([video()]), state([two]))).toEqual([
		'Video (city timelapse): duration changed from 10s to 15s (now 0-15s)',
		'Added 1 segment to the video track (now 2)',
		'Total duration changed from 10s to 15s',
	]);
});

test('uploads and the aspect ratio', () => {
	const after = state([video()], { video_infos: [{ filename: 'a.mp4' }, { filename: 'b.png' }], canvas_config: { aspect_ratio: '16:9' } });
	expect(describeStateChanges(state([video()]), after)).toEqual(['2 new uploaded files', 'Aspect ratio changed from 9:16 to 16:9']);
});

test('a change in details the draft does not document still shows up', () => {
	const after = state([video(10000, { fx: ['warm grade'] })]);
	expect(describeStateChanges(state([video()]), after)).toEqual([
		'The timeline changed in details not described here (such as effects, colour or transitions); NemoVideo Get State shows the result',
	]);
});

test('the fingerprint sees the draft, the media and the canvas, not unrelated keys', () => {
	const base = state([video()]);
	expect(stateFingerprint(base)).toBe(stateFingerprint({ ...base, video_analyses: { x: { summary: 'new' } } }));
	expect(stateFingerprint(base)).not.toBe(stateFingerprint(state([video(9000)])));
});

test('the project title, unless a title track already says it', () => {
	const withTitle = (tracks, title) => ({ ...state(tracks), draft: { ...state(tracks).draft, m: { title } } });
	expect(describeStateChanges(withTitle([video()], 'Old'), withTitle([video()], 'New'))).toEqual(['Project title changed from "Old" to "New"']);
	expect(describeStateChanges(withTitle([video(), title('Old')], 'Old'), withTitle([video(), title('New')], 'New'))).toEqual(['Title text changed from "Old" to "New"']);
});
