// @ts-check
const http = require('http');

/**
 * Starts an HTTP server and resolves with its port.
 * @param {http.RequestListener} handler @param {number} port @param {string} host
 * @returns {Promise<{ server: http.Server, port: number }>}
 */
function listen(handler, port, host) {
	const server = http.createServer(handler);
	// SSE streams and slow CDN downloads stay open far longer than Node's defaults allow.
	server.requestTimeout = 0;
	server.headersTimeout = 60_000;
	server.keepAliveTimeout = 5_000;
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			const address = server.address();
			resolve({ server, port: typeof address === 'object' && address ? address.port : port });
		});
	});
}

/** Closes a server and every connection it still holds (open streams included). */
function closeServer(server) {
	return new Promise((resolve) => {
		server.close(() => resolve(undefined));
		server.closeAllConnections();
	});
}

module.exports = { listen, closeServer };
