const { classifyAgentData } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
const { frames, INVOCATION } = require('./fixtures');

const kinds = (data) => classifyAgentData(data).map((event) => event.kind);

describe('heartbeats in every form', () => {
	test.each([
		['the JSON heartbeat', frames.jsonHeartbeat],
		['the JSON heartbeat with spaces', '{ "type": "heartbeat" }'],
		['an empty data line', ''],
		['a data line of spaces', '   '],
		['a bare ping word', 'ping'],
		['a ping word in JSON', '"PING"'],
	])('%s', (_name, data) => {
		expect(classifyAgentData(data)).toEqual([{ kind: 'heartbeat' }]);
	});
});

describe('ADK events', () => {
	test('a partial chunk is partial text of its invocation', () => {
		expect(classifyAgentData(frames.partial1)).toEqual([{ kind: 'text', text: "Sure! I'll generate ", partial: true, invocationId: INVOCATION }]);
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

	test('a state change riding on text is still seen', () => {
		const data = frames.finalText.replace('"stateDelta":{}', '"stateDelta":{"draft":{},"title":"x"}');
		expect(classifyAgentData(data)[1]).toEqual({ kind: 'stateDelta', keys: ['draft', 'title'] });
	});

	test('escapes and characters beyond ASCII in text, ids and names are read as JSON says', () => {
		const text = frames.finalText.replace("Sure! I'll generate a 10-second city timelapse.", 'Say \\"hi\\" \\u00e9 你好');
		expect(classifyAgentData(text)[0].text).toBe('Say "hi" é 你好');
		const call = frames.editCall.split('edit_multitrack').join('édition_vidéo');
		expect(classifyAgentData(call)[0]).toMatchObject({ name: 'édition_vidéo', id: 'adk-…02' });
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

describe('the legacy simplified format', () => {
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
