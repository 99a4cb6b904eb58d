// scripts/install-n8n.sh as `npm start` and `npm test` run it: with this project's npm settings in
// its environment (npm_config_ignore_scripts=true, from .npmrc), where `npm rebuild` would build
// nothing. A cached n8n that is marked complete but lacks its SQLite binding is rebuilt instead of
// trusted. The broken cache is a copy of the real one, hard-linked except for sqlite3 itself, so
// the real cache is never touched.
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('../../scripts/lib');

const INSTALL_SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'install-n8n.sh');
const BINDING = path.join('node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

/** Runs the installer as an npm script of this project would; resolves to { code, stdout, stderr }. */
function runInstaller({ cacheRoot, n8nVersion }) {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT], {
			env: { ...process.env, npm_config_ignore_scripts: 'true', npm_lifecycle_event: 'test', NEMO_CACHE_DIR: cacheRoot, N8N_VERSION: n8nVersion },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** Opens an in-memory SQLite database through the binding in `dir` and reads one row. */
function queryWithBinding(dir, nodeHome) {
	const script = "new (require('sqlite3').Database)(':memory:').get('select 41 + 1 as answer', (error, row) => console.log(error ? error.message : row.answer))";
	return execFileSync(path.join(nodeHome, 'bin', 'node'), ['-e', script], { cwd: dir, encoding: 'utf8' }).trim();
}

let installed;
let cacheRoot;
let copyRoot;

beforeAll(async () => {
	installed = await lib.ensureN8n();
	const n8nDir = path.resolve(path.dirname(installed.n8nBin), '..', '..');
	cacheRoot = path.dirname(n8nDir);
	// Inside the cache: hard links need the same file system.
	copyRoot = fs.mkdtempSync(path.join(cacheRoot, 'repair-test-'));
	const copy = path.join(copyRoot, path.basename(n8nDir));
	execFileSync('cp', ['-al', n8nDir, copy]);
	const sqlite = path.join('node_modules', 'sqlite3');
	fs.rmSync(path.join(copy, sqlite), { recursive: true });
	fs.cpSync(path.join(n8nDir, sqlite), path.join(copy, sqlite), { recursive: true, filter: (source) => !source.startsWith(path.join(n8nDir, sqlite, 'build')) });
	// The Node that runs n8n 2.x lives in the cache too: the copy shares it.
	if (installed.nodeHome.startsWith(cacheRoot + path.sep)) {
		const nodeDir = installed.nodeHome.slice(cacheRoot.length + 1).split(path.sep)[0];
		fs.symlinkSync(path.join(cacheRoot, nodeDir), path.join(copyRoot, nodeDir));
	}
}, 5 * 60_000);

afterAll(() => {
	if (copyRoot) fs.rmSync(copyRoot, { recursive: true, force: true });
});

test('a working cached install is checked and used as it is', async () => {
	const { code, stdout, stderr } = await runInstaller({ cacheRoot, n8nVersion: installed.n8nVersion });
	expect(code).toBe(0);
	expect(stderr).not.toMatch(/building|installing n8n/);
	expect(stdout.trim()).toBe(path.join(cacheRoot, `env-${installed.n8nVersion}.sh`));
	expect(queryWithBinding(path.dirname(path.dirname(path.dirname(installed.n8nBin))), installed.nodeHome)).toBe('42');
}, 60_000);

test('a cache marked complete without its SQLite binding is rebuilt under npm_config_ignore_scripts=true, and the binding loads', async () => {
	const copy = path.join(copyRoot, `n8n-${installed.n8nVersion}`);
	expect(fs.existsSync(path.join(copy, '.complete'))).toBe(true);
	expect(fs.existsSync(path.join(copy, BINDING))).toBe(false);

	const { code, stdout, stderr } = await runInstaller({ cacheRoot: copyRoot, n8nVersion: installed.n8nVersion });
	expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining('the SQLite binding was not built') });
	expect(stderr).toMatch(/building sqlite3 from source/);
	expect(stderr).not.toMatch(/installing n8n/);

	expect(fs.existsSync(path.join(copy, BINDING))).toBe(true);
	expect(queryWithBinding(copy, installed.nodeHome)).toBe('42');
	const envFile = stdout.trim();
	expect(envFile).toBe(path.join(copyRoot, `env-${installed.n8nVersion}.sh`));
	expect(fs.readFileSync(envFile, 'utf8')).toContain(`export NEMO_N8N_BIN="${path.join(copy, 'node_modules', '.bin', 'n8n')}"`);
}, 10 * 60_000);
