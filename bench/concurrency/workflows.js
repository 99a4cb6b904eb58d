// The two pipelines the benchmark runs, each behind a production webhook that answers when the
// last node has finished: Create Session → Send Instruction → Export & Wait (download on), once
// with this package's nodes and once built from n8n's own HTTP Request nodes as a user would.
const { NODE_PREFIX, CREDENTIAL_TYPE, webhookTrigger } = require('../../scripts/lib');

const INSTRUCTION = 'Generate a 10-second video of a city timelapse at night #sim-no-trailer';
const POLL_SECONDS = 0.25;
// Bounds a pipeline that never ends (a render that never completes keeps the HTTP loop polling).
const EXECUTION_TIMEOUT_SECONDS = 300;
const HTTP_REQUEST = { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2 };
// The attribution every NemoVideo request carries; the API refuses exports without it.
const ATTRIBUTION = { 'X-Skill-Source': 'n8n-http-request', 'X-Skill-Version': '1', 'X-Skill-Platform': 'n8n' };

/** nodes: [{ name, ...node }]; links: [[from, to, fromOutput?]]. */
function workflow(id, nodes, links) {
	const connections = {};
	for (const [from, to, output = 0] of links) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: 0 });
	}
	return {
		id,
		name: id,
		nodes: nodes.map((node, index) => ({ id: `${id}-${index}`, position: [220 * index, 0], parameters: {}, typeVersion: 1, ...node })),
		connections,
		settings: { executionOrder: 'v1', executionTimeout: EXECUTION_TIMEOUT_SECONDS },
	};
}

/** Webhook → NemoVideo Create Session → Send Instruction → Export & Wait, on credential { id, name }. */
function oursWorkflow({ id, path, credential }) {
	const credentials = { [CREDENTIAL_TYPE]: credential };
	const nemo = (type, name, parameters) => ({ name, type: `${NODE_PREFIX}${type}`, credentials, parameters });
	return workflow(
		id,
		[
			webhookTrigger(path),
			// The claim link is another API call the HTTP Request pipeline does not make.
			nemo('nemoVideoCreateSession', 'Create Session', { options: { claimLink: false } }),
			nemo('nemoVideoSendInstruction', 'Send Instruction', { instruction: INSTRUCTION, options: {} }),
			nemo('nemoVideoExport', 'Export & Wait', { options: { pollIntervalSeconds: POLL_SECONDS, timeoutMinutes: 5 } }),
		],
		[
			['Webhook', 'Create Session'],
			['Create Session', 'Send Instruction'],
			['Send Instruction', 'Export & Wait'],
		],
	);
}

/**
 * The same pipeline from n8n's HTTP Request, Wait and If nodes, authenticated by a Header Auth
 * credential holding a token the user fetched once: create the session, send the instruction and
 * read the whole event stream as text, read the draft from the state, submit the render, poll it
 * every POLL_SECONDS until it is completed, download the MP4 as a file.
 */
function httpRequestWorkflow({ id, path, baseUrl, headerCredential }) {
	const sessionId = "$('Create Session').item.json.data.session_id";
	const request = (name, method, url, { body, headers = {}, response } = {}) => ({
		name,
		...HTTP_REQUEST,
		credentials: { httpHeaderAuth: headerCredential },
		parameters: {
			method,
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendHeaders: true,
			headerParameters: { parameters: Object.entries({ ...ATTRIBUTION, ...headers }).map(([name, value]) => ({ name, value })) },
			...(body ? { sendBody: true, specifyBody: 'json', jsonBody: body } : {}),
			options: { timeout: 15 * 60_000, ...(response ? { response: { response } } : {}) },
		},
	});
	return workflow(
		id,
		[
			webhookTrigger(path),
			request('Create Session', 'POST', `${baseUrl}/api/tasks/me/with-session/nemo_agent`, { body: '{"task_name":"project","language":"en"}' }),
			request('Send Instruction', 'POST', `${baseUrl}/run_sse`, {
				headers: { Accept: 'text/event-stream' },
				body: `={{ JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: ${sessionId}, new_message: { parts: [{ text: ${JSON.stringify(INSTRUCTION)} }] } }) }}`,
				response: { responseFormat: 'text' },
			}),
			request('Get State', 'GET', `={{ '${baseUrl}/api/state/nemo_agent/me/' + ${sessionId} + '/latest' }}`),
			request('Submit Render', 'POST', `${baseUrl}/api/render/proxy/lambda`, {
				body: `={{ JSON.stringify({ id: 'render_' + $execution.id + '_' + $now.toMillis(), sessionId: ${sessionId}, draft: $json.data.state.draft, output: { format: 'mp4', quality: 'high' } }) }}`,
			}),
			{ name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, webhookId: `${id}-wait`, parameters: { amount: POLL_SECONDS, unit: 'seconds' } },
			request('Poll Render', 'GET', `={{ '${baseUrl}/api/render/proxy/lambda/' + $('Submit Render').item.json.id }}`),
			{
				name: 'Render Done?',
				type: 'n8n-nodes-base.if',
				typeVersion: 2,
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
						conditions: [{ id: `${id}-done`, leftValue: '={{ $json.status }}', rightValue: 'completed', operator: { type: 'string', operation: 'equals' } }],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				name: 'Download',
				...HTTP_REQUEST,
				parameters: { url: '={{ $json.output.url }}', options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } } },
			},
		],
		[
			['Webhook', 'Create Session'],
			['Create Session', 'Send Instruction'],
			['Send Instruction', 'Get State'],
			['Get State', 'Submit Render'],
			['Submit Render', 'Wait'],
			['Wait', 'Poll Render'],
			['Poll Render', 'Render Done?'],
			['Render Done?', 'Download', 0],
			['Render Done?', 'Wait', 1],
		],
	);
}

/** An n8n Header Auth credential sending `Authorization: Bearer <token>`. */
function headerAuthCredential({ id, name, token }) {
	return { id, name, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${token}` } };
}

module.exports = { oursWorkflow, httpRequestWorkflow, headerAuthCredential, INSTRUCTION };
