const { Readable } = require('stream');
const { downloadRender, pathUnderApi } = require('../../../nodes/NemoVideoExport/download');
const { fakeContext, httpError } = require('../shared/transport/fakeContext');

const MP4 = Buffer.from('....ftypisom fake mp4 bytes');
const file = (bytes = MP4) => ({ statusCode: 200, headers: { 'content-type': 'video/mp4' }, body: Readable.from([bytes]) });

/** The transport's fake plus n8n's plain HTTP helper and a binary store that reads the stream through. */
function context({ api = [], cdn = [], signal } = {}) {
	const ctx = fakeContext({ answers: api, signal });
	const cdnQueue = [...cdn];
	ctx.cdnCalls = [];
	ctx.stored = [];
	ctx.helpers.httpRequest = async (options) => {
		ctx.cdnCalls.push(options);
		const answer = cdnQueue.shift();
		if (answer instanceof Error) throw answer;
		return answer;
	};
	ctx.helpers.prepareBinaryData = async (stream, fileName, mimeType) => {
		const chunks = [];
		for await (const chunk of stream) chunks.push(Buffer.from(chunk));
		const data = Buffer.concat(chunks);
		ctx.stored.push({ fileName, mimeType, data });
		return { data: 'filesystem-v2', id: 'filesystem-v2:x', fileName, mimeType, bytes: data.length };
	};
	return ctx;
}

const request = (extra = {}) => ({
	itemIndex: 0,
	renderId: 'render_abc',
	url: 'http://cdn.test/render-result/render_abc.mp4',
	fileName: 's1-render_abc.mp4',
	mimeType: 'video/mp4',
	timeoutMs: 1_000,
	...extra,
});

test('pathUnderApi: the same origin under the base path only, as a path for the transport', () => {
	expect(pathUnderApi('http://api.test/cdn/x.mp4?sig=1', 'http://api.test')).toBe('/cdn/x.mp4?sig=1');
	expect(pathUnderApi('http://api.test:80/cdn/x.mp4', 'http://api.test')).toBe('/cdn/x.mp4');
	expect(pathUnderApi('http://api.test/v1/x.mp4', 'http://api.test/v1')).toBe('/x.mp4');
	expect(pathUnderApi('http://localhost:8000/cdn/x.mp4', 'http://127.0.0.1:8000')).toBeUndefined();
	expect(pathUnderApi('https://api.test/cdn/x.mp4', 'http://api.test')).toBeUndefined();
	expect(pathUnderApi('http://api.test.evil/x.mp4', 'http://api.test')).toBeUndefined();
	expect(pathUnderApi('http://api.test/other/x.mp4', 'http://api.test/v1')).toBeUndefined();
	expect(pathUnderApi('http://api.test/v10/x.mp4', 'http://api.test/v1')).toBeUndefined();
	expect(pathUnderApi('not a url', 'http://api.test')).toBeUndefined();
});

test('a CDN on another host is fetched as a stream with no credential, into the binary store', async () => {
	const ctx = context({ cdn: [file()] });
	const result = await downloadRender(ctx, request());
	expect(result.via).toBe('url');
	expect(ctx.calls).toHaveLength(0); // nothing went through the authenticated transport
	const [options] = ctx.cdnCalls;
	expect(options).toMatchObject({ method: 'GET', url: 'http://cdn.test/render-result/render_abc.mp4', encoding: 'stream', returnFullResponse: true });
	expect(options.headers?.Authorization).toBeUndefined();
	expect(JSON.stringify(options)).not.toContain('nmv_usr_');
	expect(ctx.stored).toEqual([{ fileName: 's1-render_abc.mp4', mimeType: 'video/mp4', data: MP4 }]);
	expect(result.binary.bytes).toBe(MP4.length);
});

test.each([
	['answers 404', () => ({ statusCode: 404, headers: {}, body: Readable.from(['not found']) })],
	['is unreachable', () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
	['drops the stream midway', () => ({ statusCode: 200, headers: {}, body: Readable.from((async function* () { yield Buffer.from('half'); throw new Error('socket hang up'); })()) })],
])('when the CDN %s, the API fallback is used with the token', async (_name, cdnAnswer) => {
	const ctx = context({ cdn: [cdnAnswer()], api: [file()] });
	const result = await downloadRender(ctx, request());
	expect(result.via).toBe('fallback');
	expect(ctx.calls).toHaveLength(1);
	expect(ctx.calls[0].options).toMatchObject({ method: 'GET', url: 'http://api.test/api/render/proxy/render_abc/download', encoding: 'stream' });
	expect(ctx.calls[0].options.sendCredentialsOnCrossOriginRedirect).toBe(false);
	expect(ctx.stored.at(-1).data).toEqual(MP4);
});

test('a render URL under the API is fetched through the transport, with the token', async () => {
	const ctx = context({ api: [file()] });
	const result = await downloadRender(ctx, request({ url: 'http://api.test:80/cdn/render-result/render_abc.mp4' }));
	expect(result.via).toBe('url');
	expect(ctx.cdnCalls).toHaveLength(0);
	expect(ctx.calls[0].options.url).toBe('http://api.test/cdn/render-result/render_abc.mp4');
});

describe('redirects from the API are followed by us, never by n8n', () => {
	const redirect = (location, statusCode = 302) => ({ statusCode, headers: { location }, body: Readable.from([]) });

	test('to another host: that hop goes through the plain helper, without the token', async () => {
		const ctx = context({ api: [redirect('http://cdn.test/render-result/render_abc.mp4?sig=1')], cdn: [file()] });
		const result = await downloadRender(ctx, request({ url: undefined }));
		expect(result.via).toBe('fallback');
		expect(ctx.calls).toHaveLength(1);
		expect(ctx.calls[0].options).toMatchObject({ url: 'http://api.test/api/render/proxy/render_abc/download', disableFollowRedirect: true });
		expect(ctx.cdnCalls.map((options) => options.url)).toEqual(['http://cdn.test/render-result/render_abc.mp4?sig=1']);
		expect(ctx.cdnCalls[0].headers?.Authorization).toBeUndefined();
		expect(JSON.stringify(ctx.cdnCalls)).not.toContain('nmv_usr_');
		expect(ctx.stored.at(-1).data).toEqual(MP4);
	});

	test('to a path under the API (relative or absolute): followed with the token, then off to another host without it', async () => {
		const ctx = context({ api: [redirect('/files/render_abc', 307), redirect('http://api.test/files/render_abc/signed'), redirect('http://cdn.test/x.mp4', 301)], cdn: [file()] });
		await downloadRender(ctx, request({ url: undefined }));
		expect(ctx.calls.map((call) => call.options.url)).toEqual([
			'http://api.test/api/render/proxy/render_abc/download',
			'http://api.test/files/render_abc',
			'http://api.test/files/render_abc/signed',
		]);
		expect(ctx.calls.every((call) => call.options.disableFollowRedirect === true)).toBe(true);
		expect(ctx.cdnCalls.map((options) => options.url)).toEqual(['http://cdn.test/x.mp4']);
	});

	test('a redirect loop under the API ends in an error, after a bounded number of hops', async () => {
		const ctx = context({ api: Array.from({ length: 10 }, () => redirect('/api/render/proxy/render_abc/download')) });
		const error = await downloadRender(ctx, request({ url: undefined })).catch((e) => e);
		expect(error.message).toBe('Could not download render render_abc');
		expect(error.description).toContain('more than 5 redirects');
		expect(ctx.calls).toHaveLength(6);
		expect(ctx.stored).toHaveLength(0);
	});
});

test('without a URL the fallback is the only way', async () => {
	const ctx = context({ api: [file()] });
	expect((await downloadRender(ctx, request({ url: undefined }))).via).toBe('fallback');
	expect(ctx.cdnCalls).toHaveLength(0);
});

test('when both fail, the error names the render id and both reasons', async () => {
	const ctx = context({ cdn: [{ statusCode: 503, headers: {}, body: Readable.from([]) }], api: [httpError(409, { success: false, error: 'render not completed' })] });
	const error = await downloadRender(ctx, request()).catch((e) => e);
	expect(error.message).toBe('Could not download render render_abc');
	expect(error.description).toContain('HTTP 503');
	expect(error.description).toContain('/api/render/proxy/render_abc/download');
	expect(error.description).toContain('duplicate'); // the transport's words for a 409
	expect(error.description).not.toContain('nmv_usr_');
});

test('an answer from the fallback that is JSON, not a file, is an error, not a video', async () => {
	const ctx = context({ api: [{ statusCode: 200, body: Readable.from([Buffer.from(JSON.stringify({ code: 1002, message: 'Session not found' }))]) }] });
	const error = await downloadRender(ctx, request({ url: undefined })).catch((e) => e);
	expect(error.message).toBe('Could not download render render_abc');
	expect(error.description).toContain('session not found');
	expect(ctx.stored).toHaveLength(0);
});

test('a cancelled execution does not fall back', async () => {
	const controller = new AbortController();
	controller.abort();
	const ctx = context({ cdn: [new Error('aborted')], signal: controller.signal });
	await expect(downloadRender(ctx, request())).rejects.toThrow('aborted');
	expect(ctx.cdnCalls).toHaveLength(1);
	expect(ctx.calls).toHaveLength(0);
});
