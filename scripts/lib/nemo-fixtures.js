// Credential and workflow JSON in the shapes n8n imports, for this package's node types as n8n
// names them when the package is installed from npm (`n8n-nodes-nemovideo.<name>`).
const NODE_PREFIX = 'n8n-nodes-nemovideo.';
const CREDENTIAL_TYPE = 'nemoVideoApi';

/**
 * A `NemoVideo API` credential for `n8n import:credentials` (plain data; n8n encrypts it).
 * The hidden fields start empty, as the editor saves a new credential: the anonymous token is
 * issued on first use and stored back by n8n.
 */
function nemoCredential({ id, name = 'NemoVideo API', baseUrl, webUrl = 'https://nemovideo.com', authType = 'anonymous', apiToken = '', clientId = '' }) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: { authType, apiToken, clientId, baseUrl, webUrl, sessionToken: '', anonymousUserId: '' },
	};
}

/** Points every NemoVideo node of `workflow` at credential { id, name } (examples ship without one). */
function useCredential(workflow, { id, name }) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith(NODE_PREFIX) ? { ...node, credentials: { ...node.credentials, [CREDENTIAL_TYPE]: { id, name } } } : node,
		),
	};
}

/**
 * A Webhook trigger for chainWorkflow: POST /webhook/<path> starts the workflow and is answered
 * with the last node's first item once the run ends (a failed run answers HTTP 500).
 */
function webhookTrigger(path) {
	return { name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: path, parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} } };
}

/**
 * A linear workflow: the trigger (a Manual Trigger unless `trigger` is given, e.g. webhookTrigger())
 * → each step in order. A step is { type: short type name (e.g. 'nemoVideoGetState'), name?,
 * parameters? }; every NemoVideo node uses `credential`.
 */
function chainWorkflow({ id, name = id, steps, credential, trigger = { name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} } }) {
	const nodes = [{ id: `${id}-trigger`, position: [0, 0], ...trigger }];
	const connections = {};
	let previous = trigger.name;
	steps.forEach((step, index) => {
		const nodeName = step.name ?? `Step ${index + 1}`;
		nodes.push({
			id: `${id}-${index}`,
			name: nodeName,
			type: step.type.includes('.') ? step.type : `${NODE_PREFIX}${step.type}`,
			typeVersion: step.typeVersion ?? 1,
			position: [220 * (index + 1), 0],
			parameters: step.parameters ?? {},
		});
		connections[previous] = { main: [[{ node: nodeName, type: 'main', index: 0 }]] };
		previous = nodeName;
	});
	const workflow = { id, name, nodes, connections, settings: { executionOrder: 'v1' } };
	return credential ? useCredential(workflow, credential) : workflow;
}

/** The items node `nodeName` output on its main output (last run), from an IRun or execution `data`. */
function nodeOutput(runOrData, nodeName, outputIndex = 0) {
	const data = runOrData?.data?.resultData ? runOrData.data : runOrData;
	const tasks = data?.resultData?.runData?.[nodeName];
	if (!tasks?.length) return undefined;
	return tasks[tasks.length - 1].data?.main?.[outputIndex] ?? [];
}

/** The error a node raised in the run (last run), if any. */
function nodeError(runOrData, nodeName) {
	const data = runOrData?.data?.resultData ? runOrData.data : runOrData;
	const tasks = data?.resultData?.runData?.[nodeName];
	return tasks?.[tasks.length - 1]?.error;
}

module.exports = { NODE_PREFIX, CREDENTIAL_TYPE, nemoCredential, useCredential, webhookTrigger, chainWorkflow, nodeOutput, nodeError };
