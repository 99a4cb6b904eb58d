// The two readers the benchmark compares, over the same bytes from the same local server.
//   reference: undici + eventsource-parser and nothing else (counts messages and comments)
//   ours:      the node's own pipeline from the compiled package (dist/): SSE reader, agent event
//              classifier and reply collector, includeEvents off, under the idle/overall watchdog
const path = require('path');
const { request } = require('undici');
const { createParser } = require('eventsource-parser');

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'nodes', 'NemoVideoSendInstruction');

function loadOurs() {
	try {
		return {
			...require(path.join(DIST, 'stream', 'readAgentStream.js')),
			...require(path.join(DIST, 'reply', 'replyCollector.js')),
		};
	} catch (error) {
		throw new Error(`The benchmark reads the compiled package: run \`npm run build\` first (${error.message})`);
	}
}

async function readWithReference(url) {
	const { body } = await request(url);
	const decoder = new TextDecoder();
	let messages = 0;
	const parser = createParser({ onEvent: () => messages++, onComment: () => messages++ });
	for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
	return { messages };
}

async function readWithOurs(url, ours = loadOurs()) {
	const { body } = await request(url);
	const collector = ours.createReplyCollector({ includeEvents: false });
	const outcome = await ours.readAgentStream(body, collector, { idleMs: 10 * 60_000, totalMs: 15 * 60_000 });
	const reply = collector.finish();
	if (outcome.end !== 'closed') throw new Error(`our reader ended with "${outcome.end}"`);
	return {
		heartbeats: reply.heartbeats,
		// every SSE message is either a heartbeat or moved `progress` at least once
		progress: collector.progress(),
		keptChars: reply.messages.reduce((sum, message) => sum + message.length, 0) + reply.omittedChars,
		toolCalls: reply.toolCalls.length,
	};
}

module.exports = { loadOurs, readWithReference, readWithOurs };
