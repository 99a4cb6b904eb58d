const { renderUntilDone, MAX_ATTEMPTS } = require('../../../nodes/NemoVideoExport/render');
const { fakeContext, httpError, networkError } = require('../shared/transport/fakeContext');

const draft = { t: [{ tt: 0, sg: [{ d: 10000 }] }], d: 10000 };
const request = (extra = {}) => ({
	itemIndex: 0,
	sessionId: 's1',
	draft,
	output: { format: 'mp4', quality: 'high' },
	pollIntervalMs: 5,
	timeoutMs: 5_000,
	...extra,
});
const render = (body) => ({ statusCode: 200, body });
const pending = render({ success: true, data: { status: 'pending', progress: 5 } });
const processing = render({ status: 'processing', progress: 50 });
const completed = render({ status: 'completed', progress: 100, output: { url: 'http://cdn.test/r.mp4', size: 1234 } });
const failed = (error) => render({ success: true, data: { status: 'failed', error } });

const submits = (ctx) => ctx.calls.filter((call) => call.options.method === 'POST');
const polls = (ctx) => ctx.calls.filter((call) => call.options.method === 'GET');

test('submits with a fresh render_<uuid> id, polls that id until completed, once', async () => {
	const ctx = fakeContext({ answers: [pending, processing, completed] });
	const result = await renderUntilDone(ctx, request());
	expect(result.attempts).toBe(1);
	expect(result.renderId).toMatch(/^render_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	expect(result.status).toMatchObject({ state: 'completed', url: 'http://cdn.test/r.mp4', sizeBytes: 1234 });
	const [submit] = submits(ctx);
	expect(submit.options.url).toBe('http://api.test/api/render/proxy/lambda');
	expect(submit.options.body).toEqual({ id: result.renderId, sessionId: 's1', draft, output: { format: 'mp4', quality: 'high' } });
	expect(polls(ctx).map((call) => call.options.url)).toEqual([
		`http://api.test/api/render/proxy/lambda/${result.renderId}`,
		`http://api.test/api/render/proxy/lambda/${result.renderId}`,
	]);
	expect(submits(ctx)).toHaveLength(1);
});

test('a failed render is submitted once more with a new id: attempts 2', async () => {
	const ctx = fakeContext({ answers: [pending, failed('encoder crashed'), pending, completed] });
	const result = await renderUntilDone(ctx, request());
	expect(result.attempts).toBe(2);
	const ids = submits(ctx).map((call) => call.options.body.id);
	expect(ids).toHaveLength(2);
	expect(ids[0]).not.toBe(ids[1]);
	expect(result.renderId).toBe(ids[1]);
	expect(polls(ctx).map((call) => call.options.url.split('/').pop())).toEqual([ids[0], ids[1]]);
});

test('a second failure is an error that names both render ids and their reasons; no third submit', async () => {
	const ctx = fakeContext({ answers: [pending, failed('first reason'), render({ success: false, error: 'second reason' })] });
	const error = await renderUntilDone(ctx, request()).catch((e) => e);
	const ids = submits(ctx).map((call) => call.options.body.id);
	expect(MAX_ATTEMPTS).toBe(2);
	expect(ids).toHaveLength(2);
	expect(error.message).toBe(`Export failed 2 times (render ${ids[0]} and ${ids[1]})`);
	expect(error.description).toContain('first reason');
	expect(error.description).toContain('second reason');
});

test('a timeout names the render id, its last status and where to fetch it later; it is not resubmitted', async () => {
	const answers = [pending, ...Array.from({ length: 200 }, () => processing)];
	const ctx = fakeContext({ answers });
	const error = await renderUntilDone(ctx, request({ pollIntervalMs: 10, timeoutMs: 60 })).catch((e) => e);
	const [id] = submits(ctx).map((call) => call.options.body.id);
	expect(submits(ctx)).toHaveLength(1);
	expect(error.message).toBe(`Render ${id} did not finish within 0.1 seconds`);
	expect(error.description).toContain(`with Render ID (in Options) set to ${id}`);
	expect(error.description).toContain('"processing" at 50%');
});

test('a poll that gets no answer is asked through; an HTTP 404 is not', async () => {
	const ctx = fakeContext({ answers: [pending, networkError('ENOTFOUND'), completed] });
	await expect(renderUntilDone(ctx, request())).resolves.toMatchObject({ attempts: 1 });

	const lost = fakeContext({ answers: [pending, httpError(404, { success: false, error: 'not found' }), completed] });
	const error = await renderUntilDone(lost, request()).catch((e) => e);
	expect(error.message).toContain('could not find');
	expect(polls(lost)).toHaveLength(1);
});

test('cancelling stops the polling at once', async () => {
	const controller = new AbortController();
	const ctx = fakeContext({ answers: [pending, processing, processing, processing], signal: controller.signal });
	const started = Date.now();
	const running = renderUntilDone(ctx, request({ pollIntervalMs: 60_000, timeoutMs: 600_000 }));
	setTimeout(() => controller.abort(), 30);
	const error = await running.catch((e) => e);
	expect(error.message).toBe('The execution was cancelled');
	expect(Date.now() - started).toBeLessThan(1_000);
	expect(polls(ctx)).toHaveLength(0);
});
