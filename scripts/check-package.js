#!/usr/bin/env node
// The release gate, everything before `npm publish`, runnable on any machine:
//   node scripts/check-package.js [--tag v1.2.3] [--pack-destination <folder>]
// Packs dist/ (build first), checks what the tarball holds, runs the verification scanner's rules
// on it, and with --tag checks that the tag, package.json and CHANGELOG.md name the same version.
// The last line on stdout is the tarball's path: the publish step publishes exactly that file.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { packPackage } = require('./lib/package-install');
const { unpackTarball, packageProblems } = require('./lib/package-contents');

const ROOT = path.resolve(__dirname, '..');

function option(name) {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

/** Reasons the tag cannot be released as this version; [] when tag, manifest and changelog agree. */
function versionProblems(tag) {
	const { version } = require(path.join(ROOT, 'package.json'));
	const problems = [];
	if (tag.replace(/^refs\/tags\//, '').replace(/^v/, '') !== version) problems.push(`tag ${tag} is not package.json's version ${version}`);
	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	if (!new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?( |$)`, 'm').test(changelog)) problems.push(`CHANGELOG.md has no "## ${version}" section`);
	return problems;
}

function main() {
	const tag = option('--tag');
	const problems = tag ? versionProblems(tag) : [];
	const destDir = option('--pack-destination');
	if (destDir) fs.mkdirSync(destDir, { recursive: true });
	const tarball = packPackage(destDir ? { destDir } : {});
	const unpacked = unpackTarball(tarball);
	problems.push(...packageProblems(unpacked));
	const scan = spawnSync(process.execPath, [path.join(__dirname, 'scan-package.mjs'), unpacked], { cwd: ROOT, encoding: 'utf8' });
	fs.rmSync(unpacked, { recursive: true, force: true });
	const result = JSON.parse(scan.stdout.trim().split('\n').pop() || '{"legs":[]}');
	for (const leg of result.legs) {
		process.stderr.write(`scanner rules, ${leg.leg}: ${leg.passed ? 'passed' : `FAILED: ${leg.message}\n${leg.details ?? ''}`}\n`);
	}
	if (scan.status !== 0 || !result.passed) problems.push(`the scanner's rules failed${scan.stderr ? `: ${scan.stderr.trim()}` : ''}`);
	for (const problem of problems) process.stderr.write(`✗ ${problem}\n`);
	if (problems.length) process.exit(1);
	process.stdout.write(`${tarball}\n`);
}

main();
