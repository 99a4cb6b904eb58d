// Render jobs (docs/api.md#render): lifecycle in all three response shapes, failures, ids,
// the download fallback and the CDN on another host.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { request } = require('undici');
const { useSimulator, call, newSession, getState, eventually, ATTRIBUTION } = require('./helpers');
const { runSse } = require('./sseClient');

const sim = useSimulator({ timeScale: 0.002 });

/** A draft in the simulator's convention (docs/api.md#state), as a client sends it from state. */
const DRAFT = {
	t: [
		{ tt: 0, sg: [{ d: 10000, m: { start: 0, name: 'lighthouse', src: 'http://localhost/gen/abc.mp4' } }] },
		{ tt: 7, sg: [{ d: 3000, m: { start: 0, text: 'Lighthouse' } }] },
	],
	d: 10000,
	m: { width: 1080, height: 1920 },
};

async function readySession() {
	return { ...(await newSession(sim)), draft: DRAFT };
}

const submit = (s, id, extra = {}) => call(sim.url, 'POST', '/api/render/proxy/lambda', { token: s.token, json: { id, sessionId: s.sessionId, draft: s.draft, output: { format: 'mp4', quality: 'high' }, ...extra } });
const poll = (s, id) => call(sim.url, 'GET', `/api/render/proxy/lambda/${id}`, { token: s.token });

async function pollUntilDone(s, id) {
	const seen = [];
	const final = await eventually(async () => {
		const res = await poll(s, id);
		seen.push(res.body);
		const status = res.body.status ?? res.body.data.status;
		return ['completed', 'failed'].includes(status) && res.body;
	});
	return { final, seen };
}

test('superset shape: pending → processing → completed, output only when completed, free of charge', async () => {
	// Slow enough (a 0.6 s render) that a poll every 20 ms sees it processing on a loaded machine too.
	sim.setConfig({ timeScale: 0.02 });
	const s = await readySession();
	const creditsBefore = (await call(sim.url, 'GET', '/api/credits/balance/simple', { token: s.token })).body.data;
	const submitted = await submit(s, 'render_1');
	expect(submitted.status).toBe(200);
	expect(submitted.body).toMatchObject({ success: true, id: 'render_1', taskId: 'render_1', status: 'pending', progress: 5, data: { id: 'render_1', status: 'pending', progress: 5 } });
	expect(submitted.body).not.toHaveProperty('output');
	expect(submitted.body).not.toHaveProperty('outputUrl');

	const { final, seen } = await pollUntilDone(s, 'render_1');
	const processing = seen.find((body) => body.status === 'processing');
	expect(processing).toBeDefined();
	expect(processing).not.toHaveProperty('output');
	expect(processing.data).not.toHaveProperty('outputUrl');
	const progresses = seen.map((body) => body.progress);
	expect([...progresses].sort((a, b) => a - b)).toEqual(progresses);

	const url = `${sim.cdnUrl}/render-result/render_1.mp4`;
	expect(final).toEqual({
		success: true,
		id: 'render_1',
		taskId: 'render_1',
		status: 'completed',
		progress: 100,
		output: { url, duration: 10, size: expect.any(Number) },
		outputUrl: url,
		createdAt: expect.any(Number),
		completedAt: expect.any(Number),
		data: { id: 'render_1', status: 'completed', progress: 100, outputUrl: url, createdAt: final.createdAt, completedAt: final.completedAt },
	});
	expect(final.completedAt).toBeGreaterThan(final.createdAt);
	expect((await call(sim.url, 'GET', '/api/credits/balance/simple', { token: s.token })).body.data).toEqual(creditsBefore);
});

test('skill shape (SK@HEAD) and lambda shape (REF44) each carry only their own fields', async () => {
	const s = await readySession();
	sim.setConfig({ renderShape: 'skill' });
	await submit(s, 'render_skill');
	const skill = (await pollUntilDone(s, 'render_skill')).final;
	expect(skill).toEqual({ taskId: 'render_skill', status: 'completed', progress: 100, output: { url: expect.stringContaining('/render-result/render_skill.mp4'), duration: 10, size: expect.any(Number) } });

	sim.setConfig({ renderShape: 'lambda' });
	const submitted = await submit(s, 'render_lambda');
	expect(submitted.body).toEqual({ success: true, data: { id: 'render_lambda', status: 'pending', progress: 5, createdAt: expect.any(Number) } });
	const lambda = (await pollUntilDone(s, 'render_lambda')).final;
	expect(lambda).toEqual({ success: true, data: { id: 'render_lambda', status: 'completed', progress: 100, outputUrl: expect.any(String), createdAt: expect.any(Number), completedAt: expect.any(Number) } });
});

test('failFirstRender: the first render fails with error at both levels, the retry with a new id completes', async () => {
	const s = await readySession();
	sim.setConfig({ failFirstRender: true });
	await submit(s, 'render_a');
	const failed = (await pollUntilDone(s, 'render_a')).final;
	expect(failed).toMatchObject({ status: 'failed', error: expect.any(String), data: { status: 'failed', error: failed.error } });
	expect(failed).not.toHaveProperty('output');
	expect(failed.data).not.toHaveProperty('outputUrl');
	await submit(s, 'render_b');
	expect((await pollUntilDone(s, 'render_b')).final.status).toBe('completed');
	// After a reset the switch arms again.
	sim.reset();
	sim.setConfig({ failFirstRender: true });
	const again = await readySession();
	await submit(again, 'render_c');
	expect((await pollUntilDone(again, 'render_c')).final.status).toBe('failed');
});

test('a generated draft renders; without a draft in the body the session\'s draft is used', async () => {
	const s = await newSession(sim);
	await runSse(sim, s.token, s.sessionId, 'Make a 10-second video of a lighthouse');
	expect((await getState(sim, s.token, s.sessionId)).draft.t.length).toBe(3);
	const submitted = await call(sim.url, 'POST', '/api/render/proxy/lambda', { token: s.token, json: { id: 'render_state', sessionId: s.sessionId } });
	expect(submitted.status).toBe(200);
	const { final } = await pollUntilDone(s, 'render_state');
	expect(final.output).toMatchObject({ duration: 10 });
});

test('a reused id is 409; an unknown id is 404; another user cannot see a render', async () => {
	const s = await readySession();
	await submit(s, 'render_dup');
	const dup = await submit(s, 'render_dup');
	expect(dup.status).toBe(409);
	expect(dup.body).toEqual({ success: false, error: 'duplicate id' });
	expect((await poll(s, 'render_nope')).status).toBe(404);
	expect((await poll(s, 'render_nope')).body).toEqual({ success: false, error: 'not found' });
	const other = await newSession(sim);
	expect((await poll(other, 'render_dup')).status).toBe(404);
});

test('attribution headers missing or the plan blocked: 402, not a credits error', async () => {
	const s = await readySession();
	const bare = await call(sim.url, 'POST', '/api/render/proxy/lambda', { token: s.token, attribution: false, headers: { 'x-skill-source': 'only-one' }, json: { id: 'r1', sessionId: s.sessionId, draft: s.draft } });
	expect(bare.status).toBe(402);
	expect(bare.body).toMatchObject({ code: 402, success: false });
	expect(bare.body.message).toMatch(/x-skill-version, x-skill-platform/);
	sim.setConfig({ exportBlocked: true });
	const blocked = await submit(s, 'r2');
	expect(blocked.status).toBe(402);
	expect(blocked.body.message).toMatch(/plan/);
});

test('an empty draft: rejected by default, a failed job with emptyDraftPolicy=fail', async () => {
	const s = await newSession(sim);
	const rejected = await call(sim.url, 'POST', '/api/render/proxy/lambda', { token: s.token, json: { id: 'r_empty', sessionId: s.sessionId, draft: {} } });
	expect(rejected.status).toBe(400);
	expect(rejected.body).toEqual({ success: false, error: 'invalid draft' });
	sim.setConfig({ emptyDraftPolicy: 'fail' });
	const accepted = await call(sim.url, 'POST', '/api/render/proxy/lambda', { token: s.token, json: { id: 'r_empty2', sessionId: s.sessionId, draft: {} } });
	expect(accepted.status).toBe(200);
	const final = (await pollUntilDone({ token: s.token }, 'r_empty2')).final;
	expect(final).toMatchObject({ status: 'failed', error: 'invalid draft' });
	const unknownSession = await call(sim.url, 'POST', '/api/render/proxy/lambda', { token: s.token, json: { id: 'r3', sessionId: '1', draft: {} } });
	expect(unknownSession.body).toMatchObject({ code: 1002, success: false });
});

test('cancel: a running render ends failed/cancelled; a finished one is 409', async () => {
	sim.setConfig({ renderDurationMs: 60 * 60 * 1000 });
	const s = await readySession();
	await submit(s, 'render_long');
	const cancelled = await call(sim.url, 'POST', '/api/render/proxy/lambda/render_long/cancel', { token: s.token });
	expect(cancelled.body).toEqual({ success: true, data: { id: 'render_long', status: 'failed', error: 'cancelled' } });
	expect((await poll(s, 'render_long')).body).toMatchObject({ status: 'failed', error: 'cancelled' });
	expect((await call(sim.url, 'POST', '/api/render/proxy/lambda/render_long/cancel', { token: s.token })).status).toBe(409);
});

test('the clock drives progress: advancing it completes a long render', async () => {
	sim.setConfig({ renderDurationMs: 24 * 60 * 60 * 1000 });
	const s = await readySession();
	await submit(s, 'render_clock');
	expect((await poll(s, 'render_clock')).body.status).toBe('pending');
	sim.clock.advance(0.5 * 24 * 60 * 60 * 1000 * sim.config.timeScale);
	expect((await poll(s, 'render_clock')).body).toMatchObject({ status: 'processing', progress: expect.any(Number) });
	sim.clock.advance(24 * 60 * 60 * 1000);
	expect((await poll(s, 'render_clock')).body.status).toBe('completed');
});

describe('download', () => {
	test('the CDN is another host, needs no token, and serves a real MP4 that ffprobe reads', async () => {
		const s = await readySession();
		await submit(s, 'render_dl');
		const { final } = await pollUntilDone(s, 'render_dl');
		const cdnHost = new URL(final.output.url).host;
		expect(new URL(final.output.url).hostname).toBe('localhost');
		expect(cdnHost).not.toBe(new URL(sim.url).host);
		const res = await request(final.output.url);
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toBe('video/mp4');
		const bytes = Buffer.from(await res.body.arrayBuffer());
		expect(bytes.length).toBe(final.output.size);
		expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
		const entry = sim.log.last({ origin: 'cdn' });
		expect(entry).toMatchObject({ path: '/render-result/render_dl.mp4', host: cdnHost, hasAuthorization: false, status: 200 });

		const file = path.join(os.tmpdir(), `nemo-sim-${process.pid}.mp4`);
		fs.writeFileSync(file, bytes);
		try {
			const probe = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'csv=p=0', file]).toString();
			expect(probe).toContain('h264,video');
		} catch (error) {
			if (error.code !== 'ENOENT') throw error; // ffprobe not installed: the byte checks above stand
		} finally {
			fs.rmSync(file, { force: true });
		}
	});

	test('a client that sends its token to the CDN is visible in the log', async () => {
		const s = await readySession();
		await submit(s, 'render_leak');
		const { final } = await pollUntilDone(s, 'render_leak');
		await (await request(final.outputUrl, { headers: { authorization: `Bearer ${s.token}` } })).body.dump();
		const entry = sim.log.last({ origin: 'cdn' });
		expect(entry.hasAuthorization).toBe(true);
		expect(entry.tokenTag).toBe(sim.log.last({ origin: 'api' }).tokenTag);
	});

	test('the /download fallback: 200 video/mp4 with the bytes, 302 by switch, 409 before completion, 404 unknown', async () => {
		sim.setConfig({ renderDurationMs: 60 * 60 * 1000 });
		const s = await readySession();
		await submit(s, 'render_wait');
		const early = await call(sim.url, 'GET', '/api/render/proxy/render_wait/download', { token: s.token });
		expect(early.status).toBe(409);
		expect((await call(sim.url, 'GET', '/api/render/proxy/render_zzz/download', { token: s.token })).status).toBe(404);

		sim.setConfig({ renderDurationMs: 0 });
		await submit(s, 'render_now');
		const direct = await request(`${sim.url}/api/render/proxy/render_now/download`, { headers: { ...ATTRIBUTION, authorization: `Bearer ${s.token}` } });
		expect(direct.statusCode).toBe(200);
		expect(direct.headers['content-type']).toBe('video/mp4');
		expect(Buffer.from(await direct.body.arrayBuffer()).toString('latin1', 4, 8)).toBe('ftyp');

		sim.setConfig({ downloadRedirect: true });
		const redirected = await request(`${sim.url}/api/render/proxy/render_now/download`, { headers: { authorization: `Bearer ${s.token}` } });
		expect(redirected.statusCode).toBe(302);
		expect(redirected.headers.location).toBe(`${sim.cdnUrl}/render-result/render_now.mp4`);
		await redirected.body.dump();
		expect((await call(sim.url, 'GET', '/api/render/proxy/render_now/download')).body.code).toBe(1001);
	});

	test('renderOutputBytes: a valid large MP4 streamed with its exact Content-Length, ranges work', async () => {
		sim.setConfig({ renderOutputBytes: 40 * 1024 * 1024, renderDurationMs: 0 });
		const s = await readySession();
		const submitted = await submit(s, 'render_big');
		const url = submitted.body.outputUrl ?? (await poll(s, 'render_big')).body.outputUrl;
		const res = await request(url);
		expect(Number(res.headers['content-length'])).toBe(40 * 1024 * 1024);
		let size = 0;
		let head;
		for await (const chunk of res.body) {
			head ??= Buffer.from(chunk).subarray(0, 8);
			size += chunk.length;
		}
		expect(size).toBe(40 * 1024 * 1024);
		expect(head.toString('latin1', 4, 8)).toBe('ftyp');
		const tail = await request(url, { headers: { range: 'bytes=-16' } });
		expect(tail.statusCode).toBe(206);
		expect(Buffer.from(await tail.body.arrayBuffer())).toEqual(Buffer.alloc(16));
	});

	test('slowCdnBytesPerSec paces the CDN', async () => {
		sim.setConfig({ renderDurationMs: 0, slowCdnBytesPerSec: 200 * 1024 });
		const s = await readySession();
		await submit(s, 'render_slow');
		const started = Date.now();
		const res = await request(`${sim.cdnUrl}/render-result/render_slow.mp4`);
		await res.body.arrayBuffer();
		expect(Date.now() - started).toBeGreaterThanOrEqual(200); // 55 KB at 200 KB/s
	});
});

test('cdnSameOrigin serves the CDN under /cdn on the API origin', async () => {
	const { startSimulator } = require('../../../simulator');
	const same = await startSimulator({ cdnSameOrigin: true, timeScale: 0.002 });
	try {
		expect(same.cdnUrl).toBe(`${same.url}/cdn`);
		const res = await request(`${same.cdnUrl}/gen/abc123.mp4`);
		expect(res.statusCode).toBe(200);
		await res.body.dump();
		expect(same.log.last()).toMatchObject({ origin: 'cdn', path: '/cdn/gen/abc123.mp4' });
	} finally {
		await same.close();
	}
});
