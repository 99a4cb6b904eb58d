#!/usr/bin/env node
// SSE benchmark for Send Instruction. Prints figures; it is not a test and has no limits.
//
//   npm run build && node bench/sse/run.js [--events 200000] [--rounds 5] [--memory 10000,100000,1000000]
//
// 1. Memory: the pipeline in a fresh process per size, over 10k, 100k and 1M messages of the
//    streamed mix (generated while sent), with RSS and heap sampled during the read. It must not
//    grow with the length of the stream.
// 2. Events per second, for the record, for each mix of generateStream.js (streamed, skill,
//    tool-heavy): a long stream from a local server process on 127.0.0.1, read by the node's reader,
//    classifier and collector, loaded from the compiled package in dist/. Median of the rounds.
const { fork } = require('child_process');
const path = require('path');
const { request } = require('undici');
const { loadOurs, readWithOurs } = require('./readers');

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
	const cpu = process.cpuUsage();
	const result = await read();
	const used = process.cpuUsage(cpu);
	return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6, result };
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

	await readWithOurs(url, ours); // warm-up: the JIT, and the server's preparation of the stream
	const wall = [];
	const cpu = [];
	for (let round = 0; round < ROUNDS; round++) {
		const { seconds, cpuSeconds, result } = await timed(() => readWithOurs(url, ours));
		if (result.heartbeats !== stats.heartbeats) throw new Error(`the pipeline counted ${result.heartbeats} of ${stats.heartbeats} heartbeats`);
		wall.push(seconds);
		cpu.push(cpuSeconds);
	}
	const seconds = median(wall);
	const perEvent = (median(cpu) / stats.messages) * 1e6;
	console.log(`  ${Math.round(stats.messages / seconds).toLocaleString('en')} events/s, ${(stats.bytes / 1024 / 1024 / seconds).toFixed(0)} MB/s (median ${seconds.toFixed(3)} s)`);
	console.log(`  ${perEvent.toFixed(2)} µs of CPU per event: ${((perEvent * 3000) / 1000).toFixed(1)} ms for a 3,000-event instruction\n`);
}

async function memory(server) {
	console.log('Memory of the pipeline, mix "streamed", includeEvents off (a fresh process per size, sampled every 20 ms)');
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
		console.log(`SSE benchmark: Node ${process.version}, streams served by a separate process on 127.0.0.1\n`);
		await memory(server);
		console.log('');
		for (const mix of MIXES) await throughput(server, ours, mix);
	} finally {
		server.child.disconnect();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
