const { createReplyCollector, MAX_REPLY_CHARS, MAX_TOOL_CALLS } = require('../../../../nodes/NemoVideoSendInstruction/reply/replyCollector');
const { classifyAgentData } = require('../../../../nodes/NemoVideoSendInstruction/stream/classifyAgentEvent');
const { frames } = require('../stream/fixtures');

function collect(datas, options = { includeEvents: false }) {
	const collector = createReplyCollector(options);
	for (const data of datas) for (const event of classifyAgentData(data)) collector.accept(event);
	return collector;
}
const finish = (datas, options) => collect(datas, options).finish();

describe('text', () => {
	test('partial chunks followed by their aggregate give the text once', () => {
		const reply = finish([frames.partial1, frames.partial2, frames.finalText]);
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});

	test('the same with the LiteLLM "partial":false aggregate', () => {
		const reply = finish([frames.partial1, frames.partial2, frames.finalTextLiteLlm]);
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});

	test('chunks whose aggregate never came (the stream ended) are read then, joined, once', () => {
		const reply = finish([frames.partial1, frames.partial2]);
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});

	test('several model turns in one invocation, each streamed and aggregated', () => {
		const second = (text, partial) => frames.partial1.replace("Sure! I'll generate ", text).replace('"partial":true,', partial ? '"partial":true,' : '');
		const reply = finish([frames.partial1, frames.partial2, frames.finalText, frames.generateCall, frames.generateResult, second('Raw ', true), second('video ready.', true), second('Raw video ready.', false)]);
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse.", 'Raw video ready.']);
	});

	test('thoughts are never part of the reply', () => {
		const reply = finish([frames.thought, frames.finalText]);
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});

	test('text and a function call in one event: the text is kept and the call listed', () => {
		const reply = finish([frames.textAndEditCall, frames.editResult]);
		expect(reply.messages).toEqual(['Adding a title...']);
		expect(reply.toolCalls).toEqual([{ name: 'edit_multitrack', status: 'success' }]);
	});
});

describe('tool calls', () => {
	test('each call gets the status of its own result, matched by id', () => {
		const reply = finish([frames.generateCall, frames.editCall, frames.editResult, frames.generateResult]);
		expect(reply.toolCalls).toEqual([
			{ name: 'generate_video_with_seedance', status: 'success' },
			{ name: 'edit_multitrack', status: 'success' },
		]);
		expect(reply.unansweredToolCalls).toBe(0);
	});

	test('a call without its result is "running" and counted as unanswered', () => {
		const reply = finish([frames.generateCall]);
		expect(reply.toolCalls).toEqual([{ name: 'generate_video_with_seedance', status: 'running' }]);
		expect(reply.unansweredToolCalls).toBe(1);
	});

	test('a declared long-running call is not counted as unanswered', () => {
		const longRunning = frames.generateCall.replace('"longRunningToolIds":[]', '"longRunningToolIds":["adk-1b2c3d4e-0000-4000-8000-000000000001"]');
		expect(finish([longRunning]).unansweredToolCalls).toBe(0);
	});

	test('the legacy format has no ids: results are matched by name', () => {
		const reply = finish([frames.simplifiedText, frames.simplifiedCall, frames.jsonHeartbeat, frames.simplifiedResult]);
		expect(reply.toolCalls).toEqual([{ name: 'generate_video_with_seedance', status: 'success' }]);
		expect(reply.messages).toEqual(["I'll generate your video now..."]);
	});
});

describe('the temporary-issue trailer', () => {
	test('dropped after normal text', () => {
		expect(finish([frames.finalText, frames.trailer]).messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});

	test('dropped after a silent edit whose tools succeeded (the turn stays silent)', () => {
		expect(finish([frames.editCall, frames.editResult, frames.trailer]).messages).toEqual([]);
	});

	test('kept when it is the only thing the agent produced', () => {
		expect(finish([frames.trailer]).messages).toEqual(['I encountered a temporary issue. Please try again.']);
	});
});

describe('errors', () => {
	test('an error nothing came after is the final error', () => {
		const reply = finish([frames.finalText, frames.errorInvalidJson, frames.jsonHeartbeat]);
		expect(reply.finalError).toMatchObject({ message: 'boom "quoted"' });
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});

	test('an error the agent got past is not final', () => {
		const reply = finish([frames.errorCode, frames.editCall, frames.editResult, frames.summaryText]);
		expect(reply.finalError).toBeUndefined();
		expect(reply.toolCalls).toEqual([{ name: 'edit_multitrack', status: 'success' }]);
	});

	test('a lack of credits inside the stream is reported once, from the first sign', () => {
		const reply = finish([frames.generateCall, frames.creditsResult, '{"code":2001,"message":"second"}']);
		expect(reply.outOfCredits).toBe('Insufficient credits');
	});
});

describe('memory', () => {
	test('with includeEvents off, nothing is kept per event', () => {
		const collector = collect([]);
		for (let i = 0; i < 100_000; i++) {
			for (const event of classifyAgentData(i % 3 ? frames.jsonHeartbeat : frames.thought)) collector.accept(event);
		}
		const reply = collector.finish();
		expect(reply.events).toBeUndefined();
		expect(reply.messages).toEqual([]);
		expect(reply.heartbeats).toBe(66_666);
		expect(collector.progress()).toBe(33_334);
	});

	test('kept text stops at a ceiling and says how much was left out', () => {
		const collector = collect([]);
		const text = 'x'.repeat(100_000);
		for (let i = 0; i < 15; i++) collector.accept({ kind: 'text', text, partial: false, invocationId: 'e' });
		const reply = collector.finish();
		expect(reply.messages.join('').length).toBe(MAX_REPLY_CHARS);
		expect(reply.omittedChars).toBe(15 * 100_000 - MAX_REPLY_CHARS);
	});

	test('tool calls stop at a ceiling', () => {
		const collector = collect([]);
		for (let i = 0; i < MAX_TOOL_CALLS + 50; i++) collector.accept({ kind: 'toolCall', name: 't', id: `c${i}`, longRunning: false });
		expect(collector.finish().toolCalls).toHaveLength(MAX_TOOL_CALLS);
	});

	test('with includeEvents on, every event is recorded with its type and time', () => {
		let clock = 1000;
		const reply = finish([frames.jsonHeartbeat, frames.generateCall, frames.partial1, frames.finalText], { includeEvents: true, now: () => (clock += 10) });
		expect(reply.events.map((event) => event.type)).toEqual(['heartbeat', 'toolCall', 'text', 'text']);
		expect(reply.events[1]).toMatchObject({ type: 'toolCall', name: 'generate_video_with_seedance', atMs: 20 });
		expect(reply.events[2]).toMatchObject({ type: 'text', partial: true, text: "Sure! I'll generate " });
		expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	});
});

test('progress moves for everything but heartbeats', () => {
	const collector = collect([frames.jsonHeartbeat, '', frames.jsonHeartbeat]);
	expect(collector.progress()).toBe(0);
	collector.accept(classifyAgentData(frames.thought)[0]);
	expect(collector.progress()).toBe(1);
});

test('the trailer is recognised in English and Chinese, and only at the start of a message', () => {
	const { isTemporaryIssueTrailer } = require('../../../../nodes/NemoVideoSendInstruction/reply/temporaryIssueTrailer');
	expect(isTemporaryIssueTrailer('I encountered a temporary issue. Please try again.')).toBe(true);
	expect(isTemporaryIssueTrailer('我遇到了一个临时问题，请稍后再试。')).toBe(true);
	expect(isTemporaryIssueTrailer('The raw video is ready; I encountered a temporary issue with the music earlier.')).toBe(false);
});
