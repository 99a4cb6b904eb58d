// The resident memory of a process and everything it started (n8n and its task runner), read from
// /proc, sampled while a burst of executions runs.
const fs = require('fs');

function residentKb(pid) {
	try {
		return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
	} catch {
		return 0; // the process has ended
	}
}

function descendantsOf(pid) {
	const found = [];
	const pending = [pid];
	while (pending.length) {
		const parent = pending.pop();
		let children = [];
		try {
			children = fs.readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			// ended meanwhile
		}
		found.push(...children);
		pending.push(...children);
	}
	return found;
}

/** RSS of `pid` and all its descendants, in kB. */
function treeKb(pid) {
	return [pid, ...descendantsOf(pid)].reduce((sum, each) => sum + residentKb(each), 0);
}

/** User + system CPU seconds of `pid` alone (clock ticks of 1/100 s). */
function cpuSeconds(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

/** Samples the trees rooted at `pids` ({ name: pid }) every `everyMs`; stop() resolves to each tree's peak kB. */
function samplePeaks(pids, everyMs = 100) {
	const peaks = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
	const take = () => {
		for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name], treeKb(pid));
	};
	take();
	const timer = setInterval(take, everyMs);
	return {
		stop() {
			clearInterval(timer);
			take();
			return peaks;
		},
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until every process in `pids` has used under 2 % of a core for a whole second (or `maxMs`
 * passed), then returns each tree's RSS at rest: the median of `samples` readings 200 ms apart.
 * Right after a burst n8n goes on saving executions and collecting garbage for seconds.
 */
async function idleKb(pids, { maxMs = 30_000, samples = 10 } = {}) {
	const until = Date.now() + maxMs;
	for (;;) {
		const before = Object.values(pids).map(cpuSeconds);
		await sleep(1000);
		const busy = Object.values(pids).some((pid, index) => cpuSeconds(pid) - before[index] >= 0.02);
		if (!busy || Date.now() > until) break;
	}
	const readings = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
	for (let index = 0; index < samples; index++) {
		for (const [name, pid] of Object.entries(pids)) readings[name].push(treeKb(pid));
		await sleep(200);
	}
	return Object.fromEntries(Object.entries(readings).map(([name, values]) => [name, values.sort((a, b) => a - b)[Math.floor(values.length / 2)]]));
}

module.exports = { treeKb, samplePeaks, idleKb };
