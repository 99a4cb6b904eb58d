#!/usr/bin/env node
// @ts-check
// `npm run simulator`: the simulator as a long-running process, for the demo, the end-to-end
// tests and users who build workflows without spending credits. Stops on SIGINT/SIGTERM.
const { startSimulator } = require('..');
const { parseCli, usage } = require('../config/cli');

async function main() {
	const argv = process.argv.slice(2);
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(usage());
		return;
	}
	let options;
	try {
		options = parseCli(argv, process.env);
	} catch (error) {
		console.error(`nemo-simulator: ${/** @type {Error} */ (error).message}\n\n${usage()}`);
		process.exitCode = 2;
		return;
	}
	const simulator = await startSimulator({ port: 4010, ...options });
	console.log(`NemoVideo simulator listening on ${simulator.url}`);

	const stop = async () => {
		await simulator.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error('nemo-simulator:', error);
	process.exit(1);
});
