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

/** CPU seconds used so far by `pid` and its living descendants. */
function treeCpuSeconds(pid) {
	return [pid, ...descendantsOf(pid)].reduce((sum, each) => sum + cpuSeconds(each), 0);
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
 * Waits until the trees rooted at `pids` are at rest, then returns each one's RSS. At rest: every
 * process used under 2 % of a core over the last second, and no tree's RSS moved by more than
 * 4 MB over the last 3 seconds (or `maxMs` passed). After a burst n8n goes on saving executions
 * for a while, and V8 gives heap back to the system only seconds after the work stops, so a level
 * read too early is not idle and the next burst's growth would be measured from the wrong floor.
 */
async function idleKb(pids, { maxMs = 45_000 } = {}) {
	const until = Date.now() + maxMs;
	const history = [];
	for (;;) {
		const before = Object.values(pids).map(cpuSeconds);
		await sleep(1000);
		const busy = Object.values(pids).some((pid, index) => cpuSeconds(pid) - before[index] >= 0.02);
		history.push(Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeKb(pid)])));
		const recent = history.slice(-4);
		const steady = recent.length === 4 && Object.keys(pids).every((name) => Math.max(...recent.map((r) => r[name])) - Math.min(...recent.map((r) => r[name])) <= 4096);
		if ((!busy && steady) || Date.now() > until) return history.at(-1);
	}
}

module.exports = { treeKb, treeCpuSeconds, samplePeaks, idleKb };
