const { classifyAgentData: classifyWire, classifyWireInFull, isHeartbeatWire } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
const { textFromWire } = require('../../../../nodes/NemoVideoSendInstruction/stream/wireText');
const { frames, INVOCATION, toWire } = require('./fixtures');

/**
 * What events mean, for comparing them: a state change read by layout gives its keys through a
 * getter (they are read only when asked), the full parse as a plain field.
 */
const meaning = (events) => events && events.map((event) => (event.kind === 'stateDelta' ? { kind: 'stateDelta', keys: [...event.keys] } : event));
/** The classifier takes wire text, as the reader hands it on; the frames here are text. */
const classifyAgentData = (text) => meaning(classifyWire(toWire(text)));

const kinds = (data) => classifyAgentData(data).map((event) => event.kind);

describe('heartbeats in every form', () => {
	test.each([
		['the JSON heartbeat', frames.jsonHeartbeat],
		['the JSON heartbeat with spaces', '{ "type": "heartbeat" }'],
		['an empty data line', ''],
		['a data line of spaces', '   '],
		['a bare ping word', 'ping'],
	])('%s', (_name, data) => {
		expect(classifyAgentData(data)).toEqual([{ kind: 'heartbeat' }]);
	});

	test('the keep-alives told apart on the wire, before any decoding', () => {
		expect(isHeartbeatWire(frames.jsonHeartbeat)).toBe(true);
		expect(isHeartbeatWire('')).toBe(true);
		// the rarer forms are read as heartbeats by the classifier, not by this first check
		expect(isHeartbeatWire('   ')).toBe(false);
		expect(isHeartbeatWire(frames.finalText)).toBe(false);
	});
});

describe('ADK events', () => {
	test('partial chunks are recognised, with their invocation, and left unread', () => {
		expect(classifyAgentData(frames.partial1)).toEqual([{ kind: 'partialChunk', invocationId: INVOCATION, wire: frames.partial1 }]);
	});

	test('read in full, a partial chunk is partial text of its invocation', () => {
		const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
		expect(classifyParsed(frames.partial1)).toEqual([{ kind: 'text', text: "Sure! I'll generate ", partial: true, invocationId: INVOCATION }]);
	});

	test('a partial chunk in another layout is read in full, still partial', () => {
		const newer = `{"modelVersion":"gemini-2.5-pro",${frames.partial1.slice(1)}`;
		expect(classifyAgentData(newer)).toEqual([{ kind: 'text', text: "Sure! I'll generate ", partial: true, invocationId: INVOCATION }]);
	});

	test('the aggregate is not partial, whether the key is absent (Gemini) or false (LiteLLM)', () => {
		for (const data of [frames.finalText, frames.finalTextLiteLlm]) {
			expect(classifyAgentData(data)).toEqual([
				{ kind: 'text', text: "Sure! I'll generate a 10-second city timelapse.", partial: false, invocationId: INVOCATION },
			]);
		}
	});

	test('a thought is never text', () => {
		expect(classifyAgentData(frames.thought)).toEqual([{ kind: 'thought', chars: 47 }]);
	});

	test('a function call', () => {
		expect(classifyAgentData(frames.generateCall)).toEqual([
			{ kind: 'toolCall', name: 'generate_video_with_seedance', id: 'adk-1b2c3d4e-0000-4000-8000-000000000001', longRunning: false },
		]);
	});

	test('a function response with a state delta', () => {
		expect(classifyAgentData(frames.generateResult)).toEqual([
			{ kind: 'toolResult', name: 'generate_video_with_seedance', id: 'adk-1b2c3d4e-0000-4000-8000-000000000001', status: 'success', outOfCredits: false },
			{ kind: 'stateDelta', keys: ['draft'] },
		]);
	});

	test('text and a function call in one event give both, in order', () => {
		expect(kinds(frames.textAndEditCall)).toEqual(['text', 'toolCall']);
		expect(classifyAgentData(frames.textAndEditCall)[0].text).toBe('Adding a title...');
	});

	test('a long-running tool is recognised by its id', () => {
		const data = frames.generateCall.replace('"longRunningToolIds":[]', '"longRunningToolIds":["adk-1b2c3d4e-0000-4000-8000-000000000001"]');
		expect(classifyAgentData(data)[0].longRunning).toBe(true);
	});

	test('newer ADK keys are ignored', () => {
		expect(classifyAgentData(frames.newFlavourText)).toEqual([{ kind: 'text', text: 'Done.', partial: false, invocationId: 'e-0a1b' }]);
	});

	test('text in a user-role event is never taken as the agent speaking', () => {
		const echo = '{"content":{"parts":[{"text":"make a video"}],"role":"user"},"invocationId":"e-1","author":"user","actions":{}}';
		expect(classifyAgentData(echo)).toEqual([]);
	});

	test('an event with only empty actions means nothing', () => {
		expect(classifyAgentData(`{"invocationId":"${INVOCATION}","author":"nemo_agent","actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{}},"id":"x","timestamp":1}`)).toEqual([]);
	});
});

describe('errors inside the stream', () => {
	test('an error event whose JSON is invalid survives, with its message', () => {
		expect(classifyAgentData(frames.errorInvalidJson)).toEqual([
			{ kind: 'error', source: 'error-field', message: 'boom "quoted"', outOfCredits: false },
		]);
	});

	test('a valid error event', () => {
		expect(classifyAgentData(frames.errorField)[0]).toMatchObject({ kind: 'error', source: 'error-field', message: expect.stringContaining("shouldn't be partial") });
	});

	test('a model-level errorCode event', () => {
		expect(classifyAgentData(frames.errorCode)).toEqual([
			{ kind: 'error', source: 'error-code', message: 'Malformed function call: edit_multitrack', code: 'MALFORMED_FUNCTION_CALL', outOfCredits: false },
		]);
	});

	test('an error event from author "system" (newer ADK) is an error, not a reply', () => {
		expect(classifyAgentData(frames.systemError)).toEqual([{ kind: 'error', source: 'system', message: 'something failed', outOfCredits: false }]);
	});

	test('a tool that failed for lack of credits (2001)', () => {
		expect(classifyAgentData(frames.creditsResult)[0]).toMatchObject({ kind: 'toolResult', status: 'error', outOfCredits: true, message: 'Insufficient credits' });
	});

	test('an API envelope inside the stream', () => {
		expect(classifyAgentData('{"code":2001,"message":"Not enough credits","data":null}')).toEqual([
			{ kind: 'error', source: 'envelope', message: 'Not enough credits', code: '2001', outOfCredits: true },
		]);
	});

	test('a failed tool without a status word', () => {
		const data = '{"content":{"parts":[{"functionResponse":{"id":"a","name":"edit_multitrack","response":{"error":"track not found"}}}],"role":"user"},"author":"nemo_agent","actions":{}}';
		expect(classifyAgentData(data)[0]).toMatchObject({ kind: 'toolResult', status: 'error', message: 'track not found', outOfCredits: false });
	});

	test('data that is neither JSON nor a keep-alive is reported, not fatal', () => {
		expect(classifyAgentData('<html>502 Bad Gateway</html>')).toEqual([{ kind: 'unreadable', sample: '<html>502 Bad Gateway</html>' }]);
		expect(classifyAgentData('{"content":{"parts":[{"te')).toEqual([{ kind: 'unreadable', sample: '{"content":{"parts":[{"te' }]);
		expect(classifyAgentData('42')[0].kind).toBe('unreadable');
	});
});

describe('the legacy simplified format (contract §4.4h)', () => {
	test('text, tool call, tool result and heartbeat', () => {
		expect(classifyAgentData(frames.simplifiedText)).toEqual([{ kind: 'text', text: "I'll generate your video now...", partial: false, invocationId: '' }]);
		expect(classifyAgentData(frames.simplifiedCall)).toEqual([{ kind: 'toolCall', name: 'generate_video_with_seedance', longRunning: false }]);
		expect(classifyAgentData(frames.simplifiedResult)).toEqual([{ kind: 'toolResult', name: 'generate_video_with_seedance', status: 'success', outOfCredits: false }]);
		expect(classifyAgentData(frames.jsonHeartbeat)).toEqual([{ kind: 'heartbeat' }]);
	});

	test('an error in the simplified format', () => {
		expect(classifyAgentData('{"type":"error","message":"Insufficient credits","code":2001}')).toEqual([
			{ kind: 'error', source: 'simplified', message: 'Insufficient credits', code: '2001', outOfCredits: true },
		]);
	});
});

describe('the exact-layout reading of text events gives what the full parse gives', () => {
	const { readAdkText } = require('../../../../nodes/NemoVideoSendInstruction/stream/adkTextLayout');
	const readAdkTextEvent = (text) => readAdkText(toWire(text));
	const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');

	test.each(Object.entries(frames).filter(([name]) => !name.startsWith('partial')))('%s', (_name, data) => {
		expect(classifyAgentData(data)).toEqual(classifyParsed(data));
	});

	test.each(['finalText', 'finalTextLiteLlm', 'rawReadyText', 'summaryText', 'thought', 'trailer', 'chineseText'])(
		'%s is read without JSON.parse',
		(name) => {
			expect(readAdkTextEvent(frames[name])).toEqual(classifyParsed(frames[name])[0]);
		},
	);

	test('escaped text: quotes, backslashes, newlines and \\u escapes', () => {
		const data = frames.finalText.replace("Sure! I'll generate a 10-second city timelapse.", 'Say \\"hi\\"\\\\ then\\nnew line \\u00e9 \\\\');
		expect(readAdkTextEvent(data).text).toBe('Say "hi"\\ then\nnew line é \\');
		expect(readAdkTextEvent(data)).toEqual(classifyParsed(data)[0]);
	});

	test.each([
		['a second part', frames.textAndEditCall],
		['an error from author "system"', frames.systemError],
		['a newer ADK layout', frames.newFlavourText],
		['a state change riding on the text', frames.finalText.replace('"stateDelta":{}', '"stateDelta":{"draft":{}}')],
		['an error code beside the text', frames.finalText.replace('},"invocationId"', '},"errorCode":"MAX_TOKENS","invocationId"')],
		['text that never ends', frames.finalText.slice(0, 40)],
		['a user echo', frames.finalText.replace('"author":"nemo_agent"', '"author":"user"')],
	])('declines %s (the full parse reads it)', (_name, data) => {
		expect(readAdkTextEvent(data)).toBeUndefined();
	});

	test('only streamed text chunks come back unread', () => {
		expect(readAdkTextEvent(frames.partial2)).toEqual({ kind: 'partialChunk', invocationId: INVOCATION, wire: frames.partial2 });
		for (const name of ['finalText', 'finalTextLiteLlm', 'thought']) expect(readAdkTextEvent(frames[name]).kind).not.toBe('partialChunk');
		// a call whose arguments happen to hold the marker is not text
		const sneaky = frames.generateCall.replace('"duration":10', '"x":{"y":{},"partial":true,"invocationId":"e-z"}');
		expect(readAdkTextEvent(sneaky)).toBeUndefined();
		expect(classifyAgentData(sneaky)[0].kind).toBe('toolCall');
	});

	test('a state change riding on text is still seen', () => {
		const data = frames.finalText.replace('"stateDelta":{}', '"stateDelta":{"draft":{}}');
		expect(classifyAgentData(data).map((event) => event.kind)).toEqual(['text', 'stateDelta']);
	});
});

describe('tool calls and results in ADK layout are read without parsing the whole event', () => {
	const layout = require('../../../../nodes/NemoVideoSendInstruction/stream/adkToolLayout');
	const readAdkToolCall = (text) => layout.readAdkToolCall(toWire(text));
	const readAdkToolResult = (text) => meaning(layout.readAdkToolResult(toWire(text)));
	const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');

	test.each(['generateCall', 'editCall'])('%s', (name) => {
		expect(readAdkToolCall(frames[name])).toEqual(classifyParsed(frames[name])[0]);
	});

	test.each(['generateResult', 'editResult', 'creditsResult'])('%s', (name) => {
		expect(readAdkToolResult(frames[name])).toEqual(classifyParsed(frames[name]));
	});

	test('arguments that hold the markers themselves do not mislead it', () => {
		const data = frames.generateCall.replace('"duration":10', '"nested":{"name":"x","args":[1,{"a":"}]"}]},"q":"\\",\\"name\\":\\"fake"');
		expect(readAdkToolCall(data)).toEqual(classifyParsed(data)[0]);
		expect(readAdkToolCall(data).name).toBe('generate_video_with_seedance');
	});

	test('a long-running call', () => {
		const data = frames.generateCall.replace('"longRunningToolIds":[]', '"longRunningToolIds":["adk-1b2c3d4e-0000-4000-8000-000000000001"]');
		expect(readAdkToolCall(data)).toEqual({ kind: 'toolCall', name: 'generate_video_with_seedance', id: 'adk-1b2c3d4e-0000-4000-8000-000000000001', longRunning: true });
	});

	test.each([
		['text beside the call', frames.textAndEditCall],
		['a newer ADK layout', `{"modelVersion":"x",${frames.editCall.slice(1)}`],
		['an extra action key', frames.editCall.replace('"requestedAuthConfigs":{}}', '"requestedAuthConfigs":{},"requestedToolConfirmations":{}}')],
		['a state change on a call', frames.editCall.replace('"stateDelta":{}', '"stateDelta":{"x":1}')],
		['a call cut short', frames.editCall.slice(0, 80)],
	])('declines %s', (_name, data) => {
		expect(readAdkToolCall(data)).toBeUndefined();
		expect(classifyAgentData(data)).toEqual(classifyParsed(data));
	});

	test.each([
		['a result from author "user"', frames.editResult.replace('"author":"nemo_agent"', '"author":"user"')],
		['a result cut short', frames.generateResult.slice(0, 200)],
		['a result with a second part', frames.editResult.replace('}}],"role":"user"', '}},{"text":"x"}],"role":"user"')],
	])('declines %s', (_name, data) => {
		expect(readAdkToolResult(data)).toBeUndefined();
		expect(classifyAgentData(data)).toEqual(classifyParsed(data));
	});
});

test('every message of a generated stream (bench/sse) reads the same by layout as in full', () => {
	const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
	const { createSseReader } = require('../../../../nodes/NemoVideoSendInstruction/stream/sseReader');
	const { generateStream, MIXES } = require('../../../../bench/sse/generateStream');
	let compared = 0;
	for (const mix of Object.keys(MIXES)) {
		const reader = createSseReader({
			data: (data) => {
				const quick = meaning(classifyWire(data));
				if (quick[0]?.kind === 'partialChunk') expect(classifyWireInFull(quick[0].wire)[0]).toMatchObject({ kind: 'text', partial: true });
				else expect(quick).toEqual(classifyParsed(textFromWire(data)));
				compared++;
			},
			comment: () => {},
		});
		for (const turn of generateStream(3000, undefined, mix)) reader.feed(Buffer.from(turn));
		reader.end();
	}
	expect(compared).toBeGreaterThan(7000);
});

describe('the fast paths give what the full parse gives', () => {
	const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
	const same = (data) => expect(classifyAgentData(data)).toEqual(classifyParsed(data));
	const successOnly = frames.generateResult.replace(',"video_url":"https://cdn.example.invalid/gen/abc.mp4"', '');

	test('a result that is exactly {"status":"success"}, and near misses', () => {
		expect(classifyAgentData(successOnly)).toEqual([
			{ kind: 'toolResult', name: 'generate_video_with_seedance', id: 'adk-1b2c3d4e-0000-4000-8000-000000000001', status: 'success', outOfCredits: false },
			{ kind: 'stateDelta', keys: ['draft'] },
		]);
		same(successOnly);
		same(successOnly.replace('{"status":"success"}', '{"status":"success","code":2001}'));
		same(successOnly.replace('{"status":"success"}', '{"status":"successful"}'));
		same(successOnly.replace('{"status":"success"}', '{"status":"success"} '));
		same(successOnly.replace('"author":"nemo_agent"', '"author":"system"'));
		same(successOnly.replace('"stateDelta":{"draft"', '"stateDelta":{"d\\"raft"'));
	});

	test('the remembered origin never stands in for another one', () => {
		const other = 'e-other-invocation';
		// The same events, in turn from one origin, another invocation, another author, and origins
		// that must be read in full (system, user, an escaped id): each reads as its full parse does.
		const variants = [
			(data) => data,
			(data) => data.replace(`"invocationId":"${INVOCATION}"`, `"invocationId":"${other}"`),
			(data) => data.replace('"author":"nemo_agent"', '"author":"helper"'),
			(data) => data.replace('"author":"nemo_agent"', '"author":"system"'),
			(data) => data.replace('"author":"nemo_agent"', '"author":"user"'),
			(data) => data.replace(`"invocationId":"${INVOCATION}"`, '"invocationId":"e-\\"x"'),
			(data) => data.replace(`"invocationId":"${INVOCATION}","author":"nemo_agent"`, `"invocationId":"${INVOCATION}","author":"nemo_agent2"`),
		];
		for (let round = 0; round < 2; round++) {
			for (const variant of variants) {
				for (const name of ['finalText', 'generateCall', 'editCall', 'generateResult', 'editResult', 'creditsResult']) {
					const data = variant(frames[name]);
					same(data);
				}
			}
		}
		const text = classifyAgentData(frames.finalText.replace(`"invocationId":"${INVOCATION}"`, `"invocationId":"${other}"`));
		expect(text[0].invocationId).toBe(other);
		expect(classifyAgentData(frames.finalText)[0].invocationId).toBe(INVOCATION);
	});
});

describe('remembered layouts: what was learnt from one event never leaks into the next', () => {
	const other = (text, from, to) => text.split(from).join(to);

	test('texts of another invocation or author, one after the other', () => {
		expect(classifyAgentData(frames.finalText)[0].invocationId).toBe(INVOCATION);
		const next = other(frames.finalText, INVOCATION, 'e-second');
		expect(classifyAgentData(next)[0]).toEqual({ kind: 'text', text: "Sure! I'll generate a 10-second city timelapse.", partial: false, invocationId: 'e-second' });
		expect(classifyAgentData(frames.partial1)[0]).toMatchObject({ kind: 'partialChunk', invocationId: INVOCATION });
		expect(classifyAgentData(other(frames.partial1, INVOCATION, 'e-third'))[0]).toMatchObject({ kind: 'partialChunk', invocationId: 'e-third' });
		expect(classifyAgentData(frames.finalText)).toEqual([{ kind: 'text', text: "Sure! I'll generate a 10-second city timelapse.", partial: false, invocationId: INVOCATION }]);
		// the same layout from "user" after a remembered one is still an echo, never text
		expect(classifyAgentData(other(frames.finalText, '"author":"nemo_agent"', '"author":"user"'))).toEqual([]);
	});

	test('calls and results of another tool, or that stop succeeding, one after the other', () => {
		const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
		const sequence = [
			frames.editCall,
			other(frames.editCall, 'edit_multitrack', 'add_music'),
			frames.editCall.replace('"longRunningToolIds":[]', '"longRunningToolIds":["adk-…02"]'),
			frames.editCall,
			frames.editResult,
			other(frames.editResult, 'edit_multitrack', 'add_music'),
			frames.editResult.replace('{"status":"success"}', '{"status":"error","message":"no track"}'),
			frames.editResult.replace('"stateDelta":{}', '"stateDelta":{"draft":{"t":[]},"title":"x"}'),
			frames.editResult,
		];
		for (const text of sequence) expect(classifyAgentData(text)).toEqual(classifyParsed(text));
		expect(classifyAgentData(sequence[1])[0].name).toBe('add_music');
		expect(classifyAgentData(sequence[2])[0].longRunning).toBe(true);
		expect(classifyAgentData(sequence[7])[1]).toEqual({ kind: 'stateDelta', keys: ['draft', 'title'] });
	});

	test('an id with an escape is left to the full parse, which reads it the same way', () => {
		const { classifyParsed } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
		const { readAdkToolCall, readAdkToolResult } = require('../../../../nodes/NemoVideoSendInstruction/stream/adkToolLayout');
		const escapedId = 'adk-1b2c3d4e-0000-4000-8000-00000000000\\"1';
		const call = frames.generateCall.replace('adk-1b2c3d4e-0000-4000-8000-000000000001', escapedId);
		const result = frames.generateResult.replace('adk-1b2c3d4e-0000-4000-8000-000000000001', escapedId);
		// the plain ones are read by layout first, so that a remembered tail is there to be misused
		expect(readAdkToolCall(frames.generateCall)).toMatchObject({ id: 'adk-1b2c3d4e-0000-4000-8000-000000000001' });
		expect(readAdkToolResult(frames.generateResult)[0]).toMatchObject({ id: 'adk-1b2c3d4e-0000-4000-8000-000000000001' });
		expect(readAdkToolCall(call)).toBeUndefined();
		expect(readAdkToolResult(result)).toBeUndefined();
		expect(classifyAgentData(call)).toEqual(classifyParsed(call));
		expect(classifyAgentData(call)[0].id).toBe('adk-1b2c3d4e-0000-4000-8000-00000000000"1');
		expect(classifyAgentData(result)).toEqual(classifyParsed(result));
	});

	test('non-ASCII ids and names are decoded, not taken byte for byte', () => {
		const data = other(frames.editCall, 'edit_multitrack', 'édition_vidéo');
		expect(classifyWire(toWire(data))[0]).toMatchObject({ name: 'édition_vidéo', id: 'adk-…02' });
	});
});
