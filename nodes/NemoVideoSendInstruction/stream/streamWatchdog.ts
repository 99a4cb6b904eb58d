import { waitMs } from '../../shared/helpers/wait';

// Watches a long stream from the side: the whole stream may last `totalMs`, and `idleMs` may pass
// without progress (heartbeats are not progress: docs/api.md#limits, "give up after 10 min with
// heartbeats only"). One check loop per stream, whatever the number of events: the reader only
// bumps a counter, and the loop compares it with the last value it saw.

export type WatchdogReason = 'idle' | 'overall' | 'cancelled';

export interface WatchdogLimits {
	idleMs: number;
	totalMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

export function checkIntervalMs(idleMs: number): number {
	return Math.max(5, Math.min(1000, idleMs / 4));
}

/**
 * Starts watching. `progress()` returns a number that changes whenever something other than a
 * heartbeat arrives; `onFire` is called once, with the reason, and should close the stream.
 */
export function startStreamWatchdog(
	limits: WatchdogLimits,
	progress: () => number,
	onFire: (reason: WatchdogReason) => void,
	now: () => number = Date.now,
) {
	const stopper = new AbortController();
	const startedAt = now();
	let lastProgressAt = startedAt;
	let lastProgress = progress();
	let reason: WatchdogReason | undefined;

	const onCancel = () => fire('cancelled');
	const stop = () => {
		limits.signal?.removeEventListener('abort', onCancel);
		stopper.abort();
	};
	function fire(why: WatchdogReason) {
		if (reason || stopper.signal.aborted) return;
		reason = why;
		stop();
		onFire(why);
	}
	async function watch() {
		while (!stopper.signal.aborted) {
			await waitMs(checkIntervalMs(limits.idleMs), stopper.signal);
			const at = now();
			const current = progress();
			if (current !== lastProgress) {
				lastProgress = current;
				lastProgressAt = at;
			}
			if (at - startedAt >= limits.totalMs) fire('overall');
			else if (at - lastProgressAt >= limits.idleMs) fire('idle');
		}
	}

	if (limits.signal?.aborted) {
		fire('cancelled');
	} else {
		limits.signal?.addEventListener('abort', onCancel, { once: true });
		watch().catch(() => undefined); // stopped: the wait ends with WaitCancelledError
	}
	return {
		/** Why it fired, once it has. */
		get reason() {
			return reason;
		},
		stop,
	};
}
