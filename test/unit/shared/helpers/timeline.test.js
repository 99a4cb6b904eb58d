const { describeState, timelineSummary, isReadyForExport } = require('../../../../nodes/shared/helpers/timeline');

// The simulator's draft convention (docs/api.md#state): the documented keys t/tt/sg/d/m, with names,
// starts, volumes and texts inside m.
const fullDraft = {
	t: [
		{ tt: 0, sg: [{ d: 10000, m: { start: 0, name: 'city timelapse', src: 'https://cdn/gen/abc.mp4' } }] },
		{ tt: 1, sg: [{ d: 10000, m: { start: 0, name: 'Lo-fi', volume: 0.35 } }] },
		{ tt: 7, sg: [{ d: 3000, m: { start: 0, text: 'Urban Dreams' } }] },
	],
	d: 10000,
	m: { title: 'Urban Dreams', width: 1080, height: 1920 },
};

test('the summary line (docs/api.md#state), for video, BGM and title tracks', () => {
	expect(timelineSummary({ draft: fullDraft })).toBe(
		'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
	);
});

test('tracks, duration, media counts and readiness', () => {
	const described = describeState({
		draft: fullDraft,
		video_infos: [{ filename: 'a.mp4' }, { filename: 'b.png' }],
		generated_media: [{ type: 'video' }],
	});
	expect(described.readyForExport).toBe(true);
	expect(described.durationMs).toBe(10000);
	expect(described.media).toEqual({ uploaded: 2, generated: 1 });
	expect(described.tracks).toEqual([
		{ type: 'video', label: 'city timelapse', startMs: 0, endMs: 10000, segments: 1 },
		{ type: 'audio', label: 'Lo-fi', startMs: 0, endMs: 10000, segments: 1 },
		{ type: 'text', label: '"Urban Dreams"', startMs: 0, endMs: 3000, segments: 1 },
	]);
});

test('an empty draft, a missing draft and an empty state are not ready and say so', () => {
	for (const state of [{ draft: {} }, {}, { draft: { t: [] } }, { draft: null }]) {
		const described = describeState(state);
		expect(described.readyForExport).toBe(false);
		expect(described.timeline).toBe('Timeline (0 tracks): nothing generated yet');
		expect(described.tracks).toEqual([]);
		expect(described.durationMs).toBe(0);
		expect(described.media).toEqual({ uploaded: 0, generated: 0 });
	}
});

test('tracks whose segments are all empty are not ready for export', () => {
	expect(isReadyForExport({ draft: { t: [{ tt: 0, sg: [] }, { tt: 1 }] } })).toBe(false);
	expect(isReadyForExport({ draft: { t: [{ tt: 0, sg: [] }, { tt: 1, sg: [{ d: 1 }] }] } })).toBe(true);
});

test('segments without documented start offsets are laid end to end; names fall back sensibly', () => {
	const state = {
		draft: {
			t: [
				{ tt: 0, sg: [{ d: 4000 }, { d: 2500, m: { src: 'https://cdn.example/v/clip%20two.mp4?x=1' } }] },
				{ tt: 1, sg: [{ d: 6500, m: { volume: 80 } }] },
				{ tt: 7, sg: [{ d: 1500, m: {} }] },
				{ tt: 3, sg: [{ d: 1000 }] },
				{ sg: [{ d: 1000 }] },
			],
		},
	};
	expect(timelineSummary(state)).toBe(
		'Timeline (5 tracks): 1. Video: clip two.mp4 (0-6.5s) 2. BGM: untitled (0-6.5s, 80%) 3. Title: untitled (0-1.5s) 4. Track: type 3 (0-1s) 5. Track: type ? (0-1s)',
	);
	const described = describeState(state);
	expect(described.tracks[3].type).toBe('other');
	expect(described.durationMs).toBe(6500);
});

test('a track with several named segments lists them once each', () => {
	const state = { draft: { t: [{ tt: 0, sg: [{ d: 1000, m: { name: 'a' } }, { d: 1000, m: { name: 'b' } }, { d: 1000, m: { name: 'a' } }] }] } };
	expect(timelineSummary(state)).toBe('Timeline (1 track): 1. Video: a, b (0-3s)');
});

test('values of the wrong type are ignored rather than trusted', () => {
	const state = { draft: { t: [{ tt: '0', sg: [{ d: '5000', m: { name: 42, start: 'x' } }] }, 'junk'], d: 'long' } };
	const described = describeState(state);
	expect(described.tracks[0]).toEqual({ type: 'other', label: 'type ?', startMs: 0, endMs: 0, segments: 1 });
	expect(described.durationMs).toBe(0);
});
