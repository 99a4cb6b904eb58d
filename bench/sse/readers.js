// The node's own pipeline from the compiled package (dist/): SSE reader, agent event classifier and
// reply collector, includeEvents off, under the idle/overall watchdog.
const path = require('path');
const { request } = require('undici');

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

module.exports = { loadOurs, readWithOurs };
