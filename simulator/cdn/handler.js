// @ts-check
// Until the CDN lands: every CDN path is 404.
const { sendJson } = require('../http/replies');

function createCdnHandler() {
	return (req, res) => sendJson(res, 404, { error: 'not found' });
}

module.exports = { createCdnHandler };
