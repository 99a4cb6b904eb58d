// n8n's editor REST API (/rest/...), driven the way the editor drives it: one browser id, the
// `n8n-auth` cookie from sign-in, the `{ data }` envelope unwrapped. Bodies follow the DTOs
// compiled into n8n 2.41.1 (@n8n/api-types: OwnerSetupRequestDto, LoginRequestDto,
// TestCredentialRequestDto, ManualRunDto), and where n8n 1.x differs, its own.
const crypto = require('crypto');
const path = require('path');

class RestError extends Error {
	constructor(method, urlPath, status, body) {
		super(`${method} ${urlPath} answered HTTP ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
		this.status = status;
		this.body = body;
	}
}

/**
 * baseUrl: the instance's address (http://127.0.0.1:<port>); n8nBin: used to load `flatted`,
 * the format n8n stores execution data in, from n8n's own install; n8nVersion: the bodies differ.
 */
function createRestClient({ baseUrl, n8nBin, n8nVersion = '2' }) {
	const major = Number(n8nVersion.split('.')[0]);
	// n8n binds the auth cookie to a browser id header (AuthService.validateBrowserId).
	const browserId = crypto.randomUUID();
	let cookie;

	async function request(method, urlPath, body, { raw = false } = {}) {
		const response = await fetch(`${baseUrl}${urlPath}`, {
			method,
			headers: {
				'browser-id': browserId,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(cookie ? { cookie } : {}),
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((line) => line.split(';')[0]).find((pair) => pair.startsWith('n8n-auth='));
		if (auth) cookie = auth;
		const text = await response.text();
		let parsed = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		if (!response.ok) throw new RestError(method, urlPath, response.status, parsed);
		if (raw) return parsed;
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/** Creates the owner account of a new instance (unauthenticated on a new instance); signs in as it. */
	async function setupOwner({ email, firstName, lastName, password }) {
		return await request('POST', '/rest/owner/setup', { email, firstName, lastName, password });
	}

	/** Signs in; resolves to the cookie (`n8n-auth=…`) later requests carry. */
	async function login({ email, password }) {
		await request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		return cookie;
	}

	/** Whether the instance still waits for its owner account. */
	async function needsOwnerSetup() {
		const settings = await request('GET', '/rest/settings');
		return Boolean(settings.userManagement?.showSetupOnFirstLoad);
	}

	/** A credential as the editor's form sees it: secrets redacted. */
	async function getCredential(id) {
		return await request('GET', `/rest/credentials/${id}?includeData=true`);
	}

	/**
	 * The credential's Test button: the editor posts the form's (redacted) data with the id, and
	 * n8n merges the stored secrets back in before testing. Resolves to { status: 'OK'|'Error', message }.
	 */
	async function testCredential(id) {
		const credential = await getCredential(id);
		return await request('POST', '/rest/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: credential.type, data: credential.data },
		});
	}

	let flatted;
	function unflatten(value) {
		if (typeof value !== 'string') return value;
		flatted ??= require(require.resolve('flatted', { paths: [path.dirname(require('fs').realpathSync(n8nBin))] }));
		return flatted.parse(value);
	}

	/** An execution with its run data parsed: { id, status, finished, mode, data: IRunExecutionData, ... }. */
	async function getExecution(id) {
		const execution = await request('GET', `/rest/executions/${id}`);
		return { ...execution, data: unflatten(execution.data) };
	}

	/**
	 * Runs a saved workflow as the editor's "Execute workflow" button does, starting from trigger
	 * `triggerName`, and waits for the execution to end. Resolves to getExecution()'s answer.
	 */
	async function runWorkflow(workflowId, { triggerName = 'Manual Trigger', timeoutMs = 5 * 60_000, pollMs = 250 } = {}) {
		const run = { triggerToStartFrom: { name: triggerName } };
		// n8n 1.x runs the workflow the editor sends along, not the stored one; 2.x reads it by id.
		if (major < 2) run.workflowData = await request('GET', `/rest/workflows/${workflowId}`);
		const started = await request('POST', `/rest/workflows/${workflowId}/run`, run);
		if (!started?.executionId) throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await request('GET', `/rest/executions/${started.executionId}`).catch((error) => {
				if (error.status === 404) return undefined; // not stored yet
				throw error;
			});
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return await getExecution(started.executionId);
			if (Date.now() > deadline) throw new Error(`execution ${started.executionId} still running after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, pollMs));
		}
	}

	return {
		request,
		setupOwner,
		login,
		needsOwnerSetup,
		getCredential,
		testCredential,
		getExecution,
		runWorkflow,
		get cookie() {
			return cookie;
		},
	};
}

module.exports = { createRestClient, RestError };
