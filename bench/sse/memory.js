// One reading of one stream by our pipeline, in a fresh process, with memory sampled every 20 ms:
// peak RSS, peak heap in use, and peak live heap (heap in use right after a full GC, so garbage
// not yet collected does not count). Run by run.js as: node --expose-gc memory.js <url>
const { loadOurs, readWithOurs } = require('./readers');

async function main() {
	const url = process.argv[2];
	const ours = loadOurs();
	global.gc();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heapUsed: base.heapUsed, liveHeap: base.heapUsed };
	let samples = 0;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
		if (++samples % 5 === 0) {
			global.gc();
			peak.liveHeap = Math.max(peak.liveHeap, process.memoryUsage().heapUsed);
		}
	}, 20);
	const started = process.hrtime.bigint();
	const result = await readWithOurs(url, ours);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(sampler);
	process.stdout.write(`${JSON.stringify({ base, peak, seconds, result })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
