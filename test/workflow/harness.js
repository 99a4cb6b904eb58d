// Runs workflows through n8n-core's real WorkflowExecute, in this process, with our node types
// loaded from source. What n8n's server would add around the engine is supplied here in its
// smallest faithful form: a credential store with n8n's preAuthentication rules (the expirable
// hidden field, persisted after a refresh), node types, a binary data service and a start node.
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Temporary folders go when the test process does: binary data of big-file tests adds up to gigabytes. */
function removeOnExit(folder) {
	process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
	return folder;
}

// n8n-core writes its instance settings under N8N_USER_FOLDER; keep them out of the home folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-n8n-core-'));
	removeOnExit(process.env.N8N_USER_FOLDER);
}

const core = require('n8n-core');
// n8n-core carries its own copy of the DI container; services must come from that one.
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const { Workflow, ICredentialsHelper } = require('n8n-workflow');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_PREFIX = 'n8n-nodes-nemovideo.';
const NODE_CLASSES = [
	'NemoVideoCreateSession',
	'NemoVideoUploadMedia',
	'NemoVideoSendInstruction',
	'NemoVideoGetState',
	'NemoVideoExport',
	'NemoVideoGetCredits',
];

function loadOurNodeTypes() {
	const types = {};
	for (const className of NODE_CLASSES) {
		const file = path.join(ROOT, 'nodes', className, `${className}.node.ts`);
		if (!fs.existsSync(file)) continue;
		const NodeClass = require(file)[className];
		const instance = new NodeClass();
		types[`${PACKAGE_PREFIX}${instance.description.name}`] = instance;
	}
	return types;
}

/**
 * Stands in for n8n's Manual Trigger: emits the items in its `items` parameter (default one empty
 * item). Its optional `files` parameter attaches files from disk as binary data, through n8n's own
 * binary store (streamed to disk in filesystem mode): [{ path, item = 0, property = 'data', fileName?, mimeType? }].
 */
class StartNode {
	description = {
		displayName: 'Start',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' },
			{ displayName: 'Files', name: 'files', type: 'json', default: '[]' },
		],
	};

	async execute() {
		const raw = this.getNodeParameter('items', 0, '[{}]');
		const items = typeof raw === 'string' ? JSON.parse(raw) : raw;
		const output = items.map((json, index) => ({ json, pairedItem: { item: index } }));
		const rawFiles = this.getNodeParameter('files', 0, '[]');
		for (const file of typeof rawFiles === 'string' ? JSON.parse(rawFiles) : rawFiles) {
			const item = output[file.item ?? 0];
			const binary = await this.helpers.prepareBinaryData(fs.createReadStream(file.path), file.fileName ?? path.basename(file.path), file.mimeType);
			item.binary = { ...item.binary, [file.property ?? 'data']: binary };
		}
		return [output];
	}
}

class NodeTypes {
	constructor(types) {
		this.types = types;
	}
	getByName(name) {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}
	getByNameAndVersion(name) {
		return this.getByName(name);
	}
	getKnownTypes() {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]));
	}
}

function loadCredentialType() {
	const { NemoVideoApi } = require(path.join(ROOT, 'credentials', 'NemoVideoApi.credentials.ts'));
	return new NemoVideoApi();
}

/**
 * n8n's CredentialsHelper, reduced to what our credential uses, with the same rules as n8n 2.41's
 * packages/cli credentials-helper: preAuthentication runs when the expirable hidden field is empty
 * or the credential is marked expired, and its output is stored back with the credential.
 */
class CredentialStore extends ICredentialsHelper {
	constructor(credentialType) {
		super();
		this.credentialType = credentialType;
		this.records = new Map();
		this.preAuthenticationCalls = 0;
	}
	add(id, data) {
		this.records.set(id, { id, name: `NemoVideo ${id}`, data: { ...data } });
		this.lastId = id;
	}
	stored(id = this.lastId) {
		return { ...this.records.get(id).data };
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, _type, requestOptions) {
		return await this.credentialType.authenticate(credentials, requestOptions);
	}
	async preAuthentication(helpers, credentials, _type, node, credentialsExpired) {
		const expirable = this.credentialType.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		const output = await this.credentialType.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const record = this.records.get(node.credentials.nemoVideoApi.id);
		record.data = { ...record.data, ...output };
		return Object.assign(credentials, output);
	}
	async runPreAuthentication(helpers, credentials) {
		return await this.credentialType.preAuthentication.call(helpers, credentials);
	}
	async getCredentials(nodeCredentials) {
		const record = this.records.get(nodeCredentials.id);
		return { id: record.id, name: record.name, type: 'nemoVideoApi', getData: async () => ({ ...record.data }) };
	}
	async getDecrypted(_additionalData, nodeCredentials) {
		const record = this.records.get(nodeCredentials.id);
		if (!record) throw new Error(`No credential ${nodeCredentials.id}`);
		return { ...record.data };
	}
	async updateCredentials(nodeCredentials, _type, data) {
		this.records.get(nodeCredentials.id).data = { ...data };
	}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

let binaryDataReady;
let binaryDataMode;
let binaryDataPath;
/** The mode of the latest runner wins, so one test file can run in both modes (one after the other). */
async function initBinaryData(mode) {
	if (binaryDataMode !== mode) {
		const previous = binaryDataReady;
		binaryDataMode = mode;
		binaryDataReady = (async () => {
			await previous;
			binaryDataPath ??= removeOnExit(fs.mkdtempSync(path.join(os.tmpdir(), 'nemo-binary-')));
			const config = Container.get(core.BinaryDataConfig);
			config.mode = mode;
			config.availableModes = ['default', 'filesystem'];
			config.localStoragePath = binaryDataPath;
			await Container.get(core.BinaryDataService).init();
		})();
	}
	await binaryDataReady;
}

/**
 * A workflow runner. `credentials` is the plain data of its one NemoVideo credential, a new one
 * (with an id of its own) per runner, as the transport remembers tokens per credential in a process.
 * `run(workflowJson)` resolves to { outputs: { nodeName: items[] }, errors: { nodeName: error }, run }.
 */
let runnersCreated = 0;

async function createRunner({ credentials, binaryMode = 'default' } = {}) {
	await initBinaryData(binaryMode);
	const credentialType = loadCredentialType();
	const store = new CredentialStore(credentialType);
	const credentialId = String(++runnersCreated);
	store.add(credentialId, { authType: 'anonymous', clientId: '', sessionToken: '', anonymousUserId: '', webUrl: 'https://nemovideo.com', ...credentials });
	const nodeTypes = new NodeTypes({ ...loadOurNodeTypes(), 'n8n-nodes-base.manualTrigger': new StartNode() });

	/** `onChunk`: the execution streams its response (as under a Webhook in Streaming mode) and hands each chunk here. */
	function start(workflowJson, { onChunk } = {}) {
		const nodes = workflowJson.nodes.map((node) =>
			node.type.startsWith(PACKAGE_PREFIX) ? { credentials: { nemoVideoApi: { id: credentialId, name: `NemoVideo ${credentialId}` } }, ...node } : node,
		);
		const workflow = new Workflow({
			id: 'test',
			name: workflowJson.name ?? 'test',
			nodes,
			connections: workflowJson.connections,
			active: false,
			nodeTypes,
			settings: { executionOrder: 'v1', ...(workflowJson.settings ?? {}) },
		});
		const workflowData = { id: 'test', name: workflow.name, nodes, connections: workflowJson.connections, active: false, settings: {} };
		const hooks = new core.ExecutionLifecycleHooks('manual', `exec-${Date.now()}`, workflowData);
		if (onChunk) hooks.addHandler('sendChunk', async (chunk) => onChunk(chunk));
		const additionalData = {
			credentialsHelper: store,
			hooks,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not supported in these tests');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
			variables: {},
			userId: 'test-user',
			logAiEvent: () => {},
			setExecutionStatus: () => {},
			streamingEnabled: Boolean(onChunk),
		};
		const startNode = nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		const execution = new core.WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode(startNode.name) });
		const result = execution.then((run) => summarise(run));
		return { result, cancel: () => execution.cancel() };
	}

	return {
		credentials: store,
		start,
		run: async (workflowJson, streaming) => await start(workflowJson, streaming).result,
	};
}

function summarise(run) {
	const outputs = {};
	const errorOutputs = {};
	const errors = {};
	for (const [nodeName, tasks] of Object.entries(run.data.resultData.runData)) {
		const task = tasks[tasks.length - 1];
		if (task.error) errors[nodeName] = task.error;
		const main = task.data?.main ?? [];
		outputs[nodeName] = main[0] ?? [];
		if (main[1]) errorOutputs[nodeName] = main[1];
	}
	return { outputs, errorOutputs, errors, run, error: run.data.resultData.error };
}

/** A linear workflow: Start → each node in order. `nodes` are {type (short name), parameters, ...}; `files` as the Start node's. */
function chain(steps, { items, files, settings } = {}) {
	const startParameters = {};
	if (items) startParameters.items = JSON.stringify(items);
	if (files) startParameters.files = JSON.stringify(files);
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: startParameters },
	];
	const connections = {};
	let previous = 'Start';
	steps.forEach((step, index) => {
		const name = step.name ?? `Step ${index + 1}`;
		const { type, name: _name, ...rest } = step;
		nodes.push({ id: `n${index}`, name, type: `${PACKAGE_PREFIX}${type}`, typeVersion: 1, position: [200 * (index + 1), 0], parameters: {}, ...rest });
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return { name: 'test', nodes, connections, settings };
}

module.exports = { createRunner, chain };
