import { waitMs } from '../helpers/wait';

// Which failures are worth another try. Only GETs are retried on transient failures: a POST may
// already have started paid work on NemoVideo's side (a second /run_sse runs the job twice and
// charges twice), so a POST is never re-sent blindly.

const TRANSIENT_STATUSES = new Set([408, 500, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNABORTED',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

export const GET_ATTEMPTS = 4;
const FIRST_BACKOFF_MS = 500;

export function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

/** Network-level failures (no HTTP answer at all) that usually pass on their own. */
export function isTransientNetworkError(error: { code?: unknown; cause?: { code?: unknown } }): boolean {
	const code = error?.cause?.code ?? error?.code;
	return typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code);
}

/** Exponential backoff with a little jitter, so parallel executions do not retry in lockstep. */
export async function backoff(attempt: number, signal?: AbortSignal): Promise<void> {
	const base = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
	await waitMs(base + Math.random() * base * 0.2, signal);
}

const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;
const MAX_RATE_LIMIT_WAIT_MS = 120_000;

/** How long a 429 asks us to wait: its Retry-After header, else the documented 30 s. */
export function rateLimitWaitMs(headers: Record<string, unknown> | undefined): number {
	const value = headers?.['retry-after'];
	const seconds = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
	if (!Number.isFinite(seconds) || seconds < 0) return DEFAULT_RATE_LIMIT_WAIT_MS;
	return Math.min(seconds * 1000, MAX_RATE_LIMIT_WAIT_MS);
}
