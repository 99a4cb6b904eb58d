const { consumeEventStream } = require('../../../../nodes/NemoVideoSendInstruction/stream/consumeEventStream');
const { textFromWire } = require('../../../../nodes/NemoVideoSendInstruction/stream/wireText');
const { frames, wire, bodyOf, droppedBodyOf, hangingBodyOf, heartbeatingBody } = require('./fixtures');

/** The messages, decoded from the wire text the reader hands on. */
const collect = () => {
	const data = [];
	return { data, sink: { data: (d) => data.push(textFromWire(d)), comment: () => data.push(':') } };
};
const limits = (extra = {}) => ({ idleMs: 60_000, totalMs: 60_000, ...extra });

test('a response the server ends is "closed", with every message read', async () => {
	const { data, sink } = collect();
	const outcome = await consumeEventStream(bodyOf(wire(frames.finalText, frames.editCall), 5), sink, limits(), () => 0);
	expect(outcome).toEqual({ end: 'closed' });
	expect(data).toEqual([frames.finalText, frames.editCall]);
});

test('a connection that breaks mid-response is "dropped", with what came before it read', async () => {
	const { data, sink } = collect();
	const outcome = await consumeEventStream(droppedBodyOf(wire(frames.finalText, frames.editCall), 7), sink, limits(), () => 0);
	expect(outcome.end).toBe('dropped');
	expect(outcome.cause.message).toBe('aborted');
	expect(data).toEqual([frames.finalText, frames.editCall]);
});

test('heartbeats alone until the idle limit: "idle", and the stream is closed', async () => {
	const { data, sink } = collect();
	const body = heartbeatingBody(10);
	const started = Date.now();
	const outcome = await consumeEventStream(body, sink, limits({ idleMs: 150 }), () => 0);
	expect(outcome).toEqual({ end: 'idle' });
	expect(Date.now() - started).toBeLessThan(1000);
	expect(data.length).toBeGreaterThan(3);
	expect(body.destroyed).toBe(true);
});

test('a server that says nothing at all also ends at the idle limit', async () => {
	const { sink } = collect();
	const body = hangingBodyOf(wire(frames.finalText));
	const outcome = await consumeEventStream(body, sink, limits({ idleMs: 100 }), () => 0);
	expect(outcome).toEqual({ end: 'idle' });
	expect(body.destroyed).toBe(true);
});

test('the overall limit ends a stream that keeps making progress', async () => {
	const { sink } = collect();
	let progress = 0;
	const outcome = await consumeEventStream(heartbeatingBody(5), { ...sink, data: () => progress++ }, limits({ idleMs: 1000, totalMs: 120 }), () => progress);
	expect(outcome).toEqual({ end: 'overall' });
});

test('cancelling the execution closes the stream at once', async () => {
	const { sink } = collect();
	const controller = new AbortController();
	const body = hangingBodyOf(wire(frames.finalText));
	const reading = consumeEventStream(body, sink, limits({ signal: controller.signal }), () => 0);
	setTimeout(() => controller.abort(), 30);
	const started = Date.now();
	const outcome = await reading;
	expect(outcome).toEqual({ end: 'cancelled' });
	expect(Date.now() - started).toBeLessThan(200);
	expect(body.destroyed).toBe(true);
});

test('a failure of our own is "unreadable", never a drop, and closes the stream', async () => {
	const body = hangingBodyOf(wire(frames.finalText));
	const failure = new Error('sink broke');
	const outcome = await consumeEventStream(body, { data: () => { throw failure; }, comment: () => {} }, limits(), () => 0);
	expect(outcome).toEqual({ end: 'unreadable', cause: failure });
	expect(body.destroyed).toBe(true);
});
