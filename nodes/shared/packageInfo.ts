// Sent as X-Skill-Version on every request. A unit test keeps it equal to package.json's version,
// because node code may not read package.json at run time on n8n Cloud.
export const PACKAGE_NAME = 'n8n-nodes-nemovideo';
export const PACKAGE_VERSION = '0.1.0';
