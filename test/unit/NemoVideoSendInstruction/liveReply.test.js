const { openLiveReply } = require('../../../nodes/NemoVideoSendInstruction/liveReply');

const words = (text) => text.toUpperCase();

test('n8n without sendChunk (1.x), or an execution that does not stream: nothing to send to', () => {
	expect(openLiveReply({}, 0, words)).toBeUndefined();
	expect(openLiveReply({ isStreaming: () => false, sendChunk: () => undefined }, 0, words)).toBeUndefined();
});

test('pieces go in order, in the given words, a paragraph apart, framed by begin and end; blanks and the trailer are not sent', async () => {
	const sent = [];
	const ctx = {
		isStreaming: () => true,
		// the first call answers last: the order must still hold
		sendChunk: async (type, itemIndex, content) => {
			await new Promise((resolve) => setTimeout(resolve, sent.length === 0 ? 20 : 0));
			sent.push([type, itemIndex, content]);
		},
	};
	const live = openLiveReply(ctx, 2, words);
	live.send('first');
	live.send('  ');
	live.send('I encountered a temporary issue, please try again.');
	live.send('second');
	await live.end();
	expect(sent).toEqual([['begin', 2, undefined], ['item', 2, 'FIRST'], ['item', 2, '\n\nSECOND'], ['end', 2, undefined]]);
});

test('a caller that went away does not fail the instruction; nothing sent means no begin or end', async () => {
	const failing = openLiveReply({ isStreaming: () => true, sendChunk: async () => Promise.reject(new Error('socket closed')) }, 0, words);
	failing.send('text');
	await expect(failing.end()).resolves.toBeUndefined();
	const calls = [];
	const quiet = openLiveReply({ isStreaming: () => true, sendChunk: async (type) => calls.push(type) }, 0, words);
	await quiet.end();
	expect(calls).toEqual([]);
});
