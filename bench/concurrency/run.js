#!/usr/bin/env node
// Concurrency benchmark: N full pipelines at once (Webhook → Create Session → Send Instruction →
// Export & Wait with download) in one real n8n 2.41.1 in server mode, for N = 20, 50, 100, with
// this package's nodes and with the same pipeline built from n8n's HTTP Request nodes, against
// one simulator (in this process, so its request log is read directly). Then the same in queue
// mode: a main process and two workers sharing one database through Redis.
//
// Each burst uses a credential nobody has used yet: for our nodes a NemoVideo credential created
// without a client id (as the REST API or `n8n import:credentials` creates it), which gets its
// free token on first use; for the HTTP Request pipeline a Header Auth credential holding a token
// fetched once, as a user would paste it.
//
//   npm run build && node bench/concurrency/run.js [--n 20,50,100] [--modes regular,queue]
//     [--pipelines ours,http] [--time-scale 0.01] [--token-delay-ms 250] [--timeout-minutes 45] [--keep]
//     [--n8n-node-options "--cpu-prof --cpu-prof-dir=/tmp/prof"]
// Prints figures; it is not a test and asserts nothing. Everything it starts is stopped at the
// end, on an error, on Ctrl-C, and when the global timeout fires.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const lib = require('../../scripts/lib');
const { startSimulator } = require('../../simulator');
const { oursWorkflow, httpRequestWorkflow, headerAuthCredential } = require('./workflows');
const { samplePeaks, idleKb, treeCpuSeconds } = require('./processTree');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const argValue = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SIZES = argValue('--n', '20,50,100').split(',').map(Number);
const MODES = argValue('--modes', 'regular,queue').split(',');
const PIPELINES = argValue('--pipelines', 'ours,http').split(',');
const TIME_SCALE = Number(argValue('--time-scale', 0.01));
const TIMEOUT_MS = Number(argValue('--timeout-minutes', 45)) * 60_000;
const KEEP = args.includes('--keep');
// --n8n-node-options "--cpu-prof --cpu-prof-dir=/tmp/prof": Node flags for every n8n process, to look inside.
const N8N_ENV = { N8N_LOG_LEVEL: 'info', ...(argValue('--n8n-node-options') ? { NODE_OPTIONS: argValue('--n8n-node-options') } : {}) };
// The free-token endpoint answers after this long, as over a real round trip; the race between
// first executions on one credential shows only when the answer is not instant.
const TOKEN_DELAY_MS = Number(argValue('--token-delay-ms', 250));
const MAX_N = 100;
// A webhook call that has not answered by then counts as failed (each workflow also stops itself
// after its executionTimeout).
const CALL_TIMEOUT_MS = 6 * 60_000;

const say = (text) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const MB = 1024;

// ---------------------------------------------------------------- cleanup and the global timeout

const cleanups = [];
async function cleanUp() {
	while (cleanups.length) {
		try {
			await cleanups.pop()();
		} catch (error) {
			say(`cleanup: ${error.message}`);
		}
	}
}
function abort(reason, code) {
	say(reason);
	cleanUp().finally(() => process.exit(code));
}
const globalTimer = setTimeout(() => abort(`global timeout of ${TIMEOUT_MS / 60_000} min reached: stopping everything`, 2), TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => abort(`${signal}: stopping everything`, 130));

// ---------------------------------------------------------------- one burst

function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Calls the webhook `n` times at once; resolves to one { ok, status, ms, body } per call. */
async function fire(url, n) {
	return await Promise.all(
		Array.from({ length: n }, async () => {
			const started = performance.now();
			try {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
				const text = await response.text();
				return { ok: response.status === 200, status: response.status, ms: performance.now() - started, body: text.slice(0, 300) };
			} catch (error) {
				return { ok: false, status: error.name, ms: performance.now() - started, body: error.message };
			}
		}),
	);
}

/** What n8n recorded for the workflow's executions: status counts and the distinct error messages. */
async function executionsOf(stack, workflowId, n) {
	// n8n lists at most 100 executions a page, newest first, and a cursor to the next page.
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const results = [];
	for (let cursor; ; ) {
		const page = await stack.rest.request('GET', `/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
		results.push(...page.results);
		cursor = page.nextCursor;
		if (!cursor || !page.results.length || results.length > n + 20) break;
	}
	const statuses = {};
	for (const execution of results) statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
	const errors = {};
	for (const execution of results.filter((each) => each.status !== 'success').slice(0, 20)) {
		const { data } = await stack.rest.getExecution(execution.id);
		const { error, lastNodeExecuted } = data.resultData;
		const message = `${lastNodeExecuted}: ${error?.message ?? 'no error recorded'}${error?.description ? ` (${error.description})` : ''}`;
		errors[message] = (errors[message] ?? 0) + 1;
	}
	return { ids: results.map((execution) => String(execution.id)), statuses, errors };
}

function apiFigures(entries, n) {
	const count = (test) => entries.filter(test).length;
	const isToken = (entry) => entry.path === '/api/auth/anonymous-token';
	const tokenTags = new Set(entries.filter((entry) => !isToken(entry) && entry.origin === 'api').map((entry) => entry.tokenTag));
	return {
		perPipeline: entries.length / n,
		tokenRequests: count(isToken),
		tokensIssued: count((entry) => isToken(entry) && entry.status === 200),
		tokensUsed: tokenTags.size,
		status429: count((entry) => entry.status === 429),
		runSse: count((entry) => entry.path === '/run_sse'),
		renders: count((entry) => entry.method === 'POST' && entry.path === '/api/render/proxy/lambda'),
		polls: count((entry) => entry.method === 'GET' && entry.path.startsWith('/api/render/proxy/lambda/')),
		stateReads: count((entry) => entry.path.startsWith('/api/state/')),
		downloads: count((entry) => entry.origin === 'cdn' && entry.method === 'GET' && entry.status === 200),
		failedRequests: count((entry) => entry.status !== null && entry.status >= 400),
	};
}

/** One burst of `n` pipelines on `workflowId`, measured. */
async function burst(stack, simulator, { mode, pipeline, n, workflowId, path: webhookPath }) {
	say(`${mode} ${pipeline} N=${n}: waiting for n8n to be idle…`);
	const idle = await idleKb(stack.processes);
	simulator.log.clear();
	const load = os.loadavg();
	say(`${mode} ${pipeline} N=${n}: ${n} webhook calls at once`);
	const cpu = () => Object.values(stack.processes).reduce((sum, pid) => sum + treeCpuSeconds(pid), 0);
	const cpuBefore = cpu();
	const sampling = samplePeaks(stack.processes);
	const started = performance.now();
	const calls = await fire(`${stack.url}/webhook/${webhookPath}`, n);
	const wallMs = performance.now() - started;
	const peaks = sampling.stop();
	const cpuSecondsUsed = cpu() - cpuBefore;
	await sleep(1000); // the last executions are being saved
	const entries = simulator.log.all();
	const executions = await executionsOf(stack, workflowId, n);
	const latencies = calls.map((call) => call.ms).sort((a, b) => a - b);
	const growthKb = Object.fromEntries(Object.keys(peaks).map((name) => [name, peaks[name] - idle[name]]));
	const figures = {
		mode,
		pipeline,
		n,
		ok: calls.filter((call) => call.ok).length,
		wallMs,
		p50Ms: percentile(latencies, 50),
		p95Ms: percentile(latencies, 95),
		idleKb: idle,
		growthKb,
		totalGrowthKb: Object.values(growthKb).reduce((sum, kb) => sum + kb, 0),
		cpuSecondsPerPipeline: cpuSecondsUsed / n,
		api: apiFigures(entries, n),
		executions: executions.statuses,
		errors: executions.errors,
		callFailures: [...new Set(calls.filter((call) => !call.ok).map((call) => `${call.status} ${call.body}`))].slice(0, 5),
		load: load.map((value) => Number(value.toFixed(2))),
		loadAfter: os.loadavg().map((value) => Number(value.toFixed(2))),
	};
	if (stack.workerOf) figures.workers = stack.workerOf(executions.ids);
	say(
		`${mode} ${pipeline} N=${n}: ${figures.ok}/${n} ok, wall ${(wallMs / 1000).toFixed(1)} s, RSS +${(figures.totalGrowthKb / MB).toFixed(0)} MB, ${figures.api.perPipeline.toFixed(1)} requests/pipeline${Object.keys(figures.errors).length ? `; errors: ${JSON.stringify(figures.errors)}` : ''}`,
	);
	return figures;
}

// ---------------------------------------------------------------- the n8n set-ups

async function freshToken(simulator) {
	const response = await fetch(`${simulator.url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'X-Client-Id': crypto.randomUUID() } });
	const body = await response.json();
	if (typeof body.data?.token !== 'string') throw new Error(`the simulator issued no token: ${JSON.stringify(body)}`);
	return body.data.token;
}

/**
 * Credentials and workflows for one n8n set-up running one pipeline kind: a fresh credential and
 * a workflow per N, and a warm-up workflow on a credential of its own.
 */
async function plan(mode, pipeline, simulator) {
	const credentials = [];
	const workflows = [];
	const bursts = [];
	for (const n of ['warmup', ...SIZES]) {
		const key = `${mode}${pipeline}${n}`;
		const credential = { id: `cred${key}`.slice(0, 21), name: `bench ${key}` };
		const webhookPath = `bench-${mode}-${pipeline}-${n}`;
		const workflowId = `wf${key}`.slice(0, 21);
		if (pipeline === 'ours') {
			credentials.push(lib.nemoCredential({ ...credential, baseUrl: simulator.url }));
			workflows.push(oursWorkflow({ id: workflowId, path: webhookPath, credential }));
		} else {
			credentials.push(headerAuthCredential({ ...credential, token: await freshToken(simulator) }));
			workflows.push(httpRequestWorkflow({ id: workflowId, path: webhookPath, baseUrl: simulator.url, headerCredential: credential }));
		}
		bursts.push({ mode, pipeline, n, workflowId, path: webhookPath });
	}
	return { credentials, workflows, warmup: bursts.shift(), bursts };
}

/**
 * A few pipelines one after another before anything is measured: n8n loads node code, compiles
 * and grows its heap on the first executions of a kind, which no burst should be charged for.
 */
async function warmUp(stack, { path: webhookPath }, calls = 3) {
	// A webhook goes live a moment after its workflow is published.
	for (let tries = 0; tries < 60; tries++) {
		const [call] = await fire(`${stack.url}/webhook/${webhookPath}`, 1);
		if (call.status !== 404) break;
		await sleep(500);
	}
	for (let index = 1; index < calls; index++) {
		const [call] = await fire(`${stack.url}/webhook/${webhookPath}`, 1);
		if (!call.ok) say(`warm-up call ${index + 1} failed: ${call.status} ${call.body}`);
	}
}

/** Publishes a workflow as the editor's Publish button does (its webhooks go live at once). */
async function publish(rest, workflowId) {
	const { versionId } = await rest.request('GET', `/rest/workflows/${workflowId}`);
	await rest.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
}

async function startRegular(tarball, { credentials, workflows }) {
	const n8n = await lib.launchN8nWithPackage({ tarball, credentials, workflows, env: N8N_ENV });
	cleanups.push(() => n8n.stop({ keepFolder: KEEP }));
	for (const workflow of workflows) await publish(n8n.rest, workflow.id);
	return { url: n8n.url, rest: n8n.rest, processes: { main: n8n.pid }, folder: n8n.userFolder };
}

// n8n's default is 10 per worker; 50 lets two workers run a burst of 100 at once, as one n8n does.
const WORKER_CONCURRENCY = 50;

/** A main (`n8n start`) and two workers on one SQLite database and one Redis, EXECUTIONS_MODE=queue. */
async function startQueue(tarball, { credentials, workflows }) {
	const n8n = await lib.launchQueueModeN8n({ tarball, credentials, workflows, workers: 2, workerConcurrency: WORKER_CONCURRENCY, env: N8N_ENV });
	cleanups.push(() => n8n.stop({ keepFolder: KEEP }));
	for (const workflow of workflows) await publish(n8n.rest, workflow.id);
	return {
		url: n8n.url,
		rest: n8n.rest,
		folder: n8n.userFolder,
		processes: { main: n8n.pid, ...Object.fromEntries(n8n.workers.map((worker) => [`worker${worker.index}`, worker.pid])) },
		/** How many of the burst's executions (`ids`) each worker started. */
		workerOf(ids) {
			const wanted = new Set(ids);
			return { executions: Object.fromEntries(n8n.workers.map((worker) => [`worker${worker.index}`, worker.executionIds().filter((id) => wanted.has(id)).length])) };
		},
	};
}

// ---------------------------------------------------------------- report

function report(results, uptimes) {
	const f = (value, digits = 0) => (value === undefined || value === null || Number.isNaN(value) ? '-' : value.toFixed(digits));
	const lines = [];
	lines.push(`NemoVideo concurrency benchmark: n8n 2.41.1 (server mode, webhooks), ${os.cpus().length} cores, simulator timeScale ${TIME_SCALE}, ${new Date().toISOString()}`);
	for (const [when, text] of uptimes) lines.push(`uptime ${when}: ${text}`);
	lines.push('');
	lines.push('| mode | pipeline | N | succeeded | wall s | p50 s | p95 s | n8n RSS above idle MB | per pipeline MB | n8n CPU s per pipeline | API requests per pipeline | token requests / issued / 429s | load avg (1 min) |');
	lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const r of results) {
		lines.push(
			`| ${r.mode} | ${r.pipeline === 'ours' ? 'NemoVideo nodes' : 'HTTP Request nodes'} | ${r.n} | ${r.ok}/${r.n} | ${f(r.wallMs / 1000, 1)} | ${f(r.p50Ms / 1000, 1)} | ${f(r.p95Ms / 1000, 1)} | ${f(r.totalGrowthKb / MB)} | ${f(r.totalGrowthKb / MB / r.n, 1)} | ${f(r.cpuSecondsPerPipeline, 2)} | ${f(r.api.perPipeline, 1)} | ${r.api.tokenRequests} / ${r.api.tokensIssued} / ${r.api.status429} | ${f(r.load[0], 2)} → ${f(r.loadAfter[0], 2)} |`,
		);
	}
	lines.push('');
	lines.push('API requests per burst (run_sse / render submits / polls / state reads / CDN downloads / answers >= 400 / distinct tokens used):');
	for (const r of results) {
		const a = r.api;
		lines.push(`  ${r.mode} ${r.pipeline} N=${r.n}: ${a.runSse} / ${a.renders} / ${a.polls} / ${a.stateReads} / ${a.downloads} / ${a.failedRequests} / ${a.tokensUsed}; executions ${JSON.stringify(r.executions)}`);
		for (const [message, count] of Object.entries(r.errors)) lines.push(`    ${count} × ${message}`);
		for (const failure of r.callFailures) lines.push(`    webhook: ${failure}`);
		if (r.workers) {
			const spread = Object.entries(r.workers.executions).map(([name, count]) => `${name} ${count}`).join(', ');
			const rss = Object.entries(r.growthKb).map(([name, kb]) => `${name} +${f(kb / MB)} MB (idle ${f(r.idleKb[name] / MB)} MB)`).join(', ');
			lines.push(`    executions per worker: ${spread}; RSS: ${rss}`);
		}
	}
	console.log(lines.join('\n'));
	console.log(`\nraw: ${JSON.stringify(results)}`);
}

// ---------------------------------------------------------------- main

async function main() {
	if (SIZES.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_N)) throw new Error(`--n takes sizes from 1 to ${MAX_N}`);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'NemoVideoExport', 'NemoVideoExport.node.js'))) throw new Error('run `npm run build` first');
	const simulator = await startSimulator({ timeScale: TIME_SCALE, tokenDelayMs: TOKEN_DELAY_MS, seed: 9, trailerRate: 0, startingCredits: 1_000_000, ipTokenLimit: 1000 });
	cleanups.push(() => simulator.close());
	say(`simulator ${simulator.url}`);
	const tarball = lib.packPackage();
	cleanups.push(() => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }));

	const results = [];
	const uptimes = [['at start', uptime()]];
	// One n8n set-up per pipeline kind, so neither kind's bursts start from a heap the other grew.
	for (const mode of MODES) {
		for (const pipeline of PIPELINES) {
			const setup = await plan(mode, pipeline, simulator);
			say(`${mode} ${pipeline}: starting n8n…`);
			const stack = mode === 'queue' ? await startQueue(tarball, setup) : await startRegular(tarball, setup);
			say(`${mode} ${pipeline}: n8n at ${stack.url}, processes ${JSON.stringify(stack.processes)}, folder ${stack.folder}`);
			await warmUp(stack, setup.warmup);
			for (const each of setup.bursts) results.push(await burst(stack, simulator, each));
			await cleanups.pop()(); // this set-up's processes
		}
		uptimes.push([`after ${mode} mode`, uptime()]);
	}
	results.sort((a, b) => MODES.indexOf(a.mode) - MODES.indexOf(b.mode) || a.n - b.n || PIPELINES.indexOf(a.pipeline) - PIPELINES.indexOf(b.pipeline));
	report(results, uptimes);
}

main()
	.catch((error) => {
		console.error(error);
		process.exitCode = 1;
	})
	.finally(async () => {
		clearTimeout(globalTimer);
		await cleanUp();
	});
