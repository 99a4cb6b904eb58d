// Serves generated streams on 127.0.0.1, in its own process so the reading side of the benchmark
// has its thread to itself. Prints its port.
//   GET /stream?events=N&mix=M         the stream, prepared once in memory, written in 16 KiB pieces
//   GET /stream?events=N&mix=M&live=1  generated while it is sent, for streams too long to hold
//   GET /stats?events=N&mix=M          what the stream holds (messages, heartbeats, bytes, ...)
const http = require('http');
const { generateStream, newStats } = require('./generateStream');

const PIECE = 16 * 1024;
const prepared = new Map();

function prepare(events, mix) {
	const key = `${mix}:${events}`;
	if (!prepared.has(key)) {
		const stats = newStats();
		const bytes = Buffer.from([...generateStream(events, stats, mix)].join(''), 'utf8');
		const pieces = [];
		for (let offset = 0; offset < bytes.length; offset += PIECE) pieces.push(bytes.subarray(offset, offset + PIECE));
		prepared.set(key, { pieces, stats });
	}
	return prepared.get(key);
}

function* livePieces(events, mix) {
	let pending = '';
	for (const turn of generateStream(events, newStats(), mix)) {
		pending += turn;
		if (pending.length >= PIECE) {
			yield Buffer.from(pending, 'utf8');
			pending = '';
		}
	}
	if (pending) yield Buffer.from(pending, 'utf8');
}

function send(res, pieces) {
	res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
	const iterator = pieces[Symbol.iterator]();
	const pump = () => {
		for (let next = iterator.next(); !next.done; next = iterator.next()) {
			if (!res.write(next.value)) return void res.once('drain', pump);
		}
		res.end();
	};
	pump();
}

const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://bench');
	const events = Number(url.searchParams.get('events') ?? 100_000);
	const mix = url.searchParams.get('mix') ?? 'streamed';
	if (url.pathname === '/stats') {
		const stats = newStats();
		for (const _turn of generateStream(events, stats, mix));
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(stats));
	} else if (url.searchParams.get('live')) {
		send(res, livePieces(events, mix));
	} else {
		send(res, prepare(events, mix).pieces);
	}
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('disconnect', () => server.close(() => process.exit(0)));
