#!/usr/bin/env node
// SSE benchmark for Send Instruction (issue 3). Prints figures; it is not a test and has no limits.
//
//   npm run build && node bench/sse/run.js [--events 200000] [--rounds 5] [--memory 10000,100000,1000000]
//
// 1. Throughput, for each mix of generateStream.js (streamed, skill, tool-heavy): the same long stream
//    (default 200,000 SSE messages, tens of MB: text, thoughts, partial chunks, tool calls and every
//    heartbeat style) from a local server process on 127.0.0.1, read alternately by a minimal
//    reference loop (undici + eventsource-parser, no other work) and by our reader + classifier +
//    collector, loaded from the compiled package in dist/. Medians of the rounds.
// 2. Memory: our pipeline alone, in a fresh process per size, over 10k, 100k and 1M messages of the
//    streamed mix (generated while sent), with RSS and heap sampled during the read.
const { fork } = require('child_process');
const path = require('path');
const { request } = require('undici');
const { loadOurs, readWithReference, readWithOurs } = require('./readers');

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, arg, index, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[index + 1]]] : pairs), []),
);
const EVENTS = Number(args.events ?? 200_000);
const ROUNDS = Number(args.rounds ?? 5);
const MEMORY_SIZES = (args.memory ?? '10000,100000,1000000').split(',').map(Number);
const MIXES = (args.mix ?? 'streamed,skill,tool-heavy').split(',');

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function startServer() {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'server.js'), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
		child.stdout.once('data', (data) => resolve({ url: `http://127.0.0.1:${String(data).trim()}`, child }));
		child.once('error', reject);
	});
}

async function timed(read) {
	const started = process.hrtime.bigint();
	const result = await read();
	return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

function measureMemory(url) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'memory.js'), [url], { execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
		let output = '';
		child.stdout.on('data', (data) => (output += data));
		child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`memory.js exited with ${code}`))));
	});
}

async function throughput(server, ours, mix) {
	const stats = await (await request(`${server.url}/stats?events=${EVENTS}&mix=${mix}`)).body.json();
	const url = `${server.url}/stream?events=${EVENTS}&mix=${mix}`;
	console.log(`Mix "${mix}": ${stats.messages.toLocaleString('en')} SSE messages (${stats.heartbeats.toLocaleString('en')} heartbeats, ${stats.toolCalls.toLocaleString('en')} tool calls, ${stats.turns.toLocaleString('en')} turns), ${mb(stats.bytes)}, ${(stats.textChars / 1e6).toFixed(1)} M characters of text`);

	// Warm-up (JIT, the server's preparation), and a check that both read the whole stream.
	const reference = await readWithReference(url);
	const checked = await readWithOurs(url, ours);
	if (reference.messages !== stats.messages) throw new Error(`reference read ${reference.messages} of ${stats.messages} messages`);
	if (checked.heartbeats !== stats.heartbeats) throw new Error(`ours counted ${checked.heartbeats} of ${stats.heartbeats} heartbeats`);

	const times = { reference: [], ours: [] };
	for (let round = 0; round < ROUNDS; round++) {
		times.reference.push((await timed(() => readWithReference(url))).seconds);
		times.ours.push((await timed(() => readWithOurs(url, ours))).seconds);
	}
	const rate = (seconds) => stats.messages / seconds;
	const row = (name, seconds) =>
		`  ${name.padEnd(40)} ${Math.round(rate(seconds)).toLocaleString('en').padStart(10)} events/s ${(stats.bytes / 1024 / 1024 / seconds).toFixed(0).padStart(5)} MB/s  (median ${seconds.toFixed(3)} s)`;
	console.log(row('reference: undici + eventsource-parser', median(times.reference)));
	console.log(row('ours: reader + classifier + collector', median(times.ours)));
	console.log(`  ratio ours/reference: ${(median(times.reference) / median(times.ours)).toFixed(2)} (aim: at least 0.80)\n`);
	return median(times.reference) / median(times.ours);
}

async function memory(server) {
	console.log('Memory of our pipeline, mix "streamed", includeEvents off (a fresh process per size, sampled every 20 ms)');
	console.log(`  ${'messages'.padStart(10)} ${'stream'.padStart(10)} ${'peak RSS'.padStart(10)} ${'peak heap'.padStart(10)} ${'peak live heap'.padStart(15)} ${'reply text'.padStart(12)}`);
	for (const size of MEMORY_SIZES) {
		const stats = await (await request(`${server.url}/stats?events=${size}`)).body.json();
		const { peak, result } = await measureMemory(`${server.url}/stream?events=${size}&live=1`);
		if (result.heartbeats !== stats.heartbeats) throw new Error(`memory run counted ${result.heartbeats} of ${stats.heartbeats} heartbeats`);
		const kept = Math.min(result.keptChars, 1_000_000);
		console.log(
			`  ${size.toLocaleString('en').padStart(10)} ${mb(stats.bytes).padStart(10)} ${mb(peak.rss).padStart(10)} ${mb(peak.heapUsed).padStart(10)} ${mb(peak.liveHeap).padStart(15)} ${`${(kept / 1e6).toFixed(2)} M ch`.padStart(12)}`,
		);
	}
	console.log('  "peak live heap" is the heap in use right after a full GC: what the reader really holds.');
	console.log('  The reply is output and is kept up to 1 M characters; nothing else grows with the stream.');
}

async function main() {
	const ours = loadOurs();
	const server = await startServer();
	try {
		console.log(`SSE benchmark: Node ${process.version}, stream served by a separate process on 127.0.0.1, ${ROUNDS} rounds per reader after a warm-up\n`);
		for (const mix of MIXES) await throughput(server, ours, mix);
		console.log('The reference only counts messages. Ours reads each one: heartbeats by comparison, text and tool');
		console.log('events in ADK\'s exact layout by position (streamed chunks only recognised: their aggregate repeats');
		console.log('them), anything else with JSON.parse; then keeps the reply. See bench/sse/README.md.\n');
		await memory(server);
	} finally {
		server.child.disconnect();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
