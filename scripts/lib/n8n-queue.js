// n8n's queue mode as users run it: a main process (editor, REST, webhooks) that puts each
// execution on a Redis queue, and workers (`n8n worker`) that take them off and run them. All of
// them read one database and one encryption key, which is all they share: a credential's stored
// token reaches a worker only through the database. Here they share one user folder, so one
// SQLite file and one installed copy of the package (n8n warns that SQLite is not supported for
// scaling; on one machine it works). Redis is a throwaway redis-server on a free port.
const path = require('path');
const { launchN8nWithPackage } = require('./n8n-with-package');
const { spawnN8n } = require('./n8n-instance');
const { startRedis } = require('./redis');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const WORKER_READY = 'n8n worker is now ready';
const STARTED_EXECUTION = /Worker started execution (\S+) \(job/g;

/** Starts `n8n worker` number `index` of `instance` and waits for its ready line. */
async function startWorker(instance, index, { concurrency, echo, readyTimeoutMs }) {
	const logFile = path.join(instance.userFolder, `worker-${index}.log`);
	const worker = await spawnN8n(instance, ['worker', `--concurrency=${concurrency}`], { logFile, echo });
	const deadline = Date.now() + readyTimeoutMs;
	while (!worker.logs().includes(WORKER_READY)) {
		if (worker.child.exitCode !== null || worker.child.signalCode !== null || Date.now() > deadline) {
			await worker.stop();
			throw new Error(`n8n worker ${index} did not get ready:\n${worker.tail()}`);
		}
		await sleep(250);
	}
	return Object.assign(worker, {
		index,
		logFile,
		/** Ids of the executions this worker started, from its log (n8n logs each at info level). */
		executionIds: () => [...worker.logs().matchAll(STARTED_EXECUTION)].map((match) => match[1]),
	});
}

/**
 * Redis, then a main n8n in queue mode with the package installed (options as for
 * launchN8nWithPackage: tarball, credentials, workflows, publish, owner, env, echo), then
 * `workers` workers with `workerConcurrency` each. Resolves to the main instance (see startN8n)
 * plus { redis, workers: [{ index, pid, logs(), executionIds(), stop() }] }; its stop() ends the
 * workers, the main process and Redis.
 */
async function launchQueueModeN8n({ workers = 2, workerConcurrency = 10, workerReadyTimeoutMs = 180_000, env = {}, echo, ...options }) {
	const redis = await startRedis();
	const queueEnv = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: redis.host, QUEUE_BULL_REDIS_PORT: String(redis.port), ...env };
	let main;
	let stopMain = async () => {};
	const started = [];
	const stopAll = async (stopOptions) => {
		await Promise.all(started.map((worker) => worker.stop()));
		await stopMain(stopOptions);
		await redis.stop();
	};
	try {
		main = await launchN8nWithPackage({ ...options, env: queueEnv, echo });
		stopMain = main.stop;
		const indexes = Array.from({ length: workers }, (_, index) => index + 1);
		// One at a time: each worker's start-up alone keeps a core busy for several seconds.
		for (const index of indexes) started.push(await startWorker(main, index, { concurrency: workerConcurrency, echo, readyTimeoutMs: workerReadyTimeoutMs }));
	} catch (error) {
		await stopAll();
		throw error;
	}
	return Object.assign(main, { redis, workers: started, stop: stopAll });
}

module.exports = { launchQueueModeN8n, startWorker };
