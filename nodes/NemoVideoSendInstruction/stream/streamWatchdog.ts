import { waitMs } from '../../shared/helpers/wait';

// Watches a long stream from the side: the whole stream may last `totalMs`, and `idleMs` may pass
// without progress (heartbeats are not progress: contract §10.9, "give up after 10 min with
// heartbeats only"). One check loop per stream, whatever the number of events: the reader only
// bumps a counter, and the loop compares it with the last value it saw.

export type WatchdogReason = 'idle' | 'overall' | 'cancelled';

export interface WatchdogLimits {
	idleMs: number;
	totalMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

export interface StreamWatchdog {
	/** Why it fired, once it has. */
	readonly reason: WatchdogReason | undefined;
	stop(): void;
}

const MAX_CHECK_INTERVAL_MS = 1000;
const MIN_CHECK_INTERVAL_MS = 5;

export function checkIntervalMs(idleMs: number): number {
	return Math.max(MIN_CHECK_INTERVAL_MS, Math.min(MAX_CHECK_INTERVAL_MS, idleMs / 4));
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
): StreamWatchdog {
	const stopper = new AbortController();
	const startedAt = now();
	let lastProgressAt = startedAt;
	let lastProgress = progress();
	let reason: WatchdogReason | undefined;

	const fire = (why: WatchdogReason) => {
		if (reason || stopper.signal.aborted) return;
		reason = why;
		stop();
		onFire(why);
	};
	const onCancel = () => fire('cancelled');
	function stop() {
		limits.signal?.removeEventListener('abort', onCancel);
		stopper.abort();
	}

	if (limits.signal?.aborted) {
		fire('cancelled');
	} else {
		limits.signal?.addEventListener('abort', onCancel, { once: true });
		void (async () => {
			const interval = checkIntervalMs(limits.idleMs);
			while (!stopper.signal.aborted) {
				try {
					await waitMs(interval, stopper.signal);
				} catch {
					return; // stopped
				}
				const at = now();
				const current = progress();
				if (current !== lastProgress) {
					lastProgress = current;
					lastProgressAt = at;
				}
				if (at - startedAt >= limits.totalMs) fire('overall');
				else if (at - lastProgressAt >= limits.idleMs) fire('idle');
			}
		})();
	}

	return {
		get reason() {
			return reason;
		},
		stop,
	};
}
