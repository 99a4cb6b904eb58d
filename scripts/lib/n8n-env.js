// The environment every n8n process of one instance shares (the server and each CLI command):
// the same user folder and encryption key, so they read one database and one set of secrets.
// Values follow /work/shared/REAL-N8N.md: loopback only, no telemetry, no calls home.
const path = require('path');

// Fixed, because credentials imported by one process must decrypt in the next. Test-only value.
const ENCRYPTION_KEY = 'n8n-nodes-nemovideo-local-key-not-a-secret';

/**
 * nodeHome: folder of the Node that runs n8n (its bin/ goes first on PATH, its headers build
 * community nodes' native modules);
 * userFolder: N8N_USER_FOLDER; port: the editor/REST port; brokerPort: the task broker's port
 * (each concurrently running n8n process needs its own, never 5679); extra: overrides.
 */
function n8nEnv({ nodeHome, userFolder, port, brokerPort, extra = {} }) {
	const env = { ...process.env };
	// npm and jest set variables that would leak into n8n: under jest's NODE_ENV=test, n8n's CLI
	// commands exit 0 having done nothing.
	for (const key of Object.keys(env)) {
		if (key.startsWith('npm_') || key.startsWith('JEST_') || key.startsWith('N8N_') || ['NODE_ENV', 'NODE_OPTIONS'].includes(key)) delete env[key];
	}
	return {
		...env,
		PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: nodeHome,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// The CLI's own log lines share stdout with `execute --rawOutput`'s JSON; keep them few.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		...extra,
	};
}

module.exports = { n8nEnv, ENCRYPTION_KEY };
