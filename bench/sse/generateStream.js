// A long /run_sse stream, generated deterministically: turns of an ADK conversation
// (docs/api.md#run-sse) repeated until the event count is reached. Each turn: a thought, text
// (streamed as partial chunks, then the aggregate), a tool call, heartbeats in every style, the
// tool's result with a stateDelta, and a closing text (every fourth in Chinese, so
// multi-byte characters cross chunk boundaries). Three mixes:
//   streamed    (default) 24 text chunks and 20 heartbeats per tool call: a generation streamed
//               with `streaming: true`, heartbeats every 15 s through a 300 s tool run; the mix
//               that puts megabytes of text into a stream
//   skill       what the NemoVideo skill gets (it never sets `streaming`): whole texts, a tool
//               call, 20 heartbeats through the tool run
//   tool-heavy  no chunks, 2 heartbeats per tool call: the worst case, where every other event
//               is a tool call or result
const MIXES = {
	streamed: { thought: true, chunks: 24, heartbeats: 20 },
	skill: { thought: true, chunks: 0, heartbeats: 20 },
	'tool-heavy': { thought: false, chunks: 0, heartbeats: 2 },
};

const INVOCATION = 'e-7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b';
const ACTIONS = '"actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{}}';
const HEARTBEATS = ['data: {"type":"heartbeat"}\n\n', 'data:\n\n', ': heartbeat\n\n', ': ping - 2026-03-19 09:00:00.000000+00:00\n\n', 'data: \n\n'];
const WORDS = 'city night timelapse neon rain skyline drone street music title grade warm cool fade cut slow motion bridge river lights crowd'.split(' ');
const CHINESE = '视频已生成，画面中城市夜景的霓虹灯在雨中闪烁，背景音乐轻快。';

function random(seed) {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const escape = (text) => JSON.stringify(text).slice(1, -1);
const frame = (json) => `data: ${json}\n\n`;
const textEvent = (text, id, partial) =>
	frame(`{"content":{"parts":[{"text":"${escape(text)}"}],"role":"model"},${partial ? '"partial":true,' : ''}"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"${id}","timestamp":1773423600.5}`);

/**
 * Yields the stream's text, one turn at a time, until at least `events` SSE messages are out.
 * `stats` counts what was yielded: messages, heartbeats, tool calls, turns, text characters, bytes.
 */
function* generateStream(events, stats = newStats(), mixName = 'streamed', seed = 42) {
	const mix = MIXES[mixName];
	if (!mix) throw new Error(`unknown mix ${mixName}; choose ${Object.keys(MIXES).join(', ')}`);
	const next = random(seed);
	const sentence = (words) => Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
	let turnText = '';
	const emit = (text, kind) => {
		stats.messages++;
		stats.bytes += Buffer.byteLength(text);
		if (kind === 'heartbeat') stats.heartbeats++;
		turnText += text;
	};
	while (stats.messages < events) {
		turnText = '';
		const turn = stats.turns++;
		const callId = `adk-00000000-0000-4000-8000-${String(turn).padStart(12, '0')}`;
		const thought = sentence(30);
		if (mix.thought) stats.textChars += thought.length;
		if (mix.thought) emit(frame(`{"content":{"parts":[{"text":"${thought}","thought":true}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Th${turn}","timestamp":1773423600.1}`));
		const chunks = Array.from({ length: Math.max(1, mix.chunks) }, () => `${sentence(12)} `);
		if (mix.chunks > 0) for (const [index, chunk] of chunks.entries()) emit(textEvent(chunk, `Pc${turn}_${index}`, true));
		emit(textEvent(chunks.join(''), `Ag${turn}`, false));
		stats.textChars += (mix.chunks > 0 ? 2 : 1) * chunks.join('').length;
		emit(frame(`{"content":{"parts":[{"functionCall":{"id":"${callId}","args":{"prompt":"${sentence(8)}","duration":10},"name":"edit_multitrack"}}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"longRunningToolIds":[],"id":"Fc${turn}","timestamp":1773423602.0}`));
		stats.toolCalls++;
		for (let beat = 0; beat < mix.heartbeats; beat++) emit(HEARTBEATS[(turn + beat) % HEARTBEATS.length], 'heartbeat');
		emit(frame(`{"content":{"parts":[{"functionResponse":{"id":"${callId}","name":"edit_multitrack","response":{"status":"success"}}}],"role":"user"},"invocationId":"${INVOCATION}","author":"nemo_agent","actions":{"stateDelta":{"draft":{"t":[{"tt":0,"sg":[{"d":10000,"m":{"start":0,"name":"clip ${turn}"}}]},{"tt":1,"sg":[{"d":10000,"m":{"volume":0.35}}]}]}},"artifactDelta":{},"requestedAuthConfigs":{}},"id":"Fr${turn}","timestamp":1773423750.0}`));
		const closing = turn % 4 === 0 ? CHINESE : `Done: ${sentence(20)}.`;
		stats.textChars += closing.length;
		emit(textEvent(closing, `Tx${turn}`, false));
		yield turnText;
	}
}

function newStats() {
	return { messages: 0, heartbeats: 0, toolCalls: 0, turns: 0, textChars: 0, bytes: 0 };
}

module.exports = { generateStream, newStats, MIXES };
