import type { IDataObject } from 'n8n-workflow';
import { waitMs } from '../shared/helpers/wait';
import { stateFingerprint } from './stateChanges';

// The stream broke, but NemoVideo keeps working on the instruction (docs/api.md#run-sse), and sending it
// again would run and charge it twice. So: never re-send; watch the session state instead.
// The documented procedure: wait 30 s and read the state; if unchanged, wait 60 s and read again;
// give up after 5 unchanged reads (about 5 minutes). One refinement: a change is reported once the
// state holds still for one read, because generation lands in two stages (raw video, then music
// and titles, docs/api.md#run-sse) and reporting the first would hand on a half-finished timeline.

export interface RecoveryOptions {
	/** The first wait; later waits are twice as long (30 s and 60 s as documented). */
	baseWaitMs: number;
	maxPolls: number;
	readState: () => Promise<IDataObject>;
	signal?: AbortSignal;
	wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RecoveryResult {
	/** The state moved away from the one before the instruction. */
	changed: boolean;
	/** It then held still for a read (false: still changing when the reads ran out). */
	settled: boolean;
	state: IDataObject;
	polls: number;
	waitedMs: number;
}

export const RECOVERY_MAX_POLLS = 5;

export async function recoverAfterDisconnect(before: IDataObject, options: RecoveryOptions): Promise<RecoveryResult> {
	const wait = options.wait ?? waitMs;
	const original = stateFingerprint(before);
	let previous = original;
	let state = before;
	let changed = false;
	let waitedMs = 0;
	for (let poll = 1; poll <= options.maxPolls; poll++) {
		const pause = poll === 1 ? options.baseWaitMs : options.baseWaitMs * 2;
		await wait(pause, options.signal);
		waitedMs += pause;
		state = await options.readState();
		const current = stateFingerprint(state);
		if (current !== original) {
			if (changed && current === previous) return { changed, settled: true, state, polls: poll, waitedMs };
			changed = true;
		}
		previous = current;
	}
	return { changed, settled: false, state, polls: options.maxPolls, waitedMs };
}
