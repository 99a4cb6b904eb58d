#!/usr/bin/env node
// The rules n8n's verification scanner (@n8n/scan-community-package) applies, run offline. The
// published scanner first fetches the package and its provenance from npm, then lints two things
// with its own ESLint configuration: the source checkout the provenance names, and the unpacked
// tarball. This runs those same two legs with the scanner's own analyzePackage, on this checkout
// and on a tarball unpacked by the caller.
//   node scripts/scan-package.mjs <unpacked tarball folder> [<source folder, default: this checkout>]
// Prints one JSON line { passed, legs: [{ leg, passed, message, details }] }; exits 1 on any error.
import path from 'path';
import { fileURLToPath } from 'url';

// eslint-plugin-n8n-nodes-base judges file names differently when NODE_ENV is "test" (its own test
// mode), which jest sets for everything it spawns. The plugin reads it when loaded.
delete process.env.NODE_ENV;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [packageDir, sourceDir = root] = process.argv.slice(2);
if (!packageDir) {
	console.error('usage: node scripts/scan-package.mjs <unpacked tarball folder> [<source folder>]');
	process.exit(2);
}

const legs = [
	{ leg: 'source', ...(await analyzePackage(path.resolve(sourceDir), SOURCE_FILE_PATTERNS)) },
	// The patterns the scanner gives the tarball leg: compiled JavaScript and the published manifest.
	{ leg: 'tarball', ...(await analyzePackage(path.resolve(packageDir), ['**/*.js', 'package.json'])) },
];
// analyzePackage passes a folder it found nothing in; a scan of nothing proves nothing.
for (const leg of legs) {
	if (leg.message === 'No files found to analyze') Object.assign(leg, { passed: false });
	delete leg.error;
}
const passed = legs.every((leg) => leg.passed);
process.stdout.write(`${JSON.stringify({ passed, legs })}\n`);
process.exit(passed ? 0 : 1);
