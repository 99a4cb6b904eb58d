// @ts-check
// startSimulator(): a local NemoVideo API (docs/api.md) on 127.0.0.1, with a second
// listener for the CDN so clients can prove they send no token to another host.
const { createConfig } = require('./config/config');
const { createClock } = require('./time/clock');
const { createWorld } = require('./world');
const { createRequestLog } = require('./log/requestLog');
const { createRouter } = require('./http/router');
const { createFaults } = require('./http/faults');
const { createApiHandler } = require('./http/apiHandler');
const { listen, closeServer } = require('./http/listen');
const { addAuthRoutes } = require('./auth/routes');
const { addSessionRoutes } = require('./sessions/routes');
const { addCreditRoutes } = require('./credits/routes');
const { addControlRoutes } = require('./control/routes');
const { createCdnHandler } = require('./cdn/handler');
const { createRuns } = require('./agent/runs');
const { addRunSseRoute } = require('./runSse/route');
const { addUploadRoutes } = require('./upload/routes');
const { createRenders } = require('./render/jobs');
const { addRenderRoutes } = require('./render/routes');

/**
 * @param {Record<string, any> & { port?: number, host?: string, cdnSameOrigin?: boolean, clock?: import('./time/clock').Clock }} [options]
 */
async function startSimulator(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const config = createConfig(options);
	const clock = options.clock ?? createClock();
	const world = createWorld({ config, clock });
	const requestLog = createRequestLog(clock);
	const faults = createFaults(config);

	const router = createRouter();
	addAuthRoutes(router, world);
	addSessionRoutes(router, world);
	addCreditRoutes(router, world);
	const runs = createRuns(world);
	addRunSseRoute(router, world, runs);
	addUploadRoutes(router, world);
	const renders = createRenders(world);
	addRenderRoutes(router, world, renders);

	const cdnHandler = createCdnHandler(world, renders);

	const sim = {
		config: config.values,
		clock,
		log: requestLog.reader,
		/** @param {Record<string, unknown>} partial */
		setConfig: (partial) => config.set(partial),
		expireTokens: () => world.tokens.expireAll(),
		reset() {
			config.reset();
			world.reset();
			requestLog.reader.clear();
		},
		/** @param {string} sid */
		inspectSession(sid) {
			const session = world.sessions.get(sid);
			if (!session) return null;
			const account = world.accounts.get(session.userId);
			return {
				session: { sessionId: session.sessionId, taskId: session.taskId, taskName: session.taskName, language: session.language, userId: session.userId },
				state: session.state,
				credits: account?.credits.balance(),
				runs: runs.forSession(sid).map((run) => run.summary()),
				runsInProgress: runs.forSession(sid).filter((run) => run.status === 'running').length,
			};
		},
	};
	const controlRouter = createRouter();
	addControlRoutes(controlRouter, sim);

	const api = await listen(
		createApiHandler({ router, controlRouter, cdnHandler: options.cdnSameOrigin ? cdnHandler : null, record: requestLog.record, faults }),
		options.port ?? 0,
		host,
	);
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${api.port}`;
	const servers = [api.server];

	let cdnUrl = `${url}/cdn`;
	if (!options.cdnSameOrigin) {
		const cdnListener = (req, res) => {
			requestLog.record(req, res, 'cdn');
			const path = new URL(req.url || '/', 'http://cdn').pathname;
			if (faults.intercept(req, res, path, 'cdn')) return;
			cdnHandler(req, res, path);
		};
		const cdn = await listen(cdnListener, 0, '127.0.0.1');
		servers.push(cdn.server);
		// "localhost" is another host name than the API's 127.0.0.1; where it resolves to ::1
		// first, a twin listener on the same port answers there too.
		await listen(cdnListener, cdn.port, '::1').then(
			(twin) => servers.push(twin.server),
			() => undefined,
		);
		cdnUrl = `http://localhost:${cdn.port}`;
	}
	world.cdnBase = cdnUrl;

	return {
		url,
		port: api.port,
		cdnUrl,
		log: sim.log,
		config: sim.config,
		clock,
		setConfig: sim.setConfig,
		expireTokens: sim.expireTokens,
		reset: sim.reset,
		async close() {
			world.reset();
			await Promise.all(servers.map(closeServer));
		},
	};
}

module.exports = { startSimulator };
