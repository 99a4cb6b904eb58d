import type { IDataObject } from 'n8n-workflow';
import type { TrackSummary, TrackType } from '../shared/helpers/timeline';
import { asObject } from '../shared/helpers/jsonValues';
import { describeState, draftTracks, formatSeconds, summariseTracks, trackSpan, trackVolume } from '../shared/helpers/timeline';

// What an instruction changed, in plain words, from the session state before and after it. This
// is how a silent edit (docs/api.md#event-kinds: the stream ends with no text) or a recovered disconnect
// tells the user what happened. Tracks are read with the same helpers as Get State, so a track
// is named here as it is in `timeline`.

const NOUNS: Record<TrackType, string> = { video: 'video', audio: 'BGM', text: 'title', other: 'other' };

interface TrackView extends TrackSummary {
	volume?: number;
}

function tracksOf(state: IDataObject): TrackView[] {
	const raw = draftTracks(state);
	return summariseTracks(state).map((track, index) => ({ ...track, volume: trackVolume(raw[index]) }));
}

const length = (track: TrackView) => track.endMs - track.startMs;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeTrack(track: TrackView): string {
	const volume = track.volume !== undefined && track.type === 'audio' ? `, ${track.volume}%` : '';
	return `${track.label} (${trackSpan(track)}${volume})`;
}

/** Pairs each track after with the one it was before: same type and name first, then by order. */
function pairTracks(before: TrackView[], after: TrackView[]) {
	const pairs: Array<[TrackView, TrackView]> = [];
	const leftBefore = [...before];
	const leftAfter: TrackView[] = [];
	for (const track of after) {
		const index = leftBefore.findIndex((old) => old.type === track.type && old.label === track.label);
		if (index >= 0) pairs.push([leftBefore.splice(index, 1)[0], track]);
		else leftAfter.push(track);
	}
	const added: TrackView[] = [];
	for (const track of leftAfter) {
		const index = leftBefore.findIndex((old) => old.type === track.type);
		if (index >= 0) pairs.push([leftBefore.splice(index, 1)[0], track]);
		else added.push(track);
	}
	return { pairs, added, removed: leftBefore };
}

function describeTrackChange(old: TrackView, now: TrackView): string[] {
	const noun = NOUNS[now.type];
	const changes: string[] = [];
	if (old.label !== now.label) {
		changes.push(now.type === 'text' ? `Title text changed from ${old.label} to ${now.label}` : `${capitalise(noun)} changed from ${old.label} to ${now.label}`);
	}
	const name = now.type === 'text' ? `title ${now.label}` : `${noun} (${now.label})`;
	if (length(old) !== length(now)) {
		changes.push(`${capitalise(name)}: duration changed from ${formatSeconds(length(old))}s to ${formatSeconds(length(now))}s (now ${trackSpan(now)})`);
	} else if (old.startMs !== now.startMs) {
		changes.push(`${capitalise(name)} moved from ${trackSpan(old)} to ${trackSpan(now)}`);
	}
	if (now.segments > old.segments) {
		changes.push(`Added ${plural(now.segments - old.segments, 'segment')} to the ${noun} track (now ${now.segments})`);
	} else if (now.segments < old.segments) {
		changes.push(`Removed ${plural(old.segments - now.segments, 'segment')} from the ${noun} track (now ${now.segments})`);
	}
	if (old.volume !== now.volume && now.volume !== undefined) {
		changes.push(`${capitalise(name)}: volume changed from ${old.volume === undefined ? 'default' : `${old.volume}%`} to ${now.volume}%`);
	}
	return changes;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function aspectRatio(state: IDataObject): string | undefined {
	const canvas = asObject(state.canvas_config);
	if (typeof canvas.aspect_ratio === 'string' && canvas.aspect_ratio) return canvas.aspect_ratio;
	if (typeof canvas.width === 'number' && typeof canvas.height === 'number') return `${canvas.width}x${canvas.height}`;
	return undefined;
}

/** The parts of the state an instruction can change, as one comparable string. */
export function stateFingerprint(state: IDataObject): string {
	return JSON.stringify([state.draft ?? {}, state.generated_media ?? [], state.video_infos ?? [], state.canvas_config ?? {}]);
}

export function describeStateChanges(before: IDataObject, after: IDataObject): string[] {
	if (stateFingerprint(before) === stateFingerprint(after)) return [];
	const changes: string[] = [];
	const { pairs, added, removed } = pairTracks(tracksOf(before), tracksOf(after));
	for (const track of added) changes.push(`Added a ${NOUNS[track.type]} track: ${describeTrack(track)}`);
	for (const track of removed) changes.push(`Removed the ${NOUNS[track.type]} track: ${describeTrack(track)}`);
	for (const [old, now] of pairs) changes.push(...describeTrackChange(old, now));

	const was = describeState(before);
	const is = describeState(after);
	if (was.durationMs > 0 && was.durationMs !== is.durationMs) {
		changes.push(`Total duration changed from ${formatSeconds(was.durationMs)}s to ${formatSeconds(is.durationMs)}s`);
	}
	const newGenerated = is.media.generated - was.media.generated;
	if (newGenerated > 0) changes.push(plural(newGenerated, 'new generated clip'));
	const newUploads = is.media.uploaded - was.media.uploaded;
	if (newUploads > 0) changes.push(plural(newUploads, 'new uploaded file'));
	const ratioBefore = aspectRatio(before);
	const ratioAfter = aspectRatio(after);
	if (ratioBefore !== ratioAfter && ratioAfter !== undefined) {
		changes.push(ratioBefore ? `Aspect ratio changed from ${ratioBefore} to ${ratioAfter}` : `Aspect ratio set to ${ratioAfter}`);
	}
	const titleBefore = asObject(asObject(before.draft).m).title;
	const titleAfter = asObject(asObject(after.draft).m).title;
	// A project title that follows the title track's text is the same change, already said.
	const saidByTrack = is.tracks.some((track) => track.type === 'text' && track.label.includes(`"${String(titleAfter)}"`));
	if (typeof titleAfter === 'string' && titleAfter !== titleBefore && !saidByTrack) {
		changes.push(typeof titleBefore === 'string' ? `Project title changed from "${titleBefore}" to "${titleAfter}"` : `Project title set to "${titleAfter}"`);
	}
	if (changes.length === 0) {
		// Effects, colour grading, transitions: the draft keys for these are undocumented (docs/api.md#state).
		changes.push('The timeline changed in details not described here (such as effects, colour or transitions); NemoVideo Get State shows the result');
	}
	return changes;
}
