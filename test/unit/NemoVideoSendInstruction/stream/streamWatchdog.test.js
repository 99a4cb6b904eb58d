const { startStreamWatchdog, checkIntervalMs } = require('../../../../nodes/NemoVideoSendInstruction/stream/streamWatchdog');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function watch(limits, progress = () => 0) {
	const fired = [];
	const watchdog = startStreamWatchdog(limits, progress, (reason) => fired.push({ reason, at: Date.now() }));
	return { watchdog, fired };
}

test('checks every idle/4, at most every second', () => {
	expect(checkIntervalMs(600_000)).toBe(1000);
	expect(checkIntervalMs(200)).toBe(50);
	expect(checkIntervalMs(1)).toBe(5);
});

test('fires "idle" when nothing but heartbeats (no progress) arrives for the idle time', async () => {
	const started = Date.now();
	const { watchdog, fired } = watch({ idleMs: 120, totalMs: 10_000 });
	await sleep(250);
	expect(fired).toHaveLength(1);
	expect(fired[0].reason).toBe('idle');
	expect(fired[0].at - started).toBeGreaterThanOrEqual(115);
	expect(watchdog.reason).toBe('idle');
});

test('progress keeps it from firing', async () => {
	let progress = 0;
	const ticker = setInterval(() => progress++, 20);
	const { watchdog, fired } = watch({ idleMs: 120, totalMs: 10_000 }, () => progress);
	await sleep(400);
	clearInterval(ticker);
	expect(fired).toEqual([]);
	watchdog.stop();
});

test('fires "overall" at the total limit even while progress continues', async () => {
	let progress = 0;
	const ticker = setInterval(() => progress++, 10);
	const started = Date.now();
	const { fired } = watch({ idleMs: 1000, totalMs: 150 }, () => progress);
	await sleep(400);
	clearInterval(ticker);
	expect(fired.map((f) => f.reason)).toEqual(['overall']);
	// not before the limit (the first check comes at idle/4 = 250 ms; a check may not fire early)
	expect(fired[0].at - started).toBeGreaterThanOrEqual(145);
});

test('fires "cancelled" at once when the execution is cancelled, and only once', async () => {
	const controller = new AbortController();
	const { watchdog, fired } = watch({ idleMs: 60_000, totalMs: 60_000, signal: controller.signal });
	const cancelledAt = Date.now();
	controller.abort();
	expect(fired).toHaveLength(1);
	expect(fired[0].reason).toBe('cancelled');
	expect(fired[0].at - cancelledAt).toBeLessThan(20);
	await sleep(30);
	expect(fired).toHaveLength(1);
	expect(watchdog.reason).toBe('cancelled');
});

test('an already cancelled execution fires at once', () => {
	const controller = new AbortController();
	controller.abort();
	const { fired } = watch({ idleMs: 60_000, totalMs: 60_000, signal: controller.signal });
	expect(fired.map((f) => f.reason)).toEqual(['cancelled']);
});

test('after stop() it never fires, and leaves no listener on the cancel signal', async () => {
	const controller = new AbortController();
	const { watchdog, fired } = watch({ idleMs: 40, totalMs: 80, signal: controller.signal });
	watchdog.stop();
	controller.abort();
	await sleep(150);
	expect(fired).toEqual([]);
	expect(watchdog.reason).toBeUndefined();
});
