// The command line: flags and NEMO_SIM_* variables for every switch, and the process itself.
const { spawn } = require('child_process');
const path = require('path');
const { parseCli } = require('../../../simulator/config/cli');
const { SWITCHES, flagOf, envOf } = require('../../../simulator/config/switches');
const { call } = require('./helpers');

test('every switch has a kebab-case flag and a NEMO_SIM_ variable', () => {
	expect(flagOf('heartbeatStyle')).toBe('heartbeat-style');
	expect(envOf('timeScale')).toBe('NEMO_SIM_TIME_SCALE');
	expect(flagOf('fiveXxBurst')).toBe('five-xx-burst');
	for (const sw of SWITCHES) {
		expect(flagOf(sw.name)).toMatch(/^[a-z][a-z0-9-]*$/);
		expect(envOf(sw.name)).toMatch(/^NEMO_SIM_[A-Z0-9_]+$/);
	}
});

test('flags override the environment; values are checked and typed', () => {
	const options = parseCli(['--port', '4011', '--time-scale=0.05', '--heartbeat-style', 'comment', '--fail-first-render', '--no-export-blocked'], {
		NEMO_SIM_HEARTBEAT_STYLE: 'ping',
		NEMO_SIM_SILENT_EDIT_RATE: '0.7',
		NEMO_SIM_DROP_STREAM_AFTER_EVENTS: '3',
	});
	expect(options).toEqual({ port: 4011, timeScale: 0.05, heartbeatStyle: 'comment', failFirstRender: true, exportBlocked: false, silentEditRate: 0.7, dropStreamAfterEvents: 3 });
	expect(() => parseCli(['--heartbeat-style', 'loud'], {})).toThrow(/heartbeatStyle/);
	expect(() => parseCli(['--unknown'], {})).toThrow(/unknown flag/);
});

test('bin/nemo-simulator.js prints its address, serves, and stops on SIGTERM', async () => {
	const child = spawn(process.execPath, [path.join(__dirname, '../../../simulator/bin/nemo-simulator.js'), '--port', '0', '--render-shape', 'lambda'], {
		env: { ...process.env, NEMO_SIM_TIME_SCALE: '0.01' },
	});
	try {
		const line = await new Promise((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (data) => {
				out += data;
				if (out.includes('\n')) resolve(out.split('\n')[0]);
			});
			child.once('exit', () => reject(new Error(`exited early: ${out}`)));
		});
		const match = /^NemoVideo simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
		expect(match).not.toBeNull();
		const config = (await call(match[1], 'GET', '/__sim/config')).body;
		expect(config).toMatchObject({ renderShape: 'lambda', timeScale: 0.01 });
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
});

test('docs/simulator.md documents every switch with its flag and variable', () => {
	const doc = require('fs').readFileSync(path.join(__dirname, '../../../docs/simulator.md'), 'utf8');
	for (const sw of SWITCHES) {
		expect(doc).toContain(`| \`${sw.name}\` | \`--${flagOf(sw.name)}\` | \`${envOf(sw.name)}\` |`);
	}
});
