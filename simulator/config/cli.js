// @ts-check
// Switches from the command line (`--heartbeat-style comment`, `--fail-first-render`) and from
// NEMO_SIM_* variables. Flags win over the environment; both are checked like setConfig().
const { SWITCHES, flagOf, envOf } = require('./switches');
const { validatePartial, ConfigError } = require('./config');

/** Listener options that are not switches. */
const LISTENER_OPTIONS = [
	{ name: 'port', flag: 'port', env: 'NEMO_SIM_PORT', parse: (v) => Number(v) },
	{ name: 'host', flag: 'host', env: 'NEMO_SIM_HOST', parse: (v) => String(v) },
	{ name: 'cdnSameOrigin', flag: 'cdn-same-origin', env: 'NEMO_SIM_CDN_SAME_ORIGIN', parse: (v) => v === true || v === 'true' || v === '1' },
];

/**
 * @param {string[]} argv arguments after the script name
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, unknown>} options for startSimulator()
 */
function parseCli(argv, env) {
	/** @type {Record<string, unknown>} */
	const raw = {};
	/** @type {Map<string, { name: string, boolean: boolean }>} */
	const byFlag = new Map(/** @type {Array<[string, { name: string, boolean: boolean }]>} */ ([
		...SWITCHES.map((s) => [flagOf(s.name), { name: s.name, boolean: s.type === 'boolean' }]),
		...LISTENER_OPTIONS.map((o) => [o.flag, { name: o.name, boolean: o.name === 'cdnSameOrigin' }]),
	]));

	for (const s of SWITCHES) if (env[envOf(s.name)] !== undefined) raw[s.name] = env[envOf(s.name)];
	for (const o of LISTENER_OPTIONS) if (env[o.env] !== undefined) raw[o.name] = env[o.env];

	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument ${arg}`);
		const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2);
		const negated = flag.startsWith('no-') && byFlag.get(flag.slice(3))?.boolean;
		const known = byFlag.get(negated ? flag.slice(3) : flag);
		if (!known) throw new ConfigError(`unknown flag --${flag}`);
		if (negated) raw[known.name] = false;
		else if (inline !== undefined) raw[known.name] = inline;
		else if (known.boolean && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))) raw[known.name] = true;
		else raw[known.name] = argv[++i];
	}

	const options = {};
	for (const o of LISTENER_OPTIONS) if (raw[o.name] !== undefined) options[o.name] = o.parse(raw[o.name]);
	const switches = Object.fromEntries(Object.entries(raw).filter(([k]) => !LISTENER_OPTIONS.some((o) => o.name === k)));
	return { ...options, ...validatePartial(switches) };
}

function usage() {
	const lines = ['Usage: nemo-simulator [--port 4010] [--host 127.0.0.1] [--cdn-same-origin] [--<switch> <value>]...', '', 'Switches (flag, environment variable, default):'];
	for (const s of SWITCHES) {
		const values = s.choices ? s.choices.join('|') : s.type;
		lines.push(`  --${flagOf(s.name)} <${values}>  ${envOf(s.name)}  default ${JSON.stringify(s.default)}`, `      ${s.doc}`);
	}
	return lines.join('\n');
}

module.exports = { parseCli, usage, LISTENER_OPTIONS };
