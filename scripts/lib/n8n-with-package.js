// The whole set-up a test (or a later harness user) needs in one call: a real n8n with this
// package installed from its tarball, credentials and workflows imported, started, and signed in
// as its owner.
const { prepareInstance, startPrepared } = require('./n8n-instance');
const { installPackage } = require('./package-install');

const TEST_OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'NemoVideo-test-1' };

/**
 * tarball: from packPackage(); credentials / workflows: for `n8n import` (see nemo-fixtures.js);
 * publish: ids of imported workflows to publish before the start (their webhooks and triggers go live);
 * owner: the account created and signed in (default TEST_OWNER; `false` to skip);
 * userFolder, port, env, echo, readyTimeoutMs: as for startN8n.
 * Resolves to the started instance (see startN8n) plus `timings` (ms per step) and `owner`.
 */
async function launchN8nWithPackage({ tarball, credentials = [], workflows = [], publish = [], owner = TEST_OWNER, readyTimeoutMs, echo, ...options }) {
	const timings = {};
	const step = async (name, fn) => {
		const started = Date.now();
		const result = await fn();
		timings[name] = Date.now() - started;
		return result;
	};
	const prepared = await step('prepare', () => prepareInstance(options));
	await step('installPackage', async () => installPackage({ userFolder: prepared.userFolder, tarball }));
	if (credentials.length) await step('importCredentials', () => prepared.importCredentials(credentials));
	if (workflows.length) await step('importWorkflows', () => prepared.importWorkflows(workflows));
	// One id per call: n8n 2.41.1 has no --all.
	if (publish.length) await step('publish', async () => { for (const id of publish) await prepared.publishWorkflow(id); });
	const instance = await step('start', () => startPrepared(prepared, { readyTimeoutMs, echo }));
	try {
		// n8n answers readiness before it has registered the published workflows' webhooks.
		const published = workflows.filter((workflow) => publish.includes(workflow.id));
		if (published.length) await step('webhooks', () => waitForWebhooks(instance, published, readyTimeoutMs));
		if (owner) await step('owner', () => instance.setupOwner(owner));
	} catch (error) {
		await instance.stop();
		throw error;
	}
	return Object.assign(instance, { timings, owner });
}

/**
 * Waits until the Webhook nodes of the published workflows are registered. The probe uses a method
 * the webhook does not take, so it runs nothing: n8n answers 404 either way, but names the
 * webhook's own method once the path is registered ("not registered for PATCH requests").
 */
async function waitForWebhooks(instance, workflows, timeoutMs = 180_000) {
	const webhooks = workflows.flatMap((workflow) => workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook'));
	const deadline = Date.now() + timeoutMs;
	for (const { parameters } of webhooks) {
		const probe = parameters.httpMethod === 'PATCH' ? 'PUT' : 'PATCH';
		for (;;) {
			const answer = await fetch(`${instance.url}/webhook/${parameters.path}`, { method: probe });
			if ((await answer.text()).includes(`not registered for ${probe} requests`)) break;
			if (Date.now() > deadline) throw new Error(`n8n did not register the webhook ${parameters.path}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

module.exports = { launchN8nWithPackage, waitForWebhooks, TEST_OWNER };
