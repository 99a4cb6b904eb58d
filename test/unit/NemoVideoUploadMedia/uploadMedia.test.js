const { uploadMedia } = require('../../../nodes/NemoVideoUploadMedia/execute');
const { fakeContext, ok, envelopeError, httpError } = require('../shared/transport/fakeContext');

// A URL upload, so the answer the test scripts is the API's word on the files.
function uploadContext(answers) {
	const ctx = fakeContext({ answers });
	const parameters = { sessionId: 'sess-1', source: 'url', urls: 'https://example.com/clip.mp4', options: {} };
	ctx.getNodeParameter = (name, _itemIndex, fallback) => parameters[name] ?? fallback;
	return ctx;
}

describe("the API's refusals of an upload are worded for the file", () => {
	const cases = [
		// [name, answer, code, message fragment, description fragment]
		['4001 in an envelope', envelopeError(4001), 4001, 'format', 'mp4, mov, avi, webm, mkv'],
		['4001 as strict 400', httpError(400, { code: 4001 }), 4001, 'format', 'jpeg'],
		['4002 in an envelope', envelopeError(4002), 4002, 'too large', '500 MB'],
		['4002 as strict 413', httpError(413, {}), 4002, 'too large', '500 MB'],
	];
	test.each(cases)('%s', async (_name, answer, code, message, description) => {
		const ctx = uploadContext([answer]);
		const error = await uploadMedia(ctx, 0).catch((e) => e);
		expect(error.nemoCode).toBe(code);
		expect(error.message.toLowerCase()).toContain(message);
		expect(error.description).toContain(description);
		expect(ctx.calls).toHaveLength(1);
	});

	test('other API errors keep the transport\'s words', async () => {
		const error = await uploadMedia(uploadContext([envelopeError(1002)]), 0).catch((e) => e);
		expect(error.message).toBe('NemoVideo session not found');
	});

	test('an accepted upload lists the files', async () => {
		const ctx = uploadContext([ok({ files: [{ filename: 'clip.mp4', cdn_url: 'https://cdn.test/clip.mp4' }] })]);
		const result = await uploadMedia(ctx, 0);
		expect(result.sessionId).toBe('sess-1');
		expect(result.files).toMatchObject([{ filename: 'clip.mp4', cdnUrl: 'https://cdn.test/clip.mp4' }]);
		expect(ctx.calls[0].options.body).toEqual({ urls: ['https://example.com/clip.mp4'], source_type: 'url' });
	});
});
