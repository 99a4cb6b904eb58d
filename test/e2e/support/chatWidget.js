// n8n's hosted chat page loads its chat widget (@n8n/chat) and a stylesheet from cdn.jsdelivr.net,
// which these machines cannot reach. The widget comes from the npm registry instead, once, into the
// same cache folder as n8n, and the browser's requests for the CDN are answered from there.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const VERSION = '1.37.0';
const CDN_WIDGET = 'https://cdn.jsdelivr.net/npm/@n8n/chat/dist/';

function widgetDist() {
	const folder = path.join(process.env.NEMO_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-nemovideo'), `n8n-chat-${VERSION}`);
	const dist = path.join(folder, 'package', 'dist');
	if (fs.existsSync(path.join(dist, 'chat.bundle.es.js'))) return dist;
	fs.mkdirSync(folder, { recursive: true });
	execFileSync('npm', ['pack', `@n8n/chat@${VERSION}`, '--pack-destination', folder], { stdio: 'ignore' });
	execFileSync('tar', ['xzf', path.join(folder, `n8n-chat-${VERSION}.tgz`), '-C', folder]);
	return dist;
}

/** Makes `page` get the chat widget from the local copy, and nothing else from the CDN. */
async function serveChatWidget(page) {
	const dist = widgetDist();
	await page.route('https://cdn.jsdelivr.net/**', async (route) => {
		const url = route.request().url();
		const file = url.startsWith(CDN_WIDGET) ? path.join(dist, url.slice(CDN_WIDGET.length).split('?')[0]) : undefined;
		if (!file || !file.startsWith(dist) || !fs.existsSync(file)) return await route.fulfill({ status: 200, contentType: 'text/css', body: '' });
		await route.fulfill({ path: file, contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript' });
	});
}

module.exports = { serveChatWidget };
