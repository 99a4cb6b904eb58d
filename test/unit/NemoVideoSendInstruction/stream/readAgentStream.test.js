const { readAgentStream } = require('../../../../nodes/NemoVideoSendInstruction/stream/readAgentStream');
const { createReplyCollector } = require('../../../../nodes/NemoVideoSendInstruction/reply/replyCollector');
const { frames, heartbeatWire, sse, wire, bodyOf, droppedBodyOf, hangingBodyOf, heartbeatingBody } = require('./fixtures');

const limits = (extra = {}) => ({ idleMs: 60_000, totalMs: 60_000, ...extra });
async function read(body, extraLimits) {
	const collector = createReplyCollector({ includeEvents: false });
	const outcome = await readAgentStream(body, collector, limits(extraLimits));
	return { outcome, reply: collector.finish() };
}

test('a response the server ends is "closed", with every message read', async () => {
	const { outcome, reply } = await read(bodyOf(wire(frames.finalText, frames.editCall) + heartbeatWire.comment, 5));
	expect(outcome).toEqual({ end: 'closed' });
	expect(reply.messages).toEqual(["Sure! I'll generate a 10-second city timelapse."]);
	expect(reply.toolCalls).toEqual([{ name: 'edit_multitrack', status: 'running' }]);
	expect(reply.heartbeats).toBe(1);
});

test('a connection that breaks mid-response is "dropped", with what came before it read', async () => {
	const { outcome, reply } = await read(droppedBodyOf(wire(frames.finalText, frames.editCall), 7));
	expect(outcome.end).toBe('dropped');
	expect(outcome.cause.message).toBe('aborted');
	expect(reply.messages).toHaveLength(1);
	expect(reply.toolCalls).toHaveLength(1);
});

test('heartbeats alone until the idle limit: "idle", and the stream is closed', async () => {
	const body = heartbeatingBody(10);
	const started = Date.now();
	const { outcome, reply } = await read(body, { idleMs: 150 });
	expect(outcome).toEqual({ end: 'idle' });
	expect(Date.now() - started).toBeLessThan(1000);
	expect(reply.heartbeats).toBeGreaterThan(3);
	expect(body.destroyed).toBe(true);
});

test('a server that says nothing at all also ends at the idle limit', async () => {
	const body = hangingBodyOf(wire(frames.finalText));
	const { outcome } = await read(body, { idleMs: 100 });
	expect(outcome).toEqual({ end: 'idle' });
	expect(body.destroyed).toBe(true);
});

test('the overall limit ends a stream that keeps making progress', async () => {
	const { outcome } = await read(heartbeatingBody(5, sse(frames.thought)), { idleMs: 1000, totalMs: 120 });
	expect(outcome).toEqual({ end: 'overall' });
});

test('cancelling the execution closes the stream at once', async () => {
	const controller = new AbortController();
	const body = hangingBodyOf(wire(frames.finalText));
	const reading = read(body, { signal: controller.signal });
	setTimeout(() => controller.abort(), 30);
	const started = Date.now();
	const { outcome } = await reading;
	expect(outcome).toEqual({ end: 'cancelled' });
	expect(Date.now() - started).toBeLessThan(200);
	expect(body.destroyed).toBe(true);
});

test('a failure of our own is "unreadable", never a drop, and closes the stream', async () => {
	const body = hangingBodyOf(wire(frames.finalText));
	const collector = createReplyCollector({ includeEvents: false });
	const failure = new Error('collector broke');
	collector.accept = () => {
		throw failure;
	};
	const outcome = await readAgentStream(body, collector, limits());
	expect(outcome).toEqual({ end: 'unreadable', cause: failure });
	expect(body.destroyed).toBe(true);
});

test('an endless frame is "unreadable", and the stream is closed', async () => {
	const body = hangingBodyOf(`data: ${'x'.repeat(17 * 1024 * 1024)}`);
	const { outcome } = await read(body);
	expect(outcome.end).toBe('unreadable');
	expect(outcome.cause.message).toContain('larger than 16 MB');
	expect(body.destroyed).toBe(true);
});
