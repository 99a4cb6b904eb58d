// Debian packages the harness needs beyond npm (Chromium for the browser test, ffmpeg for media
// checks), installed with apt-get the first time on a new machine. We run as root in CI and in
// these sessions; elsewhere sudo is used when present.
const { execFileSync } = require('child_process');
const fs = require('fs');

function hasCommand(command) {
	try {
		execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

let updated = false;

/**
 * needs: [{ command: 'chromium', package: 'chromium' }, ...]. Installs the packages whose
 * command is missing, with apt-get's progress on stderr. Returns the packages it installed.
 */
function ensureDebPackages(needs) {
	const missing = [...new Set(needs.filter((need) => !hasCommand(need.command)).map((need) => need.package))];
	if (!missing.length) return [];
	if (!fs.existsSync('/usr/bin/apt-get')) throw new Error(`missing ${missing.join(', ')}, and this machine has no apt-get to install them`);
	const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
	const run = (args) => {
		const [command, ...rest] = [...sudo, ...args];
		execFileSync(command, rest, { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	};
	process.stderr.write(`[apt] installing ${missing.join(', ')}\n`);
	if (!updated) {
		run(['apt-get', 'update', '-qq']);
		updated = true;
	}
	run(['apt-get', 'install', '-y', '-qq', ...missing]);
	return missing;
}

module.exports = { ensureDebPackages, hasCommand };
