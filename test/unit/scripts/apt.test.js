// scripts/lib/apt.js: one apt-get install per missing package, each named once, even when two
// needed commands come from the same package (ffmpeg and ffprobe).
jest.mock('child_process', () => ({ execFileSync: jest.fn() }));
const { execFileSync } = require('child_process');
const fs = require('fs');
const { ensureDebPackages } = require('../../../scripts/lib/apt');

test('two missing commands of one package: the package is named and installed once', () => {
	execFileSync.mockImplementation((command, args) => {
		if (command === 'sh') throw new Error(`not found: ${args[1]}`);
	});
	jest.spyOn(fs, 'existsSync').mockImplementation((file) => file === '/usr/bin/apt-get');
	const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
	const installed = ensureDebPackages([
		{ command: 'ffmpeg', package: 'ffmpeg' },
		{ command: 'ffprobe', package: 'ffmpeg' },
	]);
	expect(installed).toEqual(['ffmpeg']);
	expect(stderr.mock.calls.map(([text]) => text)).toContain('[apt] installing ffmpeg\n');
	const install = execFileSync.mock.calls.find((call) => call.some((arg) => Array.isArray(arg) && arg.includes('install')));
	expect(install.flat().filter((arg) => arg === 'ffmpeg')).toHaveLength(1);
	stderr.mockRestore();
});
