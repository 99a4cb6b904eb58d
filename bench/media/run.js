#!/usr/bin/env node
// Media benchmark: a 500 MB file up to the NemoVideo simulator and a 500 MB render down from its
// CDN, three ways side by side, in ONE run against one real n8n 2.41.1 in filesystem binary mode
// (the package installed from its tarball, as users install it):
//   ours   Read File → NemoVideo Upload Media;  NemoVideo Export & Wait (download on)
//   curl   curl -F files=@big.mp4 …;             curl -o … <render URL>
//   http   Read File → n8n's HTTP Request (multipart form-data, the binary as "files");
//          HTTP Request GET <render URL>, response format File
// For each: throughput (MB/s, MB = 2^20 bytes) from the simulator's own timing of the request, the
// transferring node's run time, and the n8n main process's peak RSS above its idle level, sampled
// from /proc/<pid>/status every 100 ms (the task runner child is sampled too; no node here uses it).
//
//   node bench/media/run.js [--mb 500] [--keep] [--n8n-node-options "--max-semi-space-size=8"]
// Needs `npm run build` first. Prints figures; it is not a test and asserts nothing.
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('../../scripts/lib');
const { readFile, HTTP_REQUEST } = require('../../test/e2e/fixtures/media/media');
const common = require('./common');

const { ROOT, MiB, writeLargeMp4, startSimulatorProcess } = common;
const args = process.argv.slice(2);
const argValue = (name, fallback) => common.argValue(args, name, fallback);
const SIZE_MB = Number(argValue('--mb', 500));
const KEEP = args.includes('--keep');
// --n8n-node-options "--max-semi-space-size=8": Node flags for the n8n process (only those Node allows in NODE_OPTIONS).
const N8N_NODE_OPTIONS = argValue('--n8n-node-options', undefined);
const SAMPLE_MS = 100;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text) => process.stderr.write(`[bench] ${text}\n`);

// ---------------------------------------------------------------- memory of a process tree

function rssKb(pid) {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0; // gone
	}
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
	} catch {
		return 0;
	}
}

function childrenOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/** Samples `pid` (and, separately, its descendants) every SAMPLE_MS; stop() gives the samples. */
function sampler(pid) {
	const samples = [];
	const take = () => {
		const descendants = [];
		for (let queue = childrenOf(pid); queue.length; ) {
			const child = queue.shift();
			descendants.push(child);
			queue.push(...childrenOf(child));
		}
		samples.push({ at: Date.now(), cpu: cpuSeconds(pid), main: rssKb(pid), children: descendants.reduce((sum, child) => sum + rssKb(child), 0), childCount: descendants.length });
	};
	take();
	const timer = setInterval(take, SAMPLE_MS);
	return {
		stop() {
			clearInterval(timer);
			take();
			return samples;
		},
	};
}

/**
 * Waits (up to `maxMs`) until n8n has been idle for a whole second: under 2 % of a core. Right after
 * its start, or after a large transfer, n8n keeps working (and shrinking its heap) for many seconds;
 * a transfer started then shares the CPU with it, and its idle RSS is not idle (measured: a first
 * upload's "idle" 730 MB falling to 530 MB during the upload, a growth of -200 MB).
 */
async function settle(pid, maxMs = 60_000) {
	const until = Date.now() + maxMs;
	for (;;) {
		const before = cpuSeconds(pid);
		await sleep(1000);
		if (cpuSeconds(pid) - before < 0.02 || Date.now() > until) return;
	}
}

/** n8n's RSS at rest: the median over `ms` of quiet. */
async function idleLevel(pid, ms = 3000) {
	const sampling = sampler(pid);
	await sleep(ms);
	const samples = sampling.stop();
	const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { main: median(samples.map((s) => s.main)), children: median(samples.map((s) => s.children)), childCount: samples.at(-1).childCount };
}

function peakOf(samples, from = -Infinity, to = Infinity) {
	const inWindow = samples.filter((s) => s.at >= from && s.at <= to);
	const pool = inWindow.length ? inWindow : samples;
	return { main: Math.max(...pool.map((s) => s.main)), children: Math.max(...pool.map((s) => s.children)) };
}

// ---------------------------------------------------------------- the pieces

/** Runs a command under bash, whose `times` then reports the command's CPU seconds. */
function run(command, argv) {
	return new Promise((resolve, reject) => {
		const script = '"$@" > "$OUT"; times';
		const outFile = path.join(os.tmpdir(), `nemo-bench-out-${process.pid}`);
		const child = execFile('bash', ['-c', script, 'bash', command, ...argv], { maxBuffer: 16 * MiB, env: { ...process.env, OUT: outFile } }, (error, stdout, stderr) => {
			if (error) return reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
			const seconds = (text) => {
				const [, m, s] = /(\d+)m([\d.]+)s/.exec(text);
				return Number(m) * 60 + Number(s);
			};
			const children = stdout.trim().split('\n').at(-1).split(' ');
			const own = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(outFile, { force: true });
			resolve({ stdout: own, cpuSeconds: seconds(children[0]) + seconds(children[1]), peakKb });
		});
		let peakKb = 0;
		const timer = setInterval(() => (peakKb = Math.max(peakKb, rssKb(child.pid))), SAMPLE_MS);
		child.on('exit', () => clearInterval(timer));
	});
}

// ---------------------------------------------------------------- one measured transfer

/**
 * Runs `transfer()` while sampling n8n; `transfer` resolves to { bytes, execution?, node?, seconds? }.
 * The simulator's log gives the request's own duration (arrival to last byte of the answer).
 */
async function measure(label, n8n, simulator, requestFilter, transfer) {
	global.gc?.();
	await sleep(2000); // let the previous run's garbage and disk writes settle
	await settle(n8n.pid);
	const idle = await idleLevel(n8n.pid);
	await simulator.clear();
	const sampling = sampler(n8n.pid);
	const cpuBefore = cpuSeconds(n8n.pid);
	const load = os.loadavg()[0];
	const started = Date.now();
	const result = await transfer();
	const wallSeconds = (Date.now() - started) / 1000;
	const n8nCpuSeconds = cpuSeconds(n8n.pid) - cpuBefore;
	await sleep(300);
	const samples = sampling.stop();

	const request = (await simulator.requests()).filter(requestFilter).pop();
	if (!request) throw new Error(`${label}: the simulator saw no matching request`);
	if (request.status !== 200) throw new Error(`${label}: the simulator answered ${request.status}`);
	let nodeSeconds = result.seconds ?? null;
	let window = {};
	let readFileSeconds = null;
	if (result.execution) {
		if (result.execution.status !== 'success') throw new Error(`${label}: execution ${result.execution.status}: ${JSON.stringify(result.execution.data.resultData.error?.message)}`);
		const task = result.execution.data.resultData.runData[result.node].at(-1);
		nodeSeconds = task.executionTime / 1000;
		window = { from: task.startTime, to: task.startTime + task.executionTime };
		const reading = result.execution.data.resultData.runData['Read File']?.at(-1);
		if (reading) readFileSeconds = reading.executionTime / 1000;
	}
	const peak = peakOf(samples);
	const nodePeak = peakOf(samples, window.from, window.to);
	const inNode = samples.filter((s) => s.at >= window.from && s.at <= window.to);
	const figures = {
		label,
		bytes: result.bytes,
		requestSeconds: request.durationMs / 1000,
		mbPerSec: result.bytes / MiB / (request.durationMs / 1000),
		nodeSeconds,
		wallSeconds,
		idleMb: idle.main / 1024,
		peakGrowthMb: (peak.main - idle.main) / 1024,
		nodePeakGrowthMb: (nodePeak.main - idle.main) / 1024,
		childrenGrowthMb: (peak.children - idle.children) / 1024,
		children: idle.childCount,
		otherPeakMb: result.otherPeakKb ? result.otherPeakKb / 1024 : null,
		// CPU seconds of n8n's main process over the whole execution (Read File included), or of curl.
		cpuSeconds: result.cpuSeconds ?? n8nCpuSeconds,
		// n8n's CPU seconds inside the transferring node's own time window (100 ms resolution).
		nodeCpuSeconds: inNode.length > 1 ? inNode.at(-1).cpu - inNode[0].cpu : null,
		readFileSeconds,
		loadAverage: load,
		authorizationSent: request.hasAuthorization,
	};
	say(`${label}: ${figures.mbPerSec.toFixed(0)} MB/s, n8n RSS +${figures.peakGrowthMb.toFixed(0)} MB`);
	return figures;
}

// ---------------------------------------------------------------- main

async function main() {
	lib.ensureDebPackages([{ command: 'curl', package: 'curl' }]);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'NemoVideoUploadMedia', 'NemoVideoUploadMedia.node.js'))) throw new Error('run `npm run build` first');
	const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-bench-media-')));
	const cleanups = [() => !KEEP && fs.rmSync(dir, { recursive: true, force: true })];
	try {
		const bigFile = path.join(dir, 'big.mp4');
		const fileBytes = await writeLargeMp4(bigFile, SIZE_MB * MiB);
		say(`input ${bigFile}: ${(fileBytes / MiB).toFixed(1)} MB`);

		const simulator = await startSimulatorProcess(SIZE_MB * MiB);
		cleanups.unshift(() => simulator.stop());
		say(`simulator ${simulator.url} (pid ${simulator.pid})`);

		const credential = { id: 'benchMediaCred', name: 'NemoVideo (bench)' };
		const tarball = lib.packPackage();
		say('starting n8n (filesystem binary mode)…');
		const n8n = await lib.launchN8nWithPackage({
			tarball,
			credentials: [lib.nemoCredential({ ...credential, baseUrl: simulator.url })],
			workflows: [
				lib.chainWorkflow({
					id: 'benchMediaSetup',
					credential,
					steps: [
						{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: { options: { claimLink: false } } },
						{ type: 'nemoVideoSendInstruction', name: 'Send Instruction', parameters: { instruction: 'Generate a 10-second video of a city timelapse at night #sim-no-trailer', options: {} } },
					],
				}),
			],
			env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: dir, ...(N8N_NODE_OPTIONS ? { NODE_OPTIONS: N8N_NODE_OPTIONS } : {}) },
		});
		cleanups.unshift(() => n8n.stop({ keepFolder: KEEP }));
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		say(`n8n ${n8n.url} (pid ${n8n.pid}, folder ${n8n.userFolder})`);

		const setup = await n8n.runWorkflow('benchMediaSetup', { timeoutMs: 120_000 });
		if (setup.status !== 'success') throw new Error(`setup failed: ${JSON.stringify(setup.data.resultData.error?.message)}`);
		const { sessionId } = lib.nodeOutput(setup.data, 'Create Session')[0].json;
		const { sessionToken } = await n8n.getCredentialData(credential.id);
		const uploadUrl = `${simulator.url}/api/upload-video/nemo_agent/me/${sessionId}`;

		/** Saves a workflow through the editor's REST API (Manual Trigger → steps) and runs it. */
		let serial = 0;
		async function runSteps(steps) {
			const workflow = lib.chainWorkflow({ id: `benchMedia${++serial}`, credential, steps });
			delete workflow.id;
			const saved = await n8n.rest.request('POST', '/rest/workflows', { ...workflow, name: `bench media ${serial}` });
			return await n8n.runWorkflow(saved.id, { timeoutMs: 15 * 60_000 });
		}

		const isUpload = (entry) => entry.method === 'POST' && entry.path.startsWith('/api/upload-video/');
		const results = {};

		// (a) our nodes
		results.oursUp = await measure('ours upload', n8n, simulator, isUpload, async () => ({
			bytes: fileBytes,
			node: 'Upload Media',
			execution: await runSteps([readFile('Read File', bigFile), { type: 'nemoVideoUploadMedia', name: 'Upload Media', parameters: { sessionId, source: 'binary', binaryProperties: 'data', options: { maxFileSizeMb: 600 } } }]),
		}));
		let renderUrl;
		let renderBytes;
		const isCdn = (entry) => entry.origin === 'cdn' && entry.method === 'GET';
		results.oursDown = await measure('ours download', n8n, simulator, isCdn, async () => {
			const execution = await runSteps([{ type: 'nemoVideoExport', name: 'Export & Wait', parameters: { sessionId, options: { pollIntervalSeconds: 0.05, timeoutMinutes: 5 } } }]);
			const item = lib.nodeOutput(execution.data, 'Export & Wait')?.[0];
			renderUrl = item?.json.url;
			renderBytes = item?.json.sizeBytes;
			return { bytes: renderBytes, node: 'Export & Wait', execution };
		});

		// (b) curl, the same transfers from the command line
		results.curlUp = await measure('curl upload', n8n, simulator, isUpload, async () => {
			const out = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '-H', `Authorization: Bearer ${sessionToken}`, '-F', `files=@${bigFile};type=video/mp4`, uploadUrl]);
			const [code, seconds] = out.stdout.trim().split(' ');
			if (code !== '200') throw new Error(`curl upload answered ${code}`);
			return { bytes: fileBytes, seconds: Number(seconds), otherPeakKb: out.peakKb, cpuSeconds: out.cpuSeconds };
		});
		results.curlDown = await measure('curl download', n8n, simulator, isCdn, async () => {
			const target = path.join(dir, 'curl-download.mp4');
			const out = await run('curl', ['-sS', '-o', target, '-w', '%{http_code} %{time_total}', renderUrl]);
			const [code, seconds] = out.stdout.trim().split(' ');
			if (code !== '200') throw new Error(`curl download answered ${code}`);
			const bytes = fs.statSync(target).size;
			fs.rmSync(target);
			return { bytes, seconds: Number(seconds), otherPeakKb: out.peakKb, cpuSeconds: out.cpuSeconds };
		});

		// (c) n8n's HTTP Request node, as users build the same transfers without our nodes
		results.httpUp = await measure('HTTP Request upload', n8n, simulator, isUpload, async () => ({
			bytes: fileBytes,
			node: 'HTTP Request',
			execution: await runSteps([
				readFile('Read File', bigFile),
				{
					...HTTP_REQUEST,
					name: 'HTTP Request',
					parameters: {
						method: 'POST',
						url: uploadUrl,
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${sessionToken}` }] },
						sendBody: true,
						contentType: 'multipart-form-data',
						bodyParameters: { parameters: [{ parameterType: 'formBinaryData', name: 'files', inputDataFieldName: 'data' }] },
						options: {},
					},
				},
			]),
		}));
		results.httpDown = await measure('HTTP Request download', n8n, simulator, isCdn, async () => {
			const execution = await runSteps([
				{ ...HTTP_REQUEST, name: 'HTTP Request', parameters: { url: renderUrl, options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } } } },
			]);
			const item = lib.nodeOutput(execution.data, 'HTTP Request')?.[0];
			return { bytes: item?.binary?.data?.bytes ?? renderBytes, node: 'HTTP Request', execution };
		});

		report(results, { fileBytes, renderBytes, n8nPid: n8n.pid });
	} finally {
		for (const cleanup of cleanups) {
			try {
				await cleanup();
			} catch (error) {
				say(`cleanup: ${error.message}`);
			}
		}
	}
}

function report(r, { fileBytes, renderBytes }) {
	const f = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));
	const rows = [
		['upload', 'ours (Upload Media)', r.oursUp],
		['upload', 'curl -F', r.curlUp],
		['upload', 'HTTP Request node', r.httpUp],
		['download', 'ours (Export & Wait)', r.oursDown],
		['download', 'curl -o', r.curlDown],
		['download', 'HTTP Request node', r.httpDown],
	];
	const lines = [];
	lines.push(`NemoVideo media benchmark: n8n 2.41.1, N8N_DEFAULT_BINARY_DATA_MODE=filesystem, ${os.cpus().length} cores, ${new Date().toISOString()}`);
	lines.push(`upload file ${f(fileBytes / MiB, 1)} MB; render ${f(renderBytes / MiB, 1)} MB; MB = 2^20 bytes; RSS sampled every ${SAMPLE_MS} ms`);
	lines.push('');
	lines.push('| transfer | how | MB/s (simulator-timed) | request s | node/curl s | CPU s (n8n or curl) | CPU s in the node | load avg | n8n idle RSS MB | n8n peak RSS growth MB | during the node MB |');
	lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const [what, how, x] of rows) {
		lines.push(`| ${what} | ${how} | ${f(x.mbPerSec)} | ${f(x.requestSeconds, 2)} | ${f(x.nodeSeconds, 2)} | ${f(x.cpuSeconds, 1)} | ${f(x.nodeCpuSeconds, 1)} | ${f(x.loadAverage, 1)} | ${f(x.idleMb)} | ${f(x.peakGrowthMb)} | ${x.nodeSeconds !== null && x.label.startsWith('curl') ? 'n8n idle' : f(x.nodePeakGrowthMb)} |`);
	}
	lines.push('');
	for (const [what, ours, curl, http] of [
		['upload', r.oursUp, r.curlUp, r.httpUp],
		['download', r.oursDown, r.curlDown, r.httpDown],
	]) {
		const ratio = ours.mbPerSec / curl.mbPerSec;
		lines.push(
			`${what}: ours/curl throughput ${f(ratio, 2)}; ours n8n RSS growth ${f(ours.peakGrowthMb)} MB; HTTP Request node ${f(http.peakGrowthMb)} MB at ${f(http.mbPerSec / curl.mbPerSec, 2)} of curl`,
		);
	}
	lines.push(
		`n8n's own Read File (disk → its filesystem binary store, ${SIZE_MB} MB): ${f(r.oursUp.readFileSeconds, 2)} s before ours, ${f(r.httpUp.readFileSeconds, 2)} s before HTTP Request: ${f(fileBytes / MiB / r.oursUp.readFileSeconds)} / ${f(fileBytes / MiB / r.httpUp.readFileSeconds)} MB/s`,
	);
	const curlPeaks = [r.curlUp, r.curlDown].map((x) => f(x.otherPeakMb)).join(' / ');
	lines.push(`curl's own peak RSS (upload / download): ${curlPeaks} MB; task-runner children of n8n: ${r.oursUp.children}, their growth at most ${f(Math.max(...Object.values(r).map((x) => x.childrenGrowthMb)))} MB`);
	lines.push(`Authorization header at the CDN: ours ${r.oursDown.authorizationSent ? 'SENT' : 'not sent'}`);
	console.log(lines.join('\n'));
	console.log('\nraw:', JSON.stringify(r));
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
