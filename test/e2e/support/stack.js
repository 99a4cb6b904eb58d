// What every end-to-end test file starts from: the simulator (in this process, so tests read its
// request log directly) and one real n8n 2.41.1 with this package installed from its tarball,
// its credentials pointed at the simulator, its workflows imported and its owner signed in.
const fs = require('fs');
const path = require('path');
const lib = require('../../../scripts/lib');

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The major version of the n8n this run drives (N8N_VERSION, as the installer reads it). */
const N8N_MAJOR = Number((process.env.N8N_VERSION || lib.DEFAULT_N8N_VERSION).split('.')[0]);

function assertBuilt() {
	const { n8n } = require(path.join(ROOT, 'package.json'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (missing.length) throw new Error(`run \`npm run build\` first: ${missing.join(', ')} missing`);
}

/**
 * credentials: { key: { id?, name?, authType?, ... } } → anonymous credentials on the simulator,
 *   with ids derived from the key unless given; workflows(credentialRefs) → workflow JSON to import;
 * otherCredentials: more credentials for `n8n import:credentials`, as they are (a chat model's, say);
 * publish: workflow ids to publish (webhooks live); simulator: options for startSimulator;
 * n8nEnv: extra environment for n8n; queue: { workers, workerConcurrency } runs n8n in queue mode
 * (main + workers + Redis, see scripts/lib/n8n-queue.js).
 * Resolves to { simulator, n8n, credentials: { key: { id, name } }, close() }.
 */
async function startStack({ credentials = {}, otherCredentials = [], workflows = () => [], publish = [], simulator: simulatorOptions = {}, n8nEnv = {}, queue } = {}) {
	assertBuilt();
	const { startSimulator } = require(path.join(ROOT, 'simulator'));
	const simulator = await startSimulator({ timeScale: 0.01, ...simulatorOptions });
	let n8n;
	try {
		const refs = Object.fromEntries(Object.entries(credentials).map(([key, options]) => [key, { id: options.id ?? `cred${key}`.slice(0, 21), name: options.name ?? `NemoVideo ${key}` }]));
		const tarball = lib.packPackage();
		const launch = queue ? lib.launchQueueModeN8n : lib.launchN8nWithPackage;
		n8n = await launch({
			tarball,
			credentials: [...Object.entries(credentials).map(([key, options]) => lib.nemoCredential({ baseUrl: simulator.url, ...options, ...refs[key] })), ...otherCredentials],
			workflows: workflows(refs),
			publish,
			env: n8nEnv,
			...queue,
		});
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		return {
			simulator,
			n8n,
			credentials: refs,
			async close() {
				// NEMO_E2E_KEEP=1 keeps n8n's folder (database, n8n.log) to look at after a failure.
				const keepFolder = Boolean(process.env.NEMO_E2E_KEEP);
				await n8n.stop({ keepFolder });
				if (keepFolder) process.stderr.write(`n8n folder kept: ${n8n.userFolder}\n`);
				await simulator.close();
			},
		};
	} catch (error) {
		await simulator.close();
		throw error;
	}
}

module.exports = { startStack, ROOT, N8N_MAJOR };
