import { NodeConnectionTypes } from 'n8n-workflow';

// Sent as X-Skill-Version on every request. A unit test keeps it equal to package.json's version,
// because node code may not read package.json at run time on n8n Cloud.
export const PACKAGE_NAME = 'n8n-nodes-nemovideo';
export const PACKAGE_VERSION = '0.1.0';

// Every node reaches this file as it loads. n8n before 1.85 has no NodeConnectionTypes at run time,
// and each node would fail with a TypeError about `Main`; this says what to do instead.
if (NodeConnectionTypes === undefined) {
	throw new Error(`${PACKAGE_NAME} needs n8n 1.85 or newer: update n8n, or uninstall ${PACKAGE_NAME}`);
}
