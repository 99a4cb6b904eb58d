// One real n8n: `n8n start` on 127.0.0.1 with its own user folder (database, settings, community
// nodes) and ports, plus the CLI and REST helpers bound to the same environment. Several instances
// and CLI commands can run side by side: each process gets its own task-broker port.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureN8n } = require('./n8n-install');
const { n8nEnv } = require('./n8n-env');
const { freePort } = require('./free-port');
const cli = require('./n8n-cli');
const { createRestClient } = require('./n8n-rest');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(url, child, output, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.tail()}`);
		}
		try {
			// n8n 1.x answers readiness once its database is migrated, before its REST routes exist;
			// the public settings route answers only once they do.
			const ready = await fetch(`${url}/healthz/readiness`);
			if (ready.status === 200 && (await fetch(`${url}/rest/settings`)).status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms:\n${output.tail()}`);
}

/** Everything the process prints, kept in memory and appended to `logFile`. */
function captureOutput(logFile, echo) {
	const chunks = [];
	let closed;
	const stream = fs.createWriteStream(logFile, { flags: 'a' });
	return {
		write(chunk) {
			chunks.push(chunk);
			stream.write(chunk);
			if (echo) process.stderr.write(chunk);
		},
		text: () => Buffer.concat(chunks).toString('utf8'),
		tail(lines = 40) {
			return this.text().split('\n').slice(-lines).join('\n');
		},
		close() {
			closed ??= new Promise((resolve) => stream.end(resolve));
			return closed;
		},
	};
}

/** The environment of one instance, and a context for n8n CLI commands that each get a broker port. */
async function prepareInstance({ userFolder, port, env: extraEnv = {}, n8nVersion } = {}) {
	const installed = await ensureN8n({ n8nVersion });
	const { nodeHome, n8nBin, n8nEnv: versionEnv } = installed;
	const ownFolder = !userFolder;
	userFolder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-n8n-'));
	fs.mkdirSync(userFolder, { recursive: true });
	port ??= await freePort();
	const envFor = async () => n8nEnv({ nodeHome, userFolder, port, brokerPort: await freePort(), extra: { ...versionEnv, ...extraEnv } });
	const cliContext = async () => ({ n8nBin, n8nVersion: installed.n8nVersion, env: await envFor() });
	const withCli =
		(fn) =>
		async (...args) =>
			await fn(await cliContext(), ...args);
	return {
		nodeHome,
		n8nBin,
		n8nVersion: installed.n8nVersion,
		userFolder,
		ownFolder,
		port,
		url: `http://127.0.0.1:${port}`,
		envFor,
		runCli: withCli(cli.runCli),
		importCredentials: withCli(cli.importCredentials),
		importWorkflows: withCli(cli.importWorkflows),
		executeWorkflow: withCli(cli.executeWorkflow),
		exportCredentials: withCli(cli.exportCredentials),
		getCredentialData: withCli(cli.getCredentialData),
		publishWorkflow: withCli(cli.publishWorkflow),
	};
}

/**
 * Starts `n8n start` and waits for /healthz/readiness.
 *   userFolder  N8N_USER_FOLDER (default: a new temp folder, removed by stop())
 *   port        the editor/REST port (default: a free one)
 *   env         extra environment for every n8n process of this instance
 *   echo        also copy n8n's output to this process's stderr
 *   readyTimeoutMs
 * Resolves to an instance: { url, port, userFolder, logFile, logs(), stop(), rest, setupOwner,
 * login, testCredential, runWorkflow, getExecution, importCredentials, importWorkflows,
 * executeWorkflow, exportCredentials, getCredentialData, publishWorkflow, runCli, startedMs }.
 * CLI helpers work before start too: see prepareInstance().
 */
async function startN8n({ readyTimeoutMs = 180_000, echo = false, ...options } = {}) {
	const instance = await prepareInstance(options);
	return await startPrepared(instance, { readyTimeoutMs, echo });
}

/**
 * Runs one n8n process (`args`: ['start'], ['worker', '--concurrency=10'], ...) with the instance's
 * environment plus `env`, its output captured in memory and appended to `logFile`. Resolves to
 * { child, pid, logs(), tail(), exited, stop() }; stop() ends it with everything it spawned.
 */
async function spawnN8n(instance, args, { logFile, echo = false, env = {} }) {
	const output = captureOutput(logFile, echo);
	// A process group of its own, so stop() also ends the task runner n8n spawns.
	const child = spawn(instance.n8nBin, args, { env: { ...(await instance.envFor()), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout.on('data', output.write.bind(output));
	child.stderr.on('data', output.write.bind(output));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const signal = (name) => {
		try {
			process.kill(-child.pid, name);
		} catch {
			// already gone
		}
	};
	// n8n runs in its own process group, so it would outlive a caller that exits without stop()
	// (jest --forceExit, an uncaught error): end it with the caller.
	const killOnExit = () => signal('SIGKILL');
	process.on('exit', killOnExit);
	exited.then(() => process.off('exit', killOnExit));

	async function stop() {
		if (child.exitCode === null && child.signalCode === null) {
			signal('SIGTERM');
			const forced = setTimeout(() => signal('SIGKILL'), 20_000);
			await exited;
			clearTimeout(forced);
		}
		await output.close();
	}
	return { child, pid: child.pid, logs: () => output.text(), tail: (lines) => output.tail(lines), exited, stop, output };
}

async function startPrepared(instance, { readyTimeoutMs = 180_000, echo = false } = {}) {
	const started = Date.now();
	const logFile = path.join(instance.userFolder, 'n8n.log');
	const server = await spawnN8n(instance, ['start'], { logFile, echo });
	const { child, output, exited } = server;

	async function stop({ keepFolder = !instance.ownFolder } = {}) {
		await server.stop();
		if (!keepFolder) fs.rmSync(instance.userFolder, { recursive: true, force: true });
	}

	try {
		await waitUntilReady(instance.url, child, output, readyTimeoutMs);
	} catch (error) {
		await stop({ keepFolder: true });
		throw error;
	}

	const rest = createRestClient({ baseUrl: instance.url, n8nBin: instance.n8nBin, n8nVersion: instance.n8nVersion });
	return {
		...instance,
		pid: child.pid,
		logFile,
		logs: () => output.text(),
		stop,
		exited,
		startedMs: Date.now() - started,
		rest,
		setupOwner: rest.setupOwner,
		login: rest.login,
		testCredential: rest.testCredential,
		runWorkflow: rest.runWorkflow,
		getExecution: rest.getExecution,
	};
}

module.exports = { prepareInstance, startPrepared, startN8n, spawnN8n };
