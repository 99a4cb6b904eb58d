// n8n's own command line, run with an instance's environment: import credentials and workflows,
// execute a workflow, export (and decrypt) credentials, publish a workflow. Each command is a
// separate n8n process reading the same database as the server, which is also how a queue-mode
// worker sees a credential: only what n8n stored survives from one execution to the next.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Runs `n8n <args>`; resolves to { code, stdout, stderr } (never rejects on a non-zero exit). */
function runCli({ n8nBin, env }, args, { timeoutMs = 5 * 60_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(n8nBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args[0]} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

async function runCliOrThrow(ctx, args, options) {
	const result = await runCli(ctx, args, options);
	if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
	return result;
}

function withJsonFile(value, use) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-n8n-io-'));
	const file = path.join(dir, 'data.json');
	if (value !== undefined) fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return use(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

// At debug level n8n's logger colours every line, prefixes it with a time and a level and
// appends its metadata as ` { "file": … }`; JSON printed through it is split the same way.
const ANSI = /\u001b\[[0-9;]*m/g;
const LOG_PREFIX = /^\d\d:\d\d:\d\d\.\d{3}\s+[a-z]+\s+/;
const LOG_METADATA = /^\}\s+\{ "file": .*\}$/;
function plainLogLine(line) {
	return line.replace(ANSI, '').replace(LOG_PREFIX, '').replace(LOG_METADATA, '}');
}

/**
 * The last top-level JSON object printed on `text` that `accept` approves. `n8n execute
 * --rawOutput` prints log lines around its JSON (more of them at debug level, some of them
 * objects too); the JSON, pretty-printed, opens with a `{` alone on a line at column 0.
 */
function parseLastJsonObject(text, accept = () => true) {
	const lines = text.split('\n').map(plainLogLine);
	for (let start = lines.length - 1; start >= 0; start--) {
		if (lines[start].trimEnd() !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end].trimEnd() !== '}') continue;
			let value;
			try {
				value = JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				continue; // a `}` that closes something inside; the object goes on
			}
			if (accept(value)) return value;
			break;
		}
	}
	return undefined;
}

/** `credentials`: [{ id?, name, type, data: {plain fields} }]. n8n encrypts `data` on import. */
async function importCredentials(ctx, credentials) {
	await withJsonFile(credentials, (file) => runCliOrThrow(ctx, ['import:credentials', `--input=${file}`]));
}

/** `workflows`: [{ id, name, nodes, connections, settings? }] (a workflow JSON as exported). */
async function importWorkflows(ctx, workflows) {
	const complete = workflows.map((workflow) => ({ active: false, settings: { executionOrder: 'v1' }, pinData: {}, ...workflow }));
	await withJsonFile(complete, (file) => runCliOrThrow(ctx, ['import:workflow', `--input=${file}`]));
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves to { ok, code, run, stdout, stderr, durationMs },
 * `run` being the parsed IRun (also printed for a failed run); it does not reject on a failed run.
 */
async function executeWorkflow(ctx, id, options) {
	const started = Date.now();
	const result = await runCli(ctx, ['execute', `--id=${id}`, '--rawOutput'], options);
	const run = parseLastJsonObject(result.stdout, (value) => value.data?.resultData !== undefined);
	return { ok: run !== undefined && run.status === 'success' && !run.data?.resultData?.error, run, ...result, durationMs: Date.now() - started };
}

/** Every credential as n8n stores it, `data` decrypted. */
async function exportCredentials(ctx) {
	return await withJsonFile(undefined, async (file) => {
		await runCliOrThrow(ctx, ['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	});
}

/** The decrypted data of credential `id`, read back from n8n's database. */
async function getCredentialData(ctx, id) {
	const credential = (await exportCredentials(ctx)).find((entry) => entry.id === id);
	if (!credential) throw new Error(`n8n has no credential ${id}`);
	return credential.data;
}

/** Activates a workflow (its triggers and webhooks go live on the next `n8n start`). n8n 1.x has no publish:workflow. */
async function publishWorkflow(ctx, id) {
	const major = Number(String(ctx.n8nVersion ?? '2').split('.')[0]);
	await runCliOrThrow(ctx, major < 2 ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
}

module.exports = {
	runCli,
	parseLastJsonObject,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	exportCredentials,
	getCredentialData,
	publishWorkflow,
};
