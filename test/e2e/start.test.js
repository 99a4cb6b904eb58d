// `npm start` as a person or a process manager runs it, in a demo folder and on ports of its own:
// a second `npm start` of the same demo refuses and says where the first one runs, without
// touching it; SIGINT or SIGTERM sent to the `npm start` process alone stops everything it
// started (n8n, its task runner, the simulator) and frees the ports.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('../../scripts/lib');
const { ROOT } = require('./support/stack');

let demoDir;
let env;
const started = [];

/** Runs `npm start`; resolves once it exits. `output()` is what it printed so far. */
function npmStart() {
	const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	started.push(child);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
	return { child, exited, output: () => output };
}

async function waitFor(condition, timeoutMs, what) {
	for (const until = Date.now() + timeoutMs; !(await condition()); await new Promise((resolve) => setTimeout(resolve, 500))) {
		if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
	}
}

/** Starts the demo and waits for its "ready" lines; resolves to the run and what running.json says. */
async function startDemo() {
	const run = npmStart();
	await waitFor(() => /ready in [\d.]+ s/.test(run.output()) || run.child.exitCode !== null, 8 * 60_000, 'npm start ready');
	expect(run.output()).toMatch(new RegExp(`n8n editor +http://127\\.0\\.0\\.1:${env.NEMO_DEMO_N8N_PORT}/`));
	const running = JSON.parse(fs.readFileSync(path.join(demoDir, 'running.json'), 'utf8'));
	expect((await fetch(`${running.n8nUrl}/healthz/readiness`)).status).toBe(200);
	return { run, running };
}

const groupAlive = (pid) => {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** Sends `signal` to the npm process alone and checks that everything the demo started is gone. */
async function expectStopsOn(signal, { run, running }) {
	process.kill(run.child.pid, signal);
	const { code } = await run.exited;
	expect(code).toBe(0);
	expect(run.output()).toMatch(/\[start\] stopped/);
	expect(groupAlive(running.n8nPid)).toBe(false); // n8n and its task runner
	expect(await lib.isPortFree(Number(env.NEMO_DEMO_N8N_PORT))).toBe(true);
	expect(await lib.isPortFree(Number(env.NEMO_SIM_PORT))).toBe(true);
	expect(fs.existsSync(path.join(demoDir, 'running.json'))).toBe(false);
}

beforeAll(async () => {
	demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-start-test-'));
	env = { ...process.env, NEMO_DEMO_DIR: demoDir, NEMO_DEMO_N8N_PORT: String(await lib.freePort()), NEMO_SIM_PORT: String(await lib.freePort()) };
});

afterAll(() => {
	for (const child of started) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// stopped already
		}
	}
	const runningFile = path.join(demoDir, 'running.json');
	if (fs.existsSync(runningFile)) {
		const { n8nPid } = JSON.parse(fs.readFileSync(runningFile, 'utf8'));
		if (n8nPid && groupAlive(n8nPid)) process.kill(-n8nPid, 'SIGKILL');
	}
	fs.rmSync(demoDir, { recursive: true, force: true });
});

test('a second npm start says the demo is already running, where, and how to stop it; the first keeps running; SIGINT then stops it all', async () => {
	const first = await startDemo();

	const second = npmStart();
	const { code } = await second.exited;
	expect(code).toBe(1);
	const refusal = second.output();
	expect(refusal).toContain(`the demo is already running (pid ${first.running.pid}): n8n editor at http://127.0.0.1:${env.NEMO_DEMO_N8N_PORT}/`);
	expect(refusal).toContain(`kill ${first.running.pid}`);
	expect(refusal).not.toMatch(/\n\s+at /); // no stack trace
	expect(refusal).not.toMatch(/build|stopping/);

	expect((await fetch(`${first.running.n8nUrl}/healthz/readiness`)).status).toBe(200);
	expect(first.run.child.exitCode).toBeNull();

	await expectStopsOn('SIGINT', first);
}, 10 * 60_000);

test('started again in the same demo folder, SIGTERM to npm start stops it all', async () => {
	await expectStopsOn('SIGTERM', await startDemo());
}, 10 * 60_000);

test('a port in use: one line that names it and the variable to change, no stack trace', async () => {
	const net = require('net');
	const holder = net.createServer();
	await new Promise((resolve) => holder.listen(0, '127.0.0.1', resolve));
	const port = holder.address().port;
	const ownDemo = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-start-port-'));
	try {
		const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...env, NEMO_DEMO_DIR: ownDemo, NEMO_DEMO_N8N_PORT: String(port), NEMO_SIM_PORT: String(await lib.freePort()) }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const code = await new Promise((resolve) => child.on('close', resolve));
		expect(code).toBe(1);
		expect(stderr.trim()).toBe(`[start] port ${port} (n8n's editor) is in use: stop what holds it, or set NEMO_DEMO_N8N_PORT`);
	} finally {
		holder.close();
		fs.rmSync(ownDemo, { recursive: true, force: true });
	}
}, 60_000);
