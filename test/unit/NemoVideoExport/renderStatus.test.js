const { readRenderStatus, isFinished } = require('../../../nodes/NemoVideoExport/renderStatus');

const url = 'http://localhost:9/cdn/render-result/render_1.mp4';

// The three shapes of a render's answer (docs/api.md#render), as the simulator's switches produce them.
const skill = { taskId: 'render_1', status: 'completed', progress: 100, output: { url, duration: 10, size: 2400000 } };
const lambda = { success: true, data: { id: 'render_1', status: 'completed', progress: 100, outputUrl: url, createdAt: 1, completedAt: 2 } };
const superset = { success: true, id: 'render_1', taskId: 'render_1', status: 'completed', progress: 100, output: { url, duration: 10, size: 2400000 }, outputUrl: url, createdAt: 1, completedAt: 2, data: lambda.data };

test.each([
	['skill (top level, output.url)', skill, 2400000],
	['lambda ({success, data: {status, outputUrl}})', lambda, undefined],
	['superset', superset, 2400000],
])('a completed render in the %s shape', (_name, body, sizeBytes) => {
	const status = readRenderStatus(body);
	expect(status).toMatchObject({ id: 'render_1', state: 'completed', status: 'completed', progress: 100, url });
	expect(status.sizeBytes).toBe(sizeBytes);
	expect(isFinished(status)).toBe(true);
});

test('pending and processing are not finished and carry no URL', () => {
	for (const body of [{ status: 'pending', progress: 5 }, { success: true, data: { id: 'r', status: 'processing', progress: 50 } }]) {
		const status = readRenderStatus(body);
		expect(isFinished(status)).toBe(false);
		expect(status.url).toBeUndefined();
	}
	expect(readRenderStatus({ success: true, data: { status: 'processing', progress: 50 } }).progress).toBe(50);
});

test('failed carries its reason from either level', () => {
	expect(readRenderStatus({ status: 'failed', error: 'invalid draft' })).toMatchObject({ state: 'failed', error: 'invalid draft' });
	expect(readRenderStatus({ success: true, data: { status: 'failed', error: 'boom' } })).toMatchObject({ state: 'failed', error: 'boom' });
});

test('a refusal without a status is a failure', () => {
	expect(readRenderStatus({ success: false, error: 'invalid draft' })).toMatchObject({ state: 'failed', status: 'failed', error: 'invalid draft' });
});

test('status words are read case-insensitively; unknown ones mean still working', () => {
	expect(readRenderStatus({ status: 'COMPLETED' }).state).toBe('completed');
	expect(readRenderStatus({ status: 'whatever' })).toMatchObject({ state: 'pending', status: 'whatever' });
	expect(readRenderStatus({ status: 'constructor' }).state).toBe('pending');
	expect(readRenderStatus(null)).toMatchObject({ state: 'pending', status: 'unknown' });
});
