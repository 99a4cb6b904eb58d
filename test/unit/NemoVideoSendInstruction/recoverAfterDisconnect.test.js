const { recoverAfterDisconnect, RECOVERY_MAX_POLLS } = require('../../../nodes/NemoVideoSendInstruction/recoverAfterDisconnect');

const draft = (tracks) => ({ draft: { t: tracks.map((tt) => ({ tt, sg: [{ d: 10000 }] })) } });
const empty = draft([]);

/** Serves the states in order (the last one again when they run out) and records every wait. */
function script(states) {
	const waits = [];
	let reads = 0;
	return {
		waits,
		reads: () => reads,
		options: {
			baseWaitMs: 30_000,
			maxPolls: RECOVERY_MAX_POLLS,
			readState: async () => states[Math.min(reads++, states.length - 1)],
			wait: async (ms) => {
				waits.push(ms);
			},
		},
	};
}

test('the documented schedule: 30 s, then 60 s; a change is reported once the state holds still', async () => {
	const run = script([draft([0, 1, 7]), draft([0, 1, 7])]);
	const result = await recoverAfterDisconnect(empty, run.options);
	expect(result).toMatchObject({ changed: true, settled: true, polls: 2, waitedMs: 90_000 });
	expect(result.state).toEqual(draft([0, 1, 7]));
	expect(run.waits).toEqual([30_000, 60_000]);
});

test('a two-stage generation is followed until post-production has landed', async () => {
	const run = script([empty, draft([0]), draft([0, 1, 7]), draft([0, 1, 7])]);
	const result = await recoverAfterDisconnect(empty, run.options);
	expect(result).toMatchObject({ changed: true, settled: true, polls: 4 });
	expect(result.state).toEqual(draft([0, 1, 7]));
});

test('five unchanged reads (about five minutes) and it gives up', async () => {
	const run = script([empty]);
	const result = await recoverAfterDisconnect(empty, run.options);
	expect(result).toMatchObject({ changed: false, settled: false, polls: 5, waitedMs: 270_000 });
	expect(run.waits).toEqual([30_000, 60_000, 60_000, 60_000, 60_000]);
	expect(run.reads()).toBe(5);
});

test('still changing when the reads run out: reported as changed, not settled', async () => {
	const run = script([draft([0]), draft([0, 1]), draft([0, 1, 7]), draft([0, 0, 1, 7]), draft([0, 0, 0, 1, 7])]);
	const result = await recoverAfterDisconnect(empty, run.options);
	expect(result).toMatchObject({ changed: true, settled: false, polls: 5 });
});

test('the base wait scales the whole schedule (tests use milliseconds)', async () => {
	const run = script([empty]);
	await recoverAfterDisconnect(empty, { ...run.options, baseWaitMs: 10 });
	expect(run.waits).toEqual([10, 20, 20, 20, 20]);
});

test('real waits honour the cancel signal at once', async () => {
	const controller = new AbortController();
	const started = Date.now();
	const recovering = recoverAfterDisconnect(empty, { baseWaitMs: 60_000, maxPolls: 5, readState: async () => empty, signal: controller.signal });
	setTimeout(() => controller.abort(), 20);
	await expect(recovering).rejects.toThrow('The execution was cancelled');
	expect(Date.now() - started).toBeLessThan(500);
});
