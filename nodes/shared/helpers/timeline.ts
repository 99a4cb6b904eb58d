import type { IDataObject } from 'n8n-workflow';
import { asArray, asNumber, asObject, asText } from './jsonValues';

// Reads NemoVideo's draft (docs/api.md#state: tracks `t`, track type `tt`, segments `sg`, duration `d`
// in ms, metadata `m`) into what a person wants to know. Only those five keys are documented; the
// names, start offsets, volumes and title texts inside `m` are read when present and never required.

export type TrackType = 'video' | 'audio' | 'text' | 'other';

export interface TrackSummary {
	type: TrackType;
	label: string;
	startMs: number;
	endMs: number;
	segments: number;
}

export interface StateDescription {
	readyForExport: boolean;
	timeline: string;
	tracks: TrackSummary[];
	durationMs: number;
	media: { uploaded: number; generated: number };
}

const TRACK_TYPES: Record<number, TrackType> = { 0: 'video', 1: 'audio', 7: 'text' };
const TRACK_NOUNS: Record<TrackType, string> = { video: 'Video', audio: 'BGM', text: 'Title', other: 'Track' };

interface SegmentView {
	startMs: number;
	endMs: number;
	meta: IDataObject;
}

export function draftTracks(state: IDataObject): IDataObject[] {
	return asArray(asObject(state.draft).t).map(asObject);
}

/** The export rule of docs/api.md#state: tracks exist and at least one has a segment. */
export function isReadyForExport(state: IDataObject): boolean {
	return draftTracks(state).some((track) => asArray(track.sg).length > 0);
}

/** Segments with a start where the draft gives one, otherwise laid end to end after the previous. */
function segmentsOf(track: IDataObject): SegmentView[] {
	let cursor = 0;
	return asArray(track.sg).map((raw) => {
		const segment = asObject(raw);
		const meta = asObject(segment.m);
		const startMs = asNumber(meta.start) ?? asNumber(segment.start) ?? cursor;
		const durationMs = asNumber(segment.d) ?? 0;
		cursor = startMs + durationMs;
		return { startMs, endMs: startMs + durationMs, meta };
	});
}

function trackType(track: IDataObject): TrackType {
	const code = asNumber(track.tt);
	return (code !== undefined && TRACK_TYPES[code]) || 'other';
}

function fileName(url: string | undefined): string | undefined {
	if (!url) return undefined;
	const last = url.split('?')[0].split('/').pop();
	return last ? decodeURIComponent(last) : undefined;
}

function trackLabel(type: TrackType, track: IDataObject, segments: SegmentView[]): string {
	const names = segments
		.map(({ meta }) =>
			type === 'text'
				? asText(meta.text) ?? asText(meta.name)
				: asText(meta.name) ?? asText(meta.title) ?? asText(meta.text) ?? fileName(asText(meta.src)),
		)
		.filter((name): name is string => name !== undefined);
	const unique = [...new Set(names)];
	if (type === 'text' && unique.length > 0) return unique.map((text) => `"${text}"`).join(', ');
	if (unique.length > 0) return unique.join(', ');
	const trackName = asText(asObject(track.m).name) ?? asText(asObject(track.m).title);
	if (trackName) return trackName;
	if (type === 'other') return `type ${asNumber(track.tt) ?? '?'}`;
	return segments.length === 1 ? 'untitled' : `${segments.length} segments`;
}

/** Milliseconds as seconds to one decimal, for wordings that add the unit: 10000 → "10", 2500 → "2.5". */
export function formatSeconds(ms: number): string {
	return `${Math.round(ms / 100) / 10}`;
}

/** A raw track's volume as a percentage, from its first segment that gives one: NemoVideo's drafts use 0-1, but 0-100 is accepted too. */
export function trackVolume(track: IDataObject): number | undefined {
	const volume = segmentsOf(track).map(({ meta }) => asNumber(meta.volume)).find((value) => value !== undefined);
	if (volume === undefined) return undefined;
	return Math.round(volume <= 1 ? volume * 100 : volume);
}

/** "0-10s": where a track starts and ends. */
export function trackSpan(track: TrackSummary): string {
	return `${formatSeconds(track.startMs)}-${formatSeconds(track.endMs)}s`;
}

export function summariseTracks(state: IDataObject): TrackSummary[] {
	return draftTracks(state).map((track) => {
		const type = trackType(track);
		const segments = segmentsOf(track);
		return {
			type,
			label: trackLabel(type, track, segments),
			startMs: segments.length ? Math.min(...segments.map((s) => s.startMs)) : 0,
			endMs: segments.length ? Math.max(...segments.map((s) => s.endMs)) : 0,
			segments: segments.length,
		};
	});
}

function describeTrack(track: TrackSummary, index: number, volume: number | undefined): string {
	const extras = track.type === 'audio' && volume !== undefined ? `, ${volume}%` : '';
	const noun = track.type === 'other' ? TRACK_NOUNS.other : TRACK_NOUNS[track.type];
	return `${index + 1}. ${noun}: ${track.label} (${trackSpan(track)}${extras})`;
}

/** `Timeline (3 tracks): 1. Video: … (0-10s) 2. BGM: … (0-10s, 35%) 3. Title: "…" (0-3s)` */
export function timelineSummary(state: IDataObject): string {
	const rawTracks = draftTracks(state);
	const tracks = summariseTracks(state);
	if (tracks.length === 0) return 'Timeline (0 tracks): nothing generated yet';
	const parts = tracks.map((track, index) => describeTrack(track, index, trackVolume(rawTracks[index])));
	return `Timeline (${tracks.length} track${tracks.length === 1 ? '' : 's'}): ${parts.join(' ')}`;
}

export function describeState(state: IDataObject): StateDescription {
	const tracks = summariseTracks(state);
	const draft = asObject(state.draft);
	return {
		readyForExport: isReadyForExport(state),
		timeline: timelineSummary(state),
		tracks,
		durationMs: asNumber(draft.d) ?? Math.max(0, ...tracks.map((track) => track.endMs)),
		media: {
			uploaded: asArray(state.video_infos).length,
			generated: asArray(state.generated_media).length,
		},
	};
}
