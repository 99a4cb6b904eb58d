#!/usr/bin/env node
// `npm start`: the package running in a real n8n on this machine, against the bundled simulator.
// Builds, starts the simulator, installs n8n 2.41.1 the first time (minutes; cached afterwards),
// installs this package the way users do (npm pack → n8n's community nodes folder), creates an
// owner account, a `NemoVideo API` credential pointed at the simulator and the example workflows,
// then prints the editor's address and the sign-in. Ctrl-C, SIGINT or SIGTERM stops everything it
// started (package.json's start script execs this, so a signal to `npm start` reaches it: npm
// forwards signals to the script's shell, which does not pass them on).
//
// Everything n8n keeps lives in .tmp/demo/ (gitignored), so a second `npm start` reuses the
// account, the credential and the workflows and only redoes what changed. While one runs, another
// `npm start` of the same checkout says where it is and stops.
//   npm start -- --fresh          start over with a new demo folder
//   npm start -- --reinstall-n8n  install n8n again (the cached install is checked on every start
//                                 and repaired when it does not work)
//   NEMO_DEMO_N8N_PORT            the editor's port (5678)
//   NEMO_DEMO_DIR                 the demo folder (.tmp/demo)
//   N8N_VERSION                   the n8n to run (2.41.1; 1.123.81 runs on the machine's Node)
//   NEMO_SIM_*                    any simulator switch, as for `npm run simulator` (see its --help).
//                                 The demo's own defaults: NEMO_SIM_PORT=4010,
//                                 NEMO_SIM_TIME_SCALE=0.05 (a 100-300 s generation takes 5-15 s, a
//                                 render 1.5 s) and NEMO_SIM_STARTING_CREDITS=10000 (a real free
//                                 account starts with 100, which one generation uses up; the
//                                 examples need more).
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

const ROOT = path.resolve(__dirname, '..');
const DEMO_DIR = path.resolve(process.env.NEMO_DEMO_DIR || path.join(ROOT, '.tmp', 'demo'));
const USER_FOLDER = path.join(DEMO_DIR, 'n8n');
const STATE_FILE = path.join(DEMO_DIR, 'state.json');
// { pid, n8nUrl, n8nPid once n8n runs } of the `npm start` that runs now.
const RUNNING_FILE = path.join(DEMO_DIR, 'running.json');
const N8N_PORT = Number(process.env.NEMO_DEMO_N8N_PORT || 5678);
const N8N_URL = `http://127.0.0.1:${N8N_PORT}`;
const SIMULATOR_DEFAULTS = { port: 4010, timeScale: 0.05, startingCredits: 10_000 };

// n8n 2.x reads and writes files only inside these folders; the scheduled-batch example writes
// its MP4s to /tmp/nemovideo-batch, which must exist before its first run.
const BATCH_FOLDER = '/tmp/nemovideo-batch';
const DEMO_N8N_ENV = { N8N_RESTRICT_FILE_ACCESS_TO: `~/.n8n-files;${BATCH_FOLDER}` };
const DEMO_OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'NemoVideo-demo-1' };
const DEMO_CREDENTIAL = { id: 'nemoVideoDemoCred', name: 'NemoVideo API (simulator)' };

/** The folders the examples use, created as `npm start` needs them. */
function prepareDemoFolders() {
	fs.mkdirSync(BATCH_FOLDER, { recursive: true });
}

/** A failure whose message says everything: printed without a stack trace. */
class StartRefused extends Error {}

const say = (line) => process.stdout.write(`[start] ${line}\n`);
const timings = [];
async function step(key, title, fn) {
	say(`${title} …`);
	const started = Date.now();
	const result = await fn();
	const ms = Date.now() - started;
	timings.push([key, ms]);
	say(`${title}: done in ${(ms / 1000).toFixed(1)} s`);
	return result;
}

const readState = () => (fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : {});
const writeState = (state) => fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
const shown = (file) => (file.startsWith(ROOT + path.sep) ? path.relative(ROOT, file) : file);
const sha = (text) => crypto.createHash('sha256').update(text).digest('hex');

/** `ps`-free liveness: the process exists and its command line contains `word`. */
function isRunning(pid, word) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(word);
	} catch {
		return false;
	}
}

/**
 * Refuses when another `npm start` of this demo folder runs; stops the n8n that an `npm start`
 * killed without its clean-up (SIGKILL, a closed terminal) left behind.
 */
async function checkNoDemoRunning() {
	if (!fs.existsSync(RUNNING_FILE)) return;
	const running = JSON.parse(fs.readFileSync(RUNNING_FILE, 'utf8'));
	if (running.pid !== process.pid && isRunning(running.pid, 'start.js')) {
		const where = running.n8nPid ? `is already running (pid ${running.pid}): n8n editor at ${running.n8nUrl}/` : `is already starting (pid ${running.pid}); its n8n editor will be at ${running.n8nUrl}/`;
		throw new StartRefused(`the demo ${where}. Use that one, or stop it first: Ctrl-C in its terminal, or \`kill ${running.pid}\`.`);
	}
	fs.rmSync(RUNNING_FILE);
	const pid = running.n8nPid;
	if (!pid || !isRunning(pid, 'n8n')) return;
	say(`stopping the n8n an earlier npm start left running (pid ${pid})`);
	const signal = (name) => {
		try {
			process.kill(-pid, name); // its process group: n8n and its task runner
		} catch {
			// gone already
		}
	};
	signal('SIGTERM');
	for (const until = Date.now() + 20_000; isRunning(pid, 'n8n') && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 250));
	if (isRunning(pid, 'n8n')) signal('SIGKILL');
}

/** examples/*.json as importable workflows, each with a stable id and the demo credential. */
function exampleWorkflows() {
	const dir = path.join(ROOT, 'examples');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const text = fs.readFileSync(path.join(dir, name), 'utf8');
			const workflow = JSON.parse(text);
			const id = workflow.id && String(workflow.id).length <= 21 ? String(workflow.id) : `example${sha(name).slice(0, 12)}`;
			return { file: name, hash: sha(text), workflow: lib.useCredential({ ...workflow, id, active: false }, DEMO_CREDENTIAL) };
		});
}

/** `npm run build`, asynchronously: a signal that arrives meanwhile is handled at once. */
function build() {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new StartRefused(`npm run build failed (exit ${code}); its messages are above`))));
	});
}

const writeRunning = (running) => fs.writeFileSync(RUNNING_FILE, JSON.stringify(running));

/** Claims the demo folder for this process; a second start racing this one finds it claimed. */
function claimDemo() {
	try {
		fs.writeFileSync(RUNNING_FILE, JSON.stringify({ pid: process.pid, n8nUrl: N8N_URL }), { flag: 'wx' });
	} catch (error) {
		if (error.code === 'EEXIST') throw new StartRefused(`another npm start is starting the demo in ${DEMO_DIR}: wait for it, or stop it first`);
		throw error;
	}
}

async function main() {
	const started = Date.now();
	let simulator;
	let n8n;
	let claimed = false;
	let stopping = false;

	async function stopAll(code) {
		if (stopping) return;
		stopping = true;
		if (n8n || simulator) say('stopping n8n and the simulator …');
		await n8n?.stop({ keepFolder: true }).catch(() => {});
		await simulator?.close().catch(() => {});
		if (claimed) fs.rmSync(RUNNING_FILE, { force: true });
		if (n8n || simulator) say('stopped');
		process.exit(code);
	}
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));

	try {
		await checkNoDemoRunning();
		if (process.argv.includes('--fresh')) fs.rmSync(DEMO_DIR, { recursive: true, force: true });
		fs.mkdirSync(DEMO_DIR, { recursive: true });
		claimDemo();
		claimed = true;
		const state = readState();

		const { parseCli } = require(path.join(ROOT, 'simulator', 'config', 'cli'));
		const simulatorOptions = { ...SIMULATOR_DEFAULTS, ...parseCli([], process.env), host: '127.0.0.1' };
		if (!(await lib.isPortFree(simulatorOptions.port))) throw new StartRefused(`port ${simulatorOptions.port} (the simulator's) is in use: stop what holds it, or set NEMO_SIM_PORT`);
		if (!(await lib.isPortFree(N8N_PORT))) throw new StartRefused(`port ${N8N_PORT} (n8n's editor) is in use: stop what holds it, or set NEMO_DEMO_N8N_PORT`);

		await step('build', 'build (npm run build)', build);

		simulator = await step('simulator', `simulator on 127.0.0.1:${simulatorOptions.port}`, async () => {
			const { startSimulator } = require(path.join(ROOT, 'simulator'));
			return await startSimulator(simulatorOptions);
		});

		const { n8nVersion } = await step('n8n install', `n8n ${process.env.N8N_VERSION || lib.DEFAULT_N8N_VERSION} (installed once into the cache, then checked; the first time takes 5 to 15 minutes)`, () =>
			lib.ensureN8n({ reinstall: process.argv.includes('--reinstall-n8n') }).catch((error) => {
				throw new StartRefused(error.message);
			}),
		);

		prepareDemoFolders();
		const prepared = await lib.prepareInstance({ userFolder: USER_FOLDER, port: N8N_PORT, env: DEMO_N8N_ENV, n8nVersion });
		await step('package', `package (npm pack, then npm install into ${shown(path.join(USER_FOLDER, '.n8n', 'nodes'))})`, async () => {
			const tarball = lib.packPackage({ destDir: fs.mkdtempSync(path.join(DEMO_DIR, 'pack-')) });
			const { changed } = lib.installPackage({ userFolder: USER_FOLDER, tarball });
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
			say(changed ? 'installed the new build' : 'the installed build is current');
		});

		const credential = lib.nemoCredential({ ...DEMO_CREDENTIAL, baseUrl: simulator.url });
		if (state.credentialBaseUrl !== simulator.url) {
			await step('credential', 'credential "NemoVideo API (simulator)" (n8n import:credentials)', () => prepared.importCredentials([credential]));
			state.credentialBaseUrl = simulator.url;
			writeState(state);
		}

		const examples = exampleWorkflows();
		state.examples ??= {};
		const changedExamples = examples.filter((example) => state.examples[example.file] !== example.hash);
		if (changedExamples.length) {
			await step('examples', `example workflows: ${changedExamples.map((example) => example.file).join(', ')} (n8n import:workflow)`, () =>
				prepared.importWorkflows(changedExamples.map((example) => example.workflow)),
			);
			for (const example of changedExamples) state.examples[example.file] = example.hash;
			writeState(state);
		}

		n8n = await step('n8n start', `n8n on 127.0.0.1:${N8N_PORT}`, () => lib.startPrepared(prepared));
		writeRunning({ pid: process.pid, n8nUrl: n8n.url, n8nPid: n8n.pid });
		n8n.exited.then(() => {
			if (!stopping) {
				say(`n8n stopped by itself; its log: ${n8n.logFile}`);
				stopAll(1);
			}
		});

		if (await n8n.rest.needsOwnerSetup()) {
			await step('owner', 'owner account', () => n8n.setupOwner(DEMO_OWNER));
		}

		const lines = [
			'',
			`  n8n editor     ${n8n.url}/`,
			`  sign in        ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
			`  credential     ${DEMO_CREDENTIAL.name} (free anonymous token, base URL ${simulator.url})`,
			`  workflows      ${examples.length ? examples.map((example) => example.workflow.name).join('; ') : 'none in examples/ yet'}`,
			`  simulator      ${simulator.url} (time scale ${simulator.config.timeScale}, ${simulator.config.startingCredits} credits per new account; control API ${simulator.url}/__sim/)`,
			`  n8n log        ${shown(n8n.logFile)}`,
			'',
			`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.map(([key, ms]) => `${key} ${(ms / 1000).toFixed(1)} s`).join(', ')})`,
			'  Ctrl-C stops n8n and the simulator.',
			'',
		];
		process.stdout.write(`${lines.join('\n')}\n`);
	} catch (error) {
		process.stderr.write(`[start] ${error instanceof StartRefused ? error.message : error.stack || error.message}\n`);
		await stopAll(1);
	}
}

if (require.main === module) main();

module.exports = { DEMO_N8N_ENV, DEMO_CREDENTIAL, BATCH_FOLDER, SIMULATOR_DEFAULTS, prepareDemoFolders, exampleWorkflows };
