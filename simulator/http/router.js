// @ts-check
// Method + path matching with named parameters (`/api/state/nemo_agent/:user/:sid/latest`).

/**
 * @typedef {(ctx: any) => Promise<void> | void} Handler
 * @typedef {{ method: string, regex: RegExp, handler: Handler }} Route
 */

function createRouter() {
	/** @type {Route[]} */
	const routes = [];

	/** @param {string} pattern */
	function compile(pattern) {
		const source = pattern
			.split('/')
			.map((part) => (part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
			.join('/');
		return new RegExp(`^${source}$`);
	}

	return {
		/** @param {string} method @param {string} pattern @param {Handler} handler */
		add(method, pattern, handler) {
			routes.push({ method, regex: compile(pattern), handler });
		},
		/**
		 * @param {string} method @param {string} path
		 * @returns {{ handler: Handler, params: Record<string, string> } | { allowed: string[] } | null}
		 */
		match(method, path) {
			const allowed = [];
			for (const route of routes) {
				const found = route.regex.exec(path);
				if (!found) continue;
				if (route.method === method) {
					const params = Object.fromEntries(Object.entries(found.groups || {}).map(([k, v]) => [k, decodeURIComponent(v)]));
					return { handler: route.handler, params };
				}
				allowed.push(route.method);
			}
			return allowed.length ? { allowed } : null;
		},
	};
}

module.exports = { createRouter };
