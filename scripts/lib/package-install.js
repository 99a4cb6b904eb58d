// Installs this package into an n8n the way its users do: `npm pack`, then `npm install <tarball>`
// inside n8n's community nodes folder (<N8N_USER_FOLDER>/.n8n/nodes), so n8n loads exactly the
// published files under the type names a saved workflow stores (`n8n-nodes-nemovideo.<name>`).
// The caller builds first (`npm run build`): the tarball holds dist/ only.
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const MARKER = '.nemo-package.sha256';

/** `npm pack` of the repository into `destDir` (a new temp folder by default). Returns the tarball's path. */
function packPackage({ root = ROOT, destDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-pack-')) } = {}) {
	if (!fs.existsSync(path.join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` before packing');
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destDir], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [{ filename }] = JSON.parse(output);
	return path.join(destDir, path.basename(filename));
}

function sha256(file) {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function nodesFolder(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

/**
 * Installs `tarball` into `<userFolder>/.n8n/nodes` with `npm install --omit=peer --ignore-scripts`.
 * Skips the install when the same tarball (by content) is installed already: `npm pack` writes
 * fixed timestamps, so an unchanged build packs to the same bytes.
 * Returns { changed, packageDir, sha256 }.
 */
function installPackage({ userFolder, tarball, quiet = true }) {
	const folder = nodesFolder(userFolder);
	const packageDir = path.join(folder, 'node_modules', PACKAGE_NAME);
	const hash = sha256(tarball);
	const markerFile = path.join(folder, MARKER);
	if (fs.existsSync(packageDir) && fs.existsSync(markerFile) && fs.readFileSync(markerFile, 'utf8') === hash) {
		return { changed: false, packageDir, sha256: hash };
	}
	fs.mkdirSync(folder, { recursive: true });
	const manifest = path.join(folder, 'package.json');
	if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	// Keep the tarball beside the install under a content-named file, so package.json's `file:`
	// spec changes whenever the content does and npm never mistakes a new build for the old one.
	for (const old of fs.readdirSync(folder).filter((name) => name.startsWith(`${PACKAGE_NAME}-`) && name.endsWith('.tgz'))) {
		fs.rmSync(path.join(folder, old));
	}
	const kept = `${PACKAGE_NAME}-${hash.slice(0, 12)}.tgz`;
	fs.copyFileSync(tarball, path.join(folder, kept));
	execFileSync('npm', ['install', `./${kept}`, '--omit=peer', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: folder,
		stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
	});
	fs.writeFileSync(markerFile, hash);
	return { changed: true, packageDir, sha256: hash };
}

module.exports = { packPackage, installPackage, nodesFolder, PACKAGE_NAME };
