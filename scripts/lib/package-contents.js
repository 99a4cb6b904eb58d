// What the published tarball must hold, and must not: checked on the packed file itself, because
// `files` in package.json, npm's own always-included files and the build all decide what ships.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Unpacks `tarball` into a new temp folder (without npm's `package/` prefix); returns the folder. */
function unpackTarball(tarball) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-unpacked-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

function listFiles(dir, prefix = '') {
	return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.posix.join(prefix, entry.name);
		return entry.isDirectory() ? listFiles(dir, relative) : [relative];
	});
}

// Sources, tests and development folders: none of it is code n8n loads.
const NOT_SHIPPED = [/\.ts$/, /(^|\/)(test|tests|__tests__|simulator|bench|scripts|examples|docs)\//, /\.test\.js$/, /\.tgz$/, /tsbuildinfo$/];

/** Every reason the unpacked package in `dir` is not what users should install; [] when it is. */
function packageProblems(dir) {
	const files = listFiles(dir);
	const problems = [];
	for (const required of ['package.json', 'README.md', 'LICENSE']) {
		if (!files.includes(required)) problems.push(`${required} is missing`);
	}
	if (!files.includes('package.json')) return problems;
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	for (const built of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!files.includes(built)) problems.push(`${built} (listed in package.json's n8n section) is missing`);
	}
	for (const node of manifest.n8n.nodes) {
		const codex = node.replace(/\.js$/, '.json');
		if (!files.includes(codex)) problems.push(`${codex}, the codex file of ${path.basename(node)}, is missing`);
	}
	for (const file of files) {
		if (NOT_SHIPPED.some((pattern) => pattern.test(file))) problems.push(`${file} should not be published`);
	}
	return problems;
}

module.exports = { unpackTarball, packageProblems, listFiles };
