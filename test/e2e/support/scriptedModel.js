// An OpenAI-compatible chat model with a script instead of a brain, for n8n's AI Agent in the
// end-to-end tests: n8n's OpenAI Chat Model (its credential's Base URL pointed here) posts the
// conversation to /v1/chat/completions, and `script(request)` decides the answer: a text, or a
// call of one of the tools the request offers. Streaming and plain requests are both answered.
// Every request is kept, so a test can read exactly what the model was told.
const http = require('http');
const { freePort } = require('../../../scripts/lib');

/** The offered tool whose name matches `pattern` (n8n names a tool after its node, e.g. "NemoVideo_Export___Wait"). */
function toolNamed(request, pattern) {
	const tool = (request.tools ?? []).find((candidate) => pattern.test(candidate.function?.name ?? ''));
	if (!tool) throw new Error(`no tool matching ${pattern} among ${(request.tools ?? []).map((t) => t.function?.name).join(', ')}`);
	return tool.function.name;
}

/** The results of the tools called so far, in order: { name, content } (content as the model saw it). */
function toolResults(request) {
	const names = new Map();
	for (const message of request.messages ?? []) {
		for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
	}
	return (request.messages ?? [])
		.filter((message) => message.role === 'tool')
		.map((message) => ({ name: names.get(message.tool_call_id), content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content) }));
}

function completion(model, answer, index) {
	const message = answer.tool
		? { role: 'assistant', content: null, tool_calls: [{ id: `call_${index}`, type: 'function', function: { name: answer.tool, arguments: JSON.stringify(answer.args ?? {}) } }] }
		: { role: 'assistant', content: answer.text };
	return { id: `chatcmpl-${index}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message, finish_reason: answer.tool ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
}

function streamCompletion(res, model, answer, index) {
	const base = { id: `chatcmpl-${index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
	const send = (choice) => res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, logprobs: null, ...choice }] })}\n\n`);
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	if (answer.tool) {
		send({ delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_${index}`, type: 'function', function: { name: answer.tool, arguments: JSON.stringify(answer.args ?? {}) } }] }, finish_reason: null });
		send({ delta: {}, finish_reason: 'tool_calls' });
	} else {
		send({ delta: { role: 'assistant', content: answer.text }, finish_reason: null });
		send({ delta: {}, finish_reason: 'stop' });
	}
	res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })}\n\n`);
	res.end('data: [DONE]\n\n');
}

/** script(request) → { text } | { tool, args }. Resolves to { url (the Base URL, ending in /v1), requests, close() }. */
async function startScriptedModel(script) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
				res.writeHead(404, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: `no ${req.method} ${req.url} here` } }));
			}
			const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			requests.push(request);
			let answer;
			try {
				answer = script(request);
			} catch (error) {
				res.writeHead(500, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: `script failed: ${error.message}` } }));
			}
			if (request.stream) return streamCompletion(res, request.model, answer, requests.length);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(completion(request.model, answer, requests.length)));
		});
	});
	const port = await freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: async () => await new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startScriptedModel, toolNamed, toolResults };
