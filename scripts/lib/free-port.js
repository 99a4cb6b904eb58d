// A free TCP port on 127.0.0.1, chosen by the kernel. n8n's task broker default (5679) and the
// editor's default (5678) are never handed out, so a test instance cannot collide with `npm start`.
const net = require('net');

const RESERVED = new Set([5678, 5679]);

function askKernel() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function freePort() {
	for (;;) {
		const port = await askKernel();
		if (!RESERVED.has(port)) return port;
	}
}

/** Resolves true when nothing listens on `port` of 127.0.0.1. */
function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

module.exports = { freePort, isPortFree };
