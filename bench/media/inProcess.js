#!/usr/bin/env node
// Where the CPU goes in our upload and download, without starting a real n8n: n8n-core's real
// WorkflowExecute and helpers (test/workflow/harness.js) in filesystem binary mode, in this
// process, against the simulator in a process of its own. For each transfer it prints the node's
// wall time, this process's CPU seconds during the node, MB/s, peak RSS growth, and, with
// --profile DIR, writes a V8 CPU profile of just that node (open it in Chrome DevTools; a summary
// by function is printed, --top lines long). Run it with the Node that runs n8n (24 for n8n 2.x):
// V8's garbage collector behaves differently in Node 20. Add --trace-gc to see each collection.
//
//   npm run build && node bench/media/inProcess.js [--mb 200] [--only upload|download] [--ballast MB] [--dist DIR] [--profile DIR] [--top 25]
//
// It loads the built nodes from dist/ (so build first). Not a test; it asserts only that the
// transfers succeeded.
const fs = require('fs');
const inspector = require('inspector');
const os = require('os');
const path = require('path');
const v8 = require('v8');
const common = require('./common');

const { ROOT, MiB, writeLargeMp4, startSimulatorProcess } = common;
const args = process.argv.slice(2);
const argValue = (name, fallback) => common.argValue(args, name, fallback);
const SIZE_MB = Number(argValue('--mb', 200));
const ONLY = argValue('--only', undefined);
const PROFILE_DIR = argValue('--profile', undefined);
const TOP = Number(argValue('--top', 25));
// A real n8n's heap is ~200 MB of live objects, and a full garbage collection costs in proportion
// to it; --ballast MB keeps about that many MB of small live objects in this process to match.
const BALLAST_MB = Number(argValue('--ballast', 0));
// --dist DIR: the built package to load instead of dist/ (to compare with an earlier build).
const DIST = path.resolve(argValue('--dist', path.join(ROOT, 'dist')));
const ballast = [];
for (let i = 0; i < BALLAST_MB * 5_600; i++) ballast.push({ index: i, name: `object ${i}`, list: [i] });

// The harness requires nodes/*.ts (through ts-jest under jest); here each is the built file in dist/.
require.extensions['.ts'] = (module, filename) => {
	const built = path.join(DIST, path.relative(ROOT, filename)).replace(/\.ts$/, '.js');
	module.exports = require(built);
};
const { createRunner, chain } = require('../../test/workflow/harness');

/** V8's young generation (its size decides how often scavenges run, and is memory n8n keeps). */
function youngGeneration() {
	return v8
		.getHeapSpaceStatistics()
		.filter((space) => space.space_name.startsWith('new'))
		.map((space) => `${space.space_name} ${(space.space_size / MiB).toFixed(0)} MB`)
		.join(', ');
}

/** Wraps a node class's execute: wall time, CPU and peak RSS growth of this process, the young generation, optionally a CPU profile. */
function instrument(className, label, results) {
	const NodeClass = require(path.join(DIST, 'nodes', className, `${className}.node.js`))[className];
	const original = NodeClass.prototype.execute;
	NodeClass.prototype.execute = async function (...rest) {
		const session = PROFILE_DIR ? new inspector.Session() : undefined;
		const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
		if (session) {
			session.connect();
			await post('Profiler.enable');
			await post('Profiler.setSamplingInterval', { interval: 500 });
			await post('Profiler.start');
		}
		const youngBefore = youngGeneration();
		const rssBefore = process.memoryUsage().rss;
		let rssPeak = rssBefore;
		const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
		const cpu = process.cpuUsage();
		const started = process.hrtime.bigint();
		try {
			return await original.apply(this, rest);
		} finally {
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			const used = process.cpuUsage(cpu);
			clearInterval(sampler);
			const result = { young: `${youngBefore} → ${youngGeneration()}`, rssGrowthMb: (rssPeak - rssBefore) / MiB, seconds, cpuSeconds: (used.user + used.system) / 1e6, userSeconds: used.user / 1e6, systemSeconds: used.system / 1e6 };
			if (session) {
				const { profile } = await post('Profiler.stop');
				session.disconnect();
				fs.mkdirSync(PROFILE_DIR, { recursive: true });
				result.profile = path.join(PROFILE_DIR, `${label}.cpuprofile`);
				fs.writeFileSync(result.profile, JSON.stringify(profile));
			}
			results[label] = result;
		}
	};
}

/** Self time per function (and per file), from a .cpuprofile. */
function summarise(file, top) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map();
	profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
	const total = [...self.values()].reduce((a, b) => a + b, 0);
	const perFunction = new Map();
	const perFile = new Map();
	for (const [id, micros] of self) {
		const { functionName, url, lineNumber } = byId.get(id).callFrame;
		const short = url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
		const key = `${functionName || '(anonymous)'}  ${short}:${lineNumber + 1}`;
		perFunction.set(key, (perFunction.get(key) ?? 0) + micros);
		const fileKey = short.replace(/\/dist\/.*/, '') || functionName;
		perFile.set(fileKey, (perFile.get(fileKey) ?? 0) + micros);
	}
	const lines = (map) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([key, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${(micros / 1e3).toFixed(0).padStart(6)} ms  ${key}`);
	return [`${file}: ${(total / 1e6).toFixed(2)} s sampled`, '  by function (self):', ...lines(perFunction).map((l) => `    ${l}`), '  by package (self):', ...lines(perFile).map((l) => `    ${l}`)].join('\n');
}

async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-bench-inproc-'));
	const simulator = await startSimulatorProcess(SIZE_MB * MiB, { maxUploadMb: SIZE_MB + 100 });
	const results = {};
	try {
		instrument('NemoVideoUploadMedia', 'upload', results);
		instrument('NemoVideoExport', 'download', results);
		const runner = await createRunner({ credentials: { baseUrl: simulator.url }, binaryMode: 'filesystem' });
		const session = await runner.run(chain([{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { options: { claimLink: false } } }]));
		const { sessionId } = session.outputs['Create Session'][0].json;

		if (ONLY !== 'download') {
			const bigFile = path.join(dir, 'big.mp4');
			const bytes = await writeLargeMp4(bigFile, SIZE_MB * MiB);
			const run = await runner.run(
				chain([{ type: 'nemoVideoUploadMedia', name: 'Upload', parameters: { sessionId, source: 'binary', binaryProperties: 'data', options: { maxFileSizeMb: SIZE_MB + 100 } } }], {
					files: [{ path: bigFile }],
				}),
			);
			if (Object.keys(run.errors).length) throw new Error(`upload failed: ${JSON.stringify(run.errors)}`);
			results.upload.bytes = bytes;
		}
		if (ONLY !== 'upload') {
			const response = await fetch(`${simulator.url}/run_sse`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${runner.credentials.stored('1').sessionToken}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
				body: JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text: 'Generate a 10-second video of a city timelapse #sim-no-trailer' }] } }),
			});
			await response.text();
			const run = await runner.run(chain([{ type: 'nemoVideoExport', name: 'Export', parameters: { sessionId, options: { pollIntervalSeconds: 0.02, timeoutMinutes: 5 } } }]));
			if (Object.keys(run.errors).length) throw new Error(`download failed: ${JSON.stringify(run.errors)}`);
			results.download.bytes = run.outputs.Export[0].json.sizeBytes;
		}
	} finally {
		simulator.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const load = os.loadavg()[0].toFixed(2);
	const heapMb = (process.memoryUsage().heapUsed / MiB).toFixed(0);
	process.stdout.write(`node ${process.version}, heap used ${heapMb} MB (ballast ${ballast.length} objects)\n`);
	for (const [label, result] of Object.entries(results)) {
		const mb = result.bytes / MiB;
		process.stdout.write(
			`${label}: ${mb.toFixed(0)} MB in ${result.seconds.toFixed(2)} s = ${(mb / result.seconds).toFixed(0)} MB/s; CPU ${result.cpuSeconds.toFixed(2)} s (user ${result.userSeconds.toFixed(2)}, sys ${result.systemSeconds.toFixed(2)}); peak RSS +${result.rssGrowthMb.toFixed(0)} MB; young generation ${result.young}; load ${load}\n`,
		);
		if (result.profile) process.stdout.write(`${summarise(result.profile, TOP)}\n`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);
