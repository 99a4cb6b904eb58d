// Shared by the simulator's tests: one HTTP client (undici) and the steps every test repeats.
const { request } = require('undici');
const { randomUUID } = require('crypto');
const { startSimulator } = require('../../../simulator');

const ATTRIBUTION = { 'x-skill-source': 'n8n-nodes-nemovideo', 'x-skill-version': '0.1.0', 'x-skill-platform': 'n8n' };

/** Fast by default: a generation of 100-300 s takes 0.5-1.5 s. */
function start(options = {}) {
	return startSimulator({ timeScale: 0.005, seed: 1, ...options });
}

/**
 * Registers the jest hooks of a test file: one simulator for the file, reset before each test
 * (then `afterReset` switches applied). Returns a stand-in that forwards to the live simulator.
 */
function useSimulator(options = {}, afterReset = {}) {
	let sim;
	beforeAll(async () => {
		sim = await start(options);
	});
	afterAll(() => sim?.close());
	beforeEach(() => {
		sim.reset();
		if (Object.keys(afterReset).length) sim.setConfig(afterReset);
	});
	return new Proxy(
		{},
		{
			get: (_target, key) => {
				const value = sim[key];
				return typeof value === 'function' ? value.bind(sim) : value;
			},
		},
	);
}

/**
 * @returns {Promise<{ status: number, headers: Record<string, any>, body: any, text: string }>}
 */
async function call(base, method, path, { token, headers = {}, json, body, attribution = true } = {}) {
	const allHeaders = { ...(attribution ? ATTRIBUTION : {}), ...headers };
	if (token) allHeaders.authorization = `Bearer ${token}`;
	let payload = body;
	if (json !== undefined) {
		allHeaders['content-type'] = 'application/json';
		payload = JSON.stringify(json);
	}
	const res = await request(base + path, { method, headers: allHeaders, body: payload });
	const text = await res.body.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

async function anonymousToken(sim, clientId = randomUUID(), headers = {}) {
	const res = await call(sim.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId, ...headers } });
	if (res.body?.code !== 0) throw new Error(`no token: ${res.status} ${res.text}`);
	return res.body.data;
}

async function newSession(sim, { language = 'en', token } = {}) {
	const auth = token ? { token } : await anonymousToken(sim);
	const res = await call(sim.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: auth.token, json: { task_name: 'project', language } });
	return { token: auth.token, userId: res.body.data.user_id, sessionId: res.body.data.session_id, taskId: res.body.data.task_id };
}

async function getState(sim, token, sessionId) {
	const res = await call(sim.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
	return res.body.data.state;
}

async function balance(sim, token) {
	return (await call(sim.url, 'GET', '/api/credits/balance/simple', { token })).body.data;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until fn() is truthy (or fails after timeoutMs). */
async function eventually(fn, timeoutMs = 10_000, stepMs = 20) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > end) throw new Error('condition not reached in time');
		await sleep(stepMs);
	}
}

module.exports = { start, useSimulator, call, anonymousToken, newSession, getState, balance, sleep, eventually, ATTRIBUTION };
