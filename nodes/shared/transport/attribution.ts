import { PACKAGE_NAME, PACKAGE_VERSION } from '../packageInfo';

// NemoVideo recognises requests from an integration by these headers; without them the backend
// answers an export with HTTP 402 (docs/api.md#headers), so they go on every request we make.
export const attributionHeaders = {
	'X-Skill-Source': PACKAGE_NAME,
	'X-Skill-Version': PACKAGE_VERSION,
	'X-Skill-Platform': 'n8n',
} as const;
