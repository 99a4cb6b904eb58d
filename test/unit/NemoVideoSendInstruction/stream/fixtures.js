// Recorded-shape frames of NemoVideo's /run_sse (docs/api.md#run-sse: ADK-2506 serialisation, byte
// for byte), and ways of serving them as a response body: whole, in chunks of any size, or broken off.
const { Readable } = require('stream');

const INVOCATION = 'e-7f3c2a10-5b6d-4e8f-9a1b-2c3d4e5f6a7b';
const ACTIONS = '"actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{}}';

const frames = {
	partial1: `{"content":{"parts":[{"text":"Sure! I'll generate "}],"role":"model"},"partial":true,"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Xk3pQ9aB","timestamp":1773423600.123456}`,
	partial2: `{"content":{"parts":[{"text":"a 10-second city timelapse."}],"role":"model"},"partial":true,"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Yq7rT2cD","timestamp":1773423600.401233}`,
	finalText: `{"content":{"parts":[{"text":"Sure! I'll generate a 10-second city timelapse."}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Ab12Cd34","timestamp":1773423601.5}`,
	// LiteLLM backends mark the aggregate with "partial":false instead of leaving the key out.
	finalTextLiteLlm: `{"content":{"parts":[{"text":"Sure! I'll generate a 10-second city timelapse."}],"role":"model"},"partial":false,"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Ab12Cd35","timestamp":1773423601.5}`,
	generateCall: `{"content":{"parts":[{"functionCall":{"id":"adk-1b2c3d4e-0000-4000-8000-000000000001","args":{"prompt":"city timelapse at night","duration":10,"aspect_ratio":"9:16"},"name":"generate_video_with_seedance"}}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"longRunningToolIds":[],"id":"Fc99Zz01","timestamp":1773423602.0}`,
	generateResult: `{"content":{"parts":[{"functionResponse":{"id":"adk-1b2c3d4e-0000-4000-8000-000000000001","name":"generate_video_with_seedance","response":{"status":"success","video_url":"https://cdn.example.invalid/gen/abc.mp4"}}}],"role":"user"},"invocationId":"${INVOCATION}","author":"nemo_agent","actions":{"stateDelta":{"draft":{"t":[{"tt":0,"sg":[{"d":10000}]}]}},"artifactDelta":{},"requestedAuthConfigs":{}},"id":"Fr77Yy02","timestamp":1773423750.0}`,
	rawReadyText: `{"content":{"parts":[{"text":"The raw video is ready. Adding music and a title now."}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Rw01Rw01","timestamp":1773423751.0}`,
	textAndEditCall: `{"content":{"parts":[{"text":"Adding a title..."},{"functionCall":{"id":"adk-…02","args":{"action":"add_title","text":"Paradise Found"},"name":"edit_multitrack"}}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"longRunningToolIds":[],"id":"Ed01Ed00","timestamp":1773424000.0}`,
	editCall: `{"content":{"parts":[{"functionCall":{"id":"adk-…02","args":{"action":"add_title","text":"Paradise Found"},"name":"edit_multitrack"}}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"longRunningToolIds":[],"id":"Ed01Ed01","timestamp":1773424000.0}`,
	editResult: `{"content":{"parts":[{"functionResponse":{"id":"adk-…02","name":"edit_multitrack","response":{"status":"success"}}}],"role":"user"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Ed02Ed02","timestamp":1773424012.0}`,
	summaryText: `{"content":{"parts":[{"text":"Your video is ready! Preview in Timeline panel or click Export to save it."}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Sm01Sm01","timestamp":1773424013.0}`,
	thought: `{"content":{"parts":[{"text":"The user wants a timelapse; Seedance fits best.","thought":true}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Th01Th01","timestamp":1773423601.0}`,
	trailer: `{"content":{"parts":[{"text":"I encountered a temporary issue. Please try again."}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Tr01Tr01","timestamp":1773424014.0}`,
	// ADK ≤1.x does not escape the message: this is invalid JSON, as sent.
	errorInvalidJson: '{"error": "boom "quoted""}',
	errorField: '{"error": "Last event shouldn\'t be partial. LLM max output limit may be reached."}',
	errorCode: `{"errorCode":"MALFORMED_FUNCTION_CALL","errorMessage":"Malformed function call: edit_multitrack","invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Lm00Er01","timestamp":1773423801.0}`,
	systemError: `{"content":{"parts":[{"text":"Error: something failed"}],"role":"model"},"invocationId":"","author":"system",${ACTIONS},"id":"Er00Er00","timestamp":1773423800.0}`,
	creditsResult: `{"content":{"parts":[{"functionResponse":{"id":"adk-cr-01","name":"generate_video_with_seedance","response":{"status":"error","code":2001,"message":"Insufficient credits"}}}],"role":"user"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Cr01Cr01","timestamp":1773423602.5}`,
	// Newer ADK: extra keys clients must ignore, a UUID id.
	newFlavourText: `{"modelVersion":"gemini-2.5-pro","content":{"parts":[{"text":"Done."}],"role":"model"},"finishReason":"STOP","usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"totalTokenCount":12},"invocationId":"e-0a1b","author":"nemo_agent","actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{},"requestedToolConfirmations":{}},"id":"6f0c4f8e-1d2a-4b7e-9a55-0f4b8f6f1e2d","timestamp":1773424100.25}`,
	chineseText: `{"content":{"parts":[{"text":"视频已生成！您可以在时间线面板中预览，或点击导出按钮保存。画面中一位女孩在海边奔跑。"}],"role":"model"},"invocationId":"${INVOCATION}","author":"nemo_agent",${ACTIONS},"id":"Zh01Zh01","timestamp":1773424200.0}`,
	simplifiedText: '{"type":"text","content":"I\'ll generate your video now..."}',
	simplifiedCall: '{"type":"tool_call","name":"generate_video_with_seedance","args":{"prompt":"city"}}',
	simplifiedResult: '{"type":"tool_result","name":"generate_video_with_seedance","result":{"status":"success"}}',
	jsonHeartbeat: '{"type":"heartbeat"}',
};

/** Every keep-alive form (docs/api.md#event-kinds), as the server sends it. */
const heartbeatWire = {
	json: 'data: {"type":"heartbeat"}\n\n',
	empty: 'data:\n\n',
	'empty-space': 'data: \n\n',
	comment: ': heartbeat\n\n',
	ping: ': ping - 2026-03-19 09:00:00.000000+00:00\n\n',
};

const sse = (data) => `data: ${data}\n\n`;
const wire = (...datas) => datas.map(sse).join('');
const crlf = (text) => text.replace(/\n/g, '\r\n');

/** Splits bytes into chunks of `size` (1 = every byte on its own, splitting characters too). */
function chunk(text, size) {
	const bytes = Buffer.from(text, 'utf8');
	const chunks = [];
	for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
	return chunks;
}

/** A response body as n8n hands it over: a Node Readable of Buffers. */
function bodyOf(text, size = 64 * 1024) {
	return Readable.from(chunk(text, size), { objectMode: false });
}

/** A body that breaks after its bytes, the way a dropped connection does. */
function droppedBodyOf(text, size = 64 * 1024) {
	const chunks = chunk(text, size);
	return new Readable({
		read() {
			const next = chunks.shift();
			if (next) this.push(next);
			else this.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
		},
	});
}

/** A body that sends its bytes, then stays open sending nothing until destroyed. */
function hangingBodyOf(text = '') {
	const chunks = chunk(text, 64 * 1024);
	return new Readable({
		read() {
			const next = chunks.shift();
			if (next) this.push(next);
		},
	});
}

/** A body that sends a heartbeat every `everyMs` until destroyed (a generation that never ends). */
function heartbeatingBody(everyMs, heartbeat = heartbeatWire.json) {
	let timer;
	const stream = new Readable({
		read() {
			if (timer) return;
			timer = setInterval(() => this.push(Buffer.from(heartbeat)), everyMs);
		},
		destroy(error, callback) {
			clearInterval(timer);
			callback(error);
		},
	});
	return stream;
}

module.exports = { INVOCATION, frames, heartbeatWire, sse, wire, crlf, chunk, bodyOf, droppedBodyOf, hangingBodyOf, heartbeatingBody };
