// The packed package as npm would publish it (`npm pack` of the built dist/): what it holds, the
// rules of n8n's verification scanner on it, and the bundled parser's licence and source map.
// Each check is also shown failing on a package that breaks it, so a pass means something.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { SourceMap } = require('module');
const { packPackage } = require('../../scripts/lib/package-install');
const { unpackTarball, packageProblems, listFiles } = require('../../scripts/lib/package-contents');

const ROOT = path.resolve(__dirname, '..', '..');
const SCAN = path.join(ROOT, 'scripts', 'scan-package.mjs');
const BUNDLE = 'dist/nodes/shared/vendor/eventsourceParser.js';

jest.setTimeout(120_000);

let unpacked;
let files;
beforeAll(() => {
	const tarball = packPackage();
	unpacked = unpackTarball(tarball);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	files = listFiles(unpacked);
});
afterAll(() => {
	if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
});

function scan(dir) {
	const result = spawnSync(process.execPath, [SCAN, dir], { cwd: ROOT, encoding: 'utf8' });
	return { code: result.status, ...JSON.parse(result.stdout.trim().split('\n').pop()) };
}

function copyOfPackage() {
	const copy = fs.mkdtempSync(`${unpacked}-copy-`);
	fs.cpSync(unpacked, copy, { recursive: true });
	return copy;
}

test('the tarball holds LICENSE, README, every node with its codex file, and no source or test file', () => {
	const { n8n } = require(path.join(ROOT, 'package.json'));
	expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', ...n8n.credentials, ...n8n.nodes]));
	expect(n8n.nodes).toHaveLength(6);
	for (const node of n8n.nodes) expect(files).toContain(node.replace(/\.js$/, '.json'));
	expect(fs.readFileSync(path.join(unpacked, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
	expect(files.filter((file) => file.endsWith('.ts') || /(^|\/)test\//.test(file))).toEqual([]);
	expect(packageProblems(unpacked)).toEqual([]);
});

test('the contents check names what is wrong with a package that lacks a licence and a codex file and carries a test', () => {
	const copy = copyOfPackage();
	try {
		fs.rmSync(path.join(copy, 'LICENSE'));
		fs.rmSync(path.join(copy, 'dist/nodes/NemoVideoExport/NemoVideoExport.node.json'));
		fs.mkdirSync(path.join(copy, 'dist/test'));
		fs.writeFileSync(path.join(copy, 'dist/test/export.test.js'), '');
		expect(packageProblems(copy)).toEqual([
			'LICENSE is missing',
			'dist/nodes/NemoVideoExport/NemoVideoExport.node.json, the codex file of NemoVideoExport.node.js, is missing',
			'dist/test/export.test.js should not be published',
		]);
	} finally {
		fs.rmSync(copy, { recursive: true, force: true });
	}
});

test("the verification scanner's rules pass on the source and on the unpacked tarball", () => {
	const result = scan(unpacked);
	expect(result.legs.map((leg) => [leg.leg, leg.passed, leg.details])).toEqual([
		['source', true, undefined],
		['tarball', true, undefined],
	]);
	expect(result.code).toBe(0);
});

test("the scanner's rules fail on a tarball whose code breaks one (a console call)", () => {
	const copy = copyOfPackage();
	try {
		fs.appendFileSync(path.join(copy, 'dist/nodes/NemoVideoGetCredits/execute.js'), '\nconsole.log("debug");\n');
		const result = scan(copy);
		expect(result.code).toBe(1);
		expect(result.legs.find((leg) => leg.leg === 'tarball')).toMatchObject({ passed: false, details: expect.stringMatching(/no-console/) });
	} finally {
		fs.rmSync(copy, { recursive: true, force: true });
	}
});

test('the bundled eventsource-parser opens with its MIT notice, and its source map maps the bundle back to the library', () => {
	const bundle = fs.readFileSync(path.join(unpacked, BUNDLE), 'utf8');
	const licence = fs.readFileSync(require.resolve('eventsource-parser/package.json').replace('package.json', 'LICENSE'), 'utf8');
	expect(bundle.startsWith('/*! eventsource-parser ')).toBe(true);
	expect(bundle.slice(0, 2000)).toContain(licence.trim());
	expect(bundle).toMatch(/\/\/# sourceMappingURL=eventsourceParser\.js\.map\n?$/);

	const map = new SourceMap(JSON.parse(fs.readFileSync(path.join(unpacked, `${BUNDLE}.map`), 'utf8')));
	const lines = bundle.split('\n');
	const line = lines.findIndex((text) => text.startsWith('function createParser('));
	expect(line).toBeGreaterThan(0);
	const entry = map.findEntry(line, 0);
	expect(entry.originalSource).toMatch(/eventsource-parser\/src\/parse\.ts$/);
	const original = map.payload.sourcesContent[map.payload.sources.indexOf(entry.originalSource)].split('\n')[entry.originalLine];
	expect(original).toMatch(/function createParser\(/);
});

test("the README's images and links into the repository are absolute, on package.json's repository, and name files that exist", () => {
	const { repository } = require(path.join(ROOT, 'package.json'));
	const repo = /^git\+(https:\/\/github\.com\/[^/]+\/[^/.]+)\.git$/.exec(repository.url)[1];
	const [, owner, name] = /github\.com\/([^/]+)\/(.+)$/.exec(repo);
	const readme = fs.readFileSync(path.join(unpacked, 'README.md'), 'utf8');
	const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]);
	const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
	expect(images.length).toBeGreaterThanOrEqual(3);
	for (const image of images) expect(image.startsWith(`https://raw.githubusercontent.com/${owner}/${name}/main/`)).toBe(true);
	const relative = targets.filter((target) => !/^[a-z]+:/.test(target));
	expect(relative).toEqual([]);
	const inRepo = targets
		.map((target) => target.replace(`https://raw.githubusercontent.com/${owner}/${name}/main/`, '').replace(`${repo}/blob/main/`, ''))
		.filter((target) => !/^[a-z]+:/.test(target));
	expect(inRepo.length).toBeGreaterThanOrEqual(images.length + 3);
	for (const file of inRepo) expect([file, fs.existsSync(path.join(ROOT, file))]).toEqual([file, true]);
});
