// What the media benchmarks share: the large MP4 they move and the simulator they move it to.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream/promises');
const { Readable } = require('stream');
const { largeMp4 } = require('../../simulator/cdn/largeMp4');

const ROOT = path.resolve(__dirname, '..', '..');
const MiB = 1024 * 1024;

/** `--name value` from the command line, or `fallback`. */
function argValue(args, name, fallback) {
	return args.includes(name) ? args[args.indexOf(name) + 1] : fallback;
}

/** Writes a valid MP4 of `bytes` bytes (the simulator's sample followed by `free` boxes), streaming. */
async function writeLargeMp4(file, bytes) {
	const source = largeMp4(bytes);
	await pipeline(Readable.from(source.read(0, source.size - 1)), fs.createWriteStream(file));
	return source.size;
}

/** The simulator in a process of its own, so its buffers never count as anyone's memory. */
async function startSimulatorProcess(renderBytes, { maxUploadMb = 600 } = {}) {
	const bin = path.join(ROOT, 'simulator', 'bin', 'nemo-simulator.js');
	const child = spawn(
		process.execPath,
		[bin, '--port', '0', '--time-scale', '0.001', '--seed', '3', '--max-upload-mb', String(maxUploadMb), '--render-output-bytes', String(renderBytes), '--starting-credits', '100000', '--trailer-rate', '0', '--silent-edit-rate', '0'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise((resolve, reject) => {
		child.stdout.on('data', (data) => {
			const match = /listening on (\S+)/.exec(String(data));
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
	const control = async (method, urlPath) => (await fetch(`${url}${urlPath}`, { method })).json();
	return {
		url,
		pid: child.pid,
		requests: async () => {
			const answer = await control('GET', '/__sim/requests');
			return Array.isArray(answer) ? answer : (answer.requests ?? answer.entries ?? []);
		},
		clear: () => control('POST', '/__sim/requests/clear'),
		stop: () => child.kill('SIGTERM'),
	};
}

module.exports = { ROOT, MiB, argValue, writeLargeMp4, startSimulatorProcess };
