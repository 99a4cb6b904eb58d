// Finds (or installs, the first time on a machine) the real n8n and the Node 24 it runs on, through
// scripts/install-n8n.sh, whose progress lines go straight to this process's stderr: the first
// install takes minutes and should never look stuck.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const INSTALL_SCRIPT = path.resolve(__dirname, '..', 'install-n8n.sh');

function parseEnvFile(file) {
	const values = {};
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const match = /^export (\w+)="(.*)"$/.exec(line.trim());
		if (match) values[match[1]] = match[2];
	}
	if (!values.NEMO_NODE24_HOME || !values.NEMO_N8N_BIN) throw new Error(`${file} does not name NEMO_NODE24_HOME and NEMO_N8N_BIN`);
	return values;
}

let pending;

/**
 * Resolves to { node24Home, n8nBin, n8nVersion } once n8n is installed. Cached per process:
 * every caller after the first gets the same answer without running the script again.
 */
function ensureN8n({ n8nVersion = process.env.N8N_VERSION || '2.41.1' } = {}) {
	pending ??= new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT], {
			env: { ...process.env, N8N_VERSION: n8nVersion },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`scripts/install-n8n.sh exited with ${code}`));
			try {
				const env = parseEnvFile(stdout.trim().split('\n').pop());
				resolve({ node24Home: env.NEMO_NODE24_HOME, n8nBin: env.NEMO_N8N_BIN, n8nVersion });
			} catch (error) {
				reject(error);
			}
		});
	});
	return pending;
}

module.exports = { ensureN8n };
