#!/usr/bin/env node
// `npm test`: everything, in the order a failure is cheapest to find: build, the community-node
// lint, the packed tarball's checks, unit tests, in-process workflow tests, then the end-to-end
// tests in a real n8n and a real browser, once per n8n version. Ends with one summary line that
// counts every test run. `node scripts/test.js unit e2e` runs only the steps named.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-test-results-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title, command, args, extraEnv = {}) {
	process.stdout.write(`\n=== ${title} ===\n`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
	return result.status === 0;
}

// The n8n versions the end-to-end suite runs on, one after the other: the 2.x line the package is
// built against (on the Node 24 the installer brings) and the last 1.x line (on the machine's Node
// 20). NEMO_E2E_N8N_VERSIONS=2.41.1 (comma-separated) narrows it.
const E2E_N8N_VERSIONS = (process.env.NEMO_E2E_N8N_VERSIONS || '2.41.1,1.123.81').split(',').map((version) => version.trim()).filter(Boolean);

function jest(project, extraArgs = [], { label = project, env = {} } = {}) {
	const outputFile = path.join(resultsDir, `${label.replace(/\W+/g, '-')}.json`);
	const ok = run(`jest: ${label}`, 'npx', [
		'jest',
		'--selectProjects',
		project,
		'--no-watchman',
		// n8n-core keeps timers and sockets of its own alive after a run; they are not ours to close.
		'--forceExit',
		'--json',
		`--outputFile=${outputFile}`,
		...extraArgs,
	], env);
	if (fs.existsSync(outputFile)) {
		const summary = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
		totals.passed += summary.numPassedTests;
		totals.failed += summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
		totals.skipped += summary.numPendingTests + (summary.numTodoTests ?? 0);
	} else if (!ok) {
		totals.failed += 1;
	}
	return ok;
}

const only = process.argv.slice(2);
const wanted = (step) => only.length === 0 || only.includes(step);
const steps = [];
if (wanted('build')) steps.push(() => run('build', 'npm', ['run', 'build', '--silent']) || count('build'));
if (wanted('lint')) steps.push(() => run('lint (n8n-node lint, strict)', 'npx', ['n8n-node', 'lint']) || count('lint'));
if (wanted('package')) steps.push(() => jest('package'));
if (wanted('unit')) steps.push(() => jest('unit'));
if (wanted('workflow')) steps.push(() => jest('workflow'));
// One real n8n at a time: the machine has two cores.
// n8n is installed (on a new machine: 5 to 15 minutes) before its suite starts, so no test's
// set-up time limit has to make room for it.
for (const version of E2E_N8N_VERSIONS) {
	if (!wanted('e2e')) continue;
	steps.push(() => {
		if (!run(`install n8n ${version}`, 'bash', [path.join(root, 'scripts', 'install-n8n.sh')], { N8N_VERSION: version })) return count(`installing n8n ${version}`);
		return jest('e2e', ['--runInBand'], { label: `e2e on n8n ${version}`, env: { N8N_VERSION: version } });
	});
}

function count(step) {
	process.stdout.write(`${step} failed\n`);
	totals.failed += 1;
	return false;
}

let allOk = true;
for (const step of steps) allOk = step() && allOk;

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(allOk && totals.failed === 0 ? 0 : 1);
