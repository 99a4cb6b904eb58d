// Finds (or installs, the first time on a machine) the real n8n and the Node it runs on, through
// scripts/install-n8n.sh, whose progress lines go straight to this process's stderr: the first
// install takes minutes and should never look stuck.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const INSTALL_SCRIPT = path.resolve(__dirname, '..', 'install-n8n.sh');
const DEFAULT_N8N_VERSION = '2.41.1';

function parseEnvFile(file) {
	const values = {};
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const match = /^export (\w+)="(.*)"$/.exec(line.trim());
		if (match) values[match[1]] = match[2];
	}
	if (!values.NEMO_NODE_HOME || !values.NEMO_N8N_BIN) throw new Error(`${file} does not name NEMO_NODE_HOME and NEMO_N8N_BIN`);
	return values;
}

const pending = new Map();

/**
 * Resolves to { nodeHome, n8nBin, n8nVersion, n8nEnv } once that n8n version is installed
 * (N8N_VERSION, else 2.41.1). nodeHome: the folder of the Node that runs it; n8nEnv: variables
 * that version needs to run here. reinstall: throw the cached install away first. Cached per
 * process and version: later callers get the same answer without running the script again.
 */
function ensureN8n({ n8nVersion = process.env.N8N_VERSION || DEFAULT_N8N_VERSION, reinstall = false } = {}) {
	if (!pending.has(n8nVersion)) {
		pending.set(
			n8nVersion,
			new Promise((resolve, reject) => {
				// A process group of its own, ended with this process: an install half done is
				// thrown away by the next run, one left running would hold the cache's lock.
				const child = spawn('bash', [INSTALL_SCRIPT, ...(reinstall ? ['--reinstall'] : [])], {
					env: { ...process.env, N8N_VERSION: n8nVersion },
					stdio: ['ignore', 'pipe', 'inherit'],
					detached: true,
				});
				const stopInstall = () => {
					try {
						process.kill(-child.pid, 'SIGTERM');
					} catch {
						// finished already
					}
				};
				process.on('exit', stopInstall);
				child.on('close', () => process.off('exit', stopInstall));
				let stdout = '';
				child.stdout.on('data', (chunk) => (stdout += chunk));
				child.on('error', reject);
				child.on('close', (code) => {
					if (code !== 0) return reject(new Error(`installing n8n ${n8nVersion} failed (scripts/install-n8n.sh exited with ${code}; what failed is printed above)`));
					try {
						const env = parseEnvFile(stdout.trim().split('\n').pop());
						const n8nEnv = env.NEMO_N8N_EXPRESSION_ENGINE ? { N8N_EXPRESSION_ENGINE: env.NEMO_N8N_EXPRESSION_ENGINE } : {};
						resolve({ nodeHome: env.NEMO_NODE_HOME, n8nBin: env.NEMO_N8N_BIN, n8nVersion, n8nEnv });
					} catch (error) {
						reject(error);
					}
				});
			}),
		);
	}
	return pending.get(n8nVersion);
}

module.exports = { ensureN8n, DEFAULT_N8N_VERSION };
