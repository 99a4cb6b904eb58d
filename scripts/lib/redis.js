// A throwaway Redis for n8n's queue mode: Debian's redis-server (installed with apt-get the first
// time), on 127.0.0.1 and a free port, in memory only (no dump file, no append log), gone on stop().
const { spawn } = require('child_process');
const net = require('net');
const { ensureDebPackages } = require('./apt');
const { freePort } = require('./free-port');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when Redis on `port` answers PING with PONG. */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/**
 * Starts redis-server. Resolves to { host, port, pid, logs(), stop() }; stop() ends it and waits.
 * It also ends with the calling process, so a test that dies leaves no Redis behind.
 */
async function startRedis({ port, readyTimeoutMs = 15_000 } = {}) {
	ensureDebPackages([{ command: 'redis-server', package: 'redis-server' }]);
	port ??= await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'];
	const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const killOnExit = () => child.kill('SIGKILL');
	process.on('exit', killOnExit);
	exited.then(() => process.off('exit', killOnExit));

	async function stop() {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await exited;
		}
	}

	const deadline = Date.now() + readyTimeoutMs;
	while (!(await ping(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server did not start on port ${port}:\n${output}`);
		}
		await sleep(100);
	}
	return { host: '127.0.0.1', port, pid: child.pid, logs: () => output, stop };
}

module.exports = { startRedis };
