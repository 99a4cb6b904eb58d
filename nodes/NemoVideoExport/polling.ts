import { waitMs } from '../shared/helpers/wait';

// Asks the same question again and again until the answer is final, the time is up, or the
// execution is cancelled (the wait between questions ends at once then). Knows nothing of renders:
// what "final" means, which errors are worth asking through and what a timeout says are the caller's.

export interface PollOptions<T> {
	/** Pause between two questions. */
	intervalMs: number;
	/** Total budget, from the first question; one last question is asked when it runs out. */
	timeoutMs: number;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	isDone: (answer: T) => boolean;
	/** Errors that do not end the polling (a passing server error, say); the next interval asks again. */
	isTransient?: (error: unknown) => boolean;
	/** The error for running out of time; gets the last answer, or the last transient error. */
	onTimeout: (last: { answer?: T; error?: unknown }) => Error;
	/** Wait one interval before the first question (the caller has just had an answer of its own). */
	delayFirst?: boolean;
	/** Called with every answer, for progress reports. */
	onAnswer?: (answer: T) => void;
	/** The clock, replaceable in tests. */
	now?: () => number;
}

type Outcome<T> = { answer: T } | { error: unknown };

async function settle<T>(ask: () => Promise<T>): Promise<Outcome<T>> {
	return await ask().then(
		(answer) => ({ answer }),
		(error: unknown) => ({ error }),
	);
}

/** Resolves to the first answer `isDone` accepts. */
export async function poll<T>(ask: () => Promise<T>, options: PollOptions<T>): Promise<T> {
	const now = options.now ?? Date.now;
	const deadline = now() + options.timeoutMs;
	let last: { answer?: T; error?: unknown } = {};
	if (options.delayFirst) await waitMs(Math.min(options.intervalMs, options.timeoutMs), options.signal);
	for (;;) {
		const outcome = await settle(ask);
		if ('error' in outcome) {
			if (options.signal?.aborted || !options.isTransient?.(outcome.error)) throw outcome.error;
			last = { ...last, error: outcome.error };
		} else {
			last = { answer: outcome.answer };
			options.onAnswer?.(outcome.answer);
			if (options.isDone(outcome.answer)) return outcome.answer;
		}
		const remaining = deadline - now();
		if (remaining <= 0) throw options.onTimeout(last);
		await waitMs(Math.min(options.intervalMs, remaining), options.signal);
	}
}
