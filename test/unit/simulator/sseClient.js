// A small /run_sse client for the simulator's tests: keeps the raw network chunks (for byte-level
// assertions) and the events as eventsource-parser, a real SSE parser, reads them.
const { request } = require('undici');
const { createParser } = require('eventsource-parser');
const { ATTRIBUTION } = require('./helpers');

const runBody = (sessionId, text, extra = {}) => ({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] }, ...extra });

/**
 * @param {object} options
 * @param {(event: object, info: { index: number }) => Promise<void> | void} [options.onEvent] called per parsed JSON event
 * @param {(event: object) => boolean} [options.stopWhen] disconnect (abort) once this is true
 */
async function runSse(sim, token, sessionId, text, { extra = {}, body, onEvent, stopWhen } = {}) {
	const controller = new AbortController();
	const res = await request(`${sim.url}/run_sse`, {
		method: 'POST',
		headers: { ...ATTRIBUTION, authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
		body: JSON.stringify(body ?? runBody(sessionId, text, extra)),
		signal: controller.signal,
	});
	const result = { status: res.statusCode, headers: res.headers, chunks: [], text: '', data: [], events: [], comments: [], error: null, aborted: false };
	const decoder = new TextDecoder('utf-8');
	const pending = [];
	const parser = createParser({
		onEvent: (message) => {
			result.data.push(message.data);
			let parsed;
			try {
				parsed = JSON.parse(message.data);
			} catch {
				return;
			}
			if (parsed.type === 'heartbeat') return;
			result.events.push(parsed);
			if (onEvent) pending.push(onEvent(parsed, { index: result.events.length - 1 }));
			if (stopWhen && stopWhen(parsed)) {
				result.aborted = true;
				controller.abort();
			}
		},
		onComment: (comment) => result.comments.push(comment),
	});
	try {
		for await (const chunk of res.body) {
			result.chunks.push(Buffer.from(chunk));
			parser.feed(decoder.decode(chunk, { stream: true }));
		}
	} catch (error) {
		result.error = error;
	}
	await Promise.all(pending);
	result.text = Buffer.concat(result.chunks).toString('utf8');
	return result;
}

const partsOf = (events) => events.flatMap((event) => event.content?.parts ?? []);
/** Text the user should see: no thoughts, no partial duplicates. */
const visibleTexts = (events) =>
	events.filter((event) => !event.partial && event.author !== 'system').flatMap((event) => (event.content?.parts ?? []).filter((p) => typeof p.text === 'string' && !p.thought).map((p) => p.text));

module.exports = { runSse, runBody, partsOf, visibleTexts };
