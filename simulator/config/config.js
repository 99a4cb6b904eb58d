// @ts-check
// The live switch values. One object is shared by every part of the simulator and changed in
// place, so a setConfig() takes effect on the very next request, including runs in progress.
const { SWITCHES, defaults, findSwitch } = require('./switches');

class ConfigError extends Error {}

/**
 * Checks and converts one value. Strings are accepted for every type because the CLI, the
 * environment and query-ish JSON all arrive as text.
 * @param {import('./switches').Switch} sw
 * @param {unknown} raw
 */
function coerce(sw, raw) {
	if (raw === null || raw === undefined || raw === '' || raw === 'null') {
		if (sw.nullable) return null;
		throw new ConfigError(`${sw.name}: a value is required`);
	}
	switch (sw.type) {
		case 'boolean': {
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === '1' || raw === 1) return true;
			if (raw === 'false' || raw === '0' || raw === 0) return false;
			throw new ConfigError(`${sw.name}: expected true or false, got ${JSON.stringify(raw)}`);
		}
		case 'number':
		case 'integer': {
			const n = typeof raw === 'number' ? raw : Number(raw);
			if (!Number.isFinite(n) || (sw.type === 'integer' && !Number.isInteger(n))) {
				throw new ConfigError(`${sw.name}: expected ${sw.type === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}`);
			}
			if (sw.min !== undefined && n < sw.min) throw new ConfigError(`${sw.name}: must be at least ${sw.min}`);
			if (sw.max !== undefined && n > sw.max) throw new ConfigError(`${sw.name}: must be at most ${sw.max}`);
			return n;
		}
		case 'enum': {
			const value = String(raw);
			if (!sw.choices?.includes(value)) throw new ConfigError(`${sw.name}: expected one of ${sw.choices?.join(', ')}, got ${JSON.stringify(raw)}`);
			return value;
		}
		default:
			return String(raw);
	}
}

/**
 * @param {Record<string, unknown>} partial
 * @returns {Record<string, unknown>} the checked values, nothing applied yet
 */
function validatePartial(partial) {
	if (!partial || typeof partial !== 'object' || Array.isArray(partial)) throw new ConfigError('expected an object of switches');
	/** @type {Record<string, unknown>} */
	const checked = {};
	for (const [name, raw] of Object.entries(partial)) {
		const sw = findSwitch(name);
		if (!sw) throw new ConfigError(`unknown switch ${name}`);
		checked[name] = coerce(sw, raw);
	}
	return checked;
}

/**
 * @param {Record<string, unknown>} [initial] switches given at start; reset() returns to them
 */
function createConfig(initial = {}) {
	const start = { ...defaults(), ...validatePartial(pickSwitches(initial)) };
	/** @type {Record<string, any>} */
	const values = { ...start };
	/** @type {Array<(changed: Record<string, unknown>) => void>} */
	const listeners = [];

	return {
		values,
		/** Validates everything first, so a bad partial changes nothing. */
		set(partial) {
			const checked = validatePartial(partial);
			Object.assign(values, checked);
			for (const listener of listeners) listener(checked);
			return values;
		},
		reset() {
			for (const key of Object.keys(values)) delete values[key];
			Object.assign(values, start);
			for (const listener of listeners) listener({ ...start });
		},
		/** @param {(changed: Record<string, unknown>) => void} listener */
		onChange(listener) {
			listeners.push(listener);
		},
	};
}

/** startSimulator's options mix switches with listener options (port, host, clock...). */
function pickSwitches(options) {
	return Object.fromEntries(Object.entries(options).filter(([key]) => findSwitch(key)));
}

module.exports = { createConfig, validatePartial, ConfigError, SWITCHES };
