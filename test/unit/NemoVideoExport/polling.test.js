const { poll } = require('../../../nodes/NemoVideoExport/polling');

const timeoutError = (last) => Object.assign(new Error('timed out'), { last });

function script(answers) {
	const queue = [...answers];
	const ask = jest.fn(async () => {
		const next = queue.shift();
		if (next instanceof Error) throw next;
		return next;
	});
	return ask;
}

test('asks until the answer is final and returns it', async () => {
	const ask = script(['pending', 'processing', 'done']);
	const seen = [];
	const result = await poll(ask, { intervalMs: 1, timeoutMs: 5_000, isDone: (a) => a === 'done', onTimeout: timeoutError, onAnswer: (a) => seen.push(a) });
	expect(result).toBe('done');
	expect(ask).toHaveBeenCalledTimes(3);
	expect(seen).toEqual(['pending', 'processing', 'done']);
});

test('waits the interval between two questions, and before the first with delayFirst', async () => {
	const times = [];
	const started = Date.now();
	const ask = jest.fn(async () => {
		times.push(Date.now() - started);
		return times.length === 3 ? 'done' : 'pending';
	});
	await poll(ask, { intervalMs: 60, timeoutMs: 5_000, delayFirst: true, isDone: (a) => a === 'done', onTimeout: timeoutError });
	expect(times[0]).toBeGreaterThanOrEqual(55);
	expect(times[1] - times[0]).toBeGreaterThanOrEqual(55);
	expect(times[2] - times[1]).toBeGreaterThanOrEqual(55);
});

test('runs out of time with the last answer, after one last question at the deadline', async () => {
	let clock = 0;
	const ask = jest.fn(async () => {
		clock += 40; // each question "takes" 40 ms on the fake clock
		return { status: 'processing', at: clock };
	});
	const error = await poll(ask, { intervalMs: 1, timeoutMs: 100, now: () => clock, isDone: () => false, onTimeout: timeoutError }).catch((e) => e);
	expect(error.message).toBe('timed out');
	expect(error.last.answer).toEqual({ status: 'processing', at: 120 });
	expect(ask).toHaveBeenCalledTimes(3);
});

test('a transient error is asked through; a later answer counts', async () => {
	const passing = Object.assign(new Error('HTTP 503'), { transient: true });
	const ask = script(['pending', passing, passing, 'done']);
	const result = await poll(ask, { intervalMs: 1, timeoutMs: 5_000, isDone: (a) => a === 'done', isTransient: (e) => e.transient, onTimeout: timeoutError });
	expect(result).toBe('done');
	expect(ask).toHaveBeenCalledTimes(4);
});

test('a transient error that lasts until the deadline is reported with the timeout', async () => {
	const passing = Object.assign(new Error('HTTP 503'), { transient: true });
	const ask = jest.fn(async () => {
		throw passing;
	});
	const error = await poll(ask, { intervalMs: 5, timeoutMs: 30, isDone: () => true, isTransient: () => true, onTimeout: timeoutError }).catch((e) => e);
	expect(error.message).toBe('timed out');
	expect(error.last.error).toBe(passing);
});

test('any other error ends the polling at once', async () => {
	const fatal = new Error('HTTP 404');
	const ask = script(['pending', fatal, 'done']);
	await expect(poll(ask, { intervalMs: 1, timeoutMs: 5_000, isDone: (a) => a === 'done', isTransient: () => false, onTimeout: timeoutError })).rejects.toBe(fatal);
	expect(ask).toHaveBeenCalledTimes(2);
});

test('cancelling ends a long wait at once, and nothing more is asked', async () => {
	const controller = new AbortController();
	const ask = jest.fn(async () => 'pending');
	const started = Date.now();
	const polling = poll(ask, { intervalMs: 60_000, timeoutMs: 600_000, signal: controller.signal, isDone: () => false, onTimeout: timeoutError });
	setTimeout(() => controller.abort(), 50);
	const error = await polling.catch((e) => e);
	expect(error.message).toBe('The execution was cancelled');
	expect(Date.now() - started).toBeLessThan(1_000);
	expect(ask).toHaveBeenCalledTimes(1);
});

test('an error while cancelled is not treated as transient', async () => {
	const controller = new AbortController();
	controller.abort();
	const aborted = new Error('aborted');
	const ask = jest.fn(async () => {
		throw aborted;
	});
	await expect(poll(ask, { intervalMs: 1, timeoutMs: 5_000, signal: controller.signal, isDone: () => true, isTransient: () => true, onTimeout: timeoutError })).rejects.toBe(aborted);
});
