// Build steps that tsc does not do: copy the icons and codex files next to the compiled nodes,
// and bundle the few development libraries the nodes use at run time into the files that import
// them. A verified community node may have no runtime `dependencies`, so anything we use from npm
// has to travel inside `dist`.
const path = require('path');
const { src, dest, series } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// Each file under nodes/shared/vendor/ re-exports one library and is the only place that imports
// it. tsc leaves a `require('<library>')` there; this step replaces that compiled file with a
// self-contained bundle, so nothing else in dist ever reaches into node_modules. The bundle opens
// with the library's licence (its MIT terms require the notice to travel with the code) and gets
// its own source map in place of tsc's, which described the one-line seam file.
async function bundleVendored() {
	const esbuild = require('esbuild');
	const fs = require('fs');
	const vendorDir = path.join('nodes', 'shared', 'vendor');
	if (!fs.existsSync(vendorDir)) return;
	const entries = fs.readdirSync(vendorDir).filter((name) => name.endsWith('.ts'));
	for (const entry of entries) {
		const library = /from '([^']+)'/.exec(fs.readFileSync(path.join(vendorDir, entry), 'utf8'))[1];
		await esbuild.build({
			entryPoints: [path.join(vendorDir, entry)],
			outfile: path.join('dist', vendorDir, entry.replace(/\.ts$/, '.js')),
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			external: ['n8n-workflow'],
			banner: { js: licenceBanner(library) },
			legalComments: 'inline',
			sourcemap: true,
			logLevel: 'warning',
		});
	}
}

function licenceBanner(library) {
	const fs = require('fs');
	const packageDir = path.dirname(require.resolve(`${library}/package.json`));
	const { version, license } = require(`${library}/package.json`);
	const licenceFile = fs.readdirSync(packageDir).find((name) => /^licen[cs]e/i.test(name));
	if (!licenceFile) throw new Error(`${library} ships no licence file: its notice cannot be bundled`);
	const text = fs.readFileSync(path.join(packageDir, licenceFile), 'utf8').trim().replace(/\*\//g, '* /');
	return `/*! ${library} ${version} (${license}), bundled into this file:\n\n${text}\n*/`;
}

exports['build:icons'] = series(copyAssets, bundleVendored);
exports.default = function licenceBanner(library) {
	const fs = require('fs');
	const packageDir = path.dirname(require.resolve(`${library}/package.json`));
	const { version, license } = require(`${library}/package.json`);
	const licenceFile = fs.readdirSync(packageDir).find((name) => /^licen[cs]e/i.test(name));
	if (!licenceFile) throw new Error(`${library} ships no licence file: its notice cannot be bundled`);
	const text = fs.readFileSync(path.join(packageDir, licenceFile), 'utf8').trim().replace(/\*\//g, '* /');
	return `/*! ${library} ${version} (${license}), bundled into this file:\n\n${text}\n*/`;
}

exports['build:icons'];
