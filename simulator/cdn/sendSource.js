// @ts-check
// Sends a byte source: HEAD, single byte ranges (players seek), backpressure, and the slow-CDN
// switch, which paces the bytes to a rate.

/**
 * @param {import('http').IncomingMessage} req
 * @param {import('http').ServerResponse} res
 * @param {import('./sources').ByteSource} source
 * @param {{ bytesPerSec?: number | null, headers?: Record<string, string> }} [options]
 */
async function sendSource(req, res, source, { bytesPerSec = null, headers = {} } = {}) {
	let start = 0;
	let end = source.size - 1;
	let status = 200;
	const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range || ''));
	if (range && (range[1] || range[2])) {
		if (range[1]) {
			start = Number(range[1]);
			if (range[2]) end = Math.min(end, Number(range[2]));
		} else start = Math.max(0, source.size - Number(range[2]));
		if (start > end || start >= source.size) {
			res.writeHead(416, { 'Content-Range': `bytes */${source.size}` });
			return res.end();
		}
		status = 206;
	}
	res.writeHead(status, {
		'Content-Type': source.contentType,
		'Content-Length': end - start + 1,
		'Accept-Ranges': 'bytes',
		...(status === 206 ? { 'Content-Range': `bytes ${start}-${end}/${source.size}` } : {}),
		...headers,
	});
	if (req.method === 'HEAD') return res.end();

	const began = Date.now();
	let sent = 0;
	for await (const piece of source.read(start, end)) {
		if (res.destroyed) return;
		for (const part of bytesPerSec ? slices(piece, Math.max(1, Math.floor(bytesPerSec / 20))) : [piece]) {
			if (!res.write(part)) await drained(res);
			if (res.destroyed) return;
			sent += part.length;
			if (bytesPerSec) {
				const due = began + (sent / bytesPerSec) * 1000;
				const wait = due - Date.now();
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			}
		}
	}
	res.end();
}

/** @param {import('http').ServerResponse} res */
function drained(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve(undefined);
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

function* slices(buffer, size) {
	for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

module.exports = { sendSource };
