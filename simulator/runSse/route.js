// @ts-check
// POST /run_sse (docs/api.md#run-sse): token, then the ADK body check (422), then the session (404),
// then credits when the switch puts 2001 before the stream; after that the run starts and the
// stream follows it for as long as the client stays.
const { readJson } = require('../http/body');
const { sendJson, sendBusinessError } = require('../http/replies');
const { authenticate } = require('../auth/authenticate');
const { validateRunRequest, jsonInvalidDetail, MISSING_BODY_DETAIL } = require('./requestSchema');
const { classify } = require('../agent/intents');
const { costOf } = require('../agent/costs');
const { hasTracks } = require('../agent/draft');
const { serializeEvent } = require('../agent/eventFormats');
const { SseStreamWriter } = require('../sse/streamWriter');

const APP_NAME = 'nemo_agent';

/** @param {any} world @param {ReturnType<import('../agent/runs').createRuns>} runs */
function addRunSseRoute(router, world, runs) {
	router.add('POST', '/run_sse', async (ctx) => {
		const { req, res, entry } = ctx;
		const account = authenticate(world, req, res);
		if (!account) return;

		const parsed = await readJson(req);
		if (parsed.kind === 'empty') return sendJson(res, 422, { detail: MISSING_BODY_DETAIL });
		if (parsed.kind === 'invalid') {
			entry.body = parsed.raw;
			return sendJson(res, 422, { detail: jsonInvalidDetail(parsed.error) });
		}
		entry.body = parsed.value;
		const checked = validateRunRequest(parsed.value);
		if ('detail' in checked) return sendJson(res, 422, { detail: checked.detail });
		const body = checked.value;

		// ADK looks a session up by (app, user, id): a wrong app or user finds nothing either.
		const session = world.sessions.get(body.sessionId);
		const userMatches = body.userId === 'me' || body.userId === account.userId;
		if (!session || body.appName !== APP_NAME || !userMatches || session.userId !== account.userId) {
			return sendJson(res, 404, { code: 1002, message: 'Session not found', detail: 'Session not found' });
		}

		const instruction = (body.newMessage.parts ?? []).map((part) => part.text ?? '').join('\n');
		const intent = classify(instruction, {
			language: session.language,
			hasDraft: hasTracks(session.state.draft),
			hasUploads: session.state.video_infos.length > 0,
		});
		const cost = costOf(intent, world.config.values);
		if (cost > 0 && world.config.values.creditsErrorWhere === 'before' && account.credits.available < cost) {
			return sendBusinessError(res, world.config.values, 2001, `Insufficient credits: ${cost} needed, ${account.credits.available} available`);
		}

		const run = runs.start({ session, account, instruction, intent, streaming: Boolean(body.streaming) });
		const writer = new SseStreamWriter(res, world.config, world.random, world.clock, entry);
		writer.start();
		const unsubscribe = run.subscribe((signal) => {
			if (signal.type === 'event') for (const payload of serializeEvent(signal.event, world.config.values)) writer.event(payload);
			else if (signal.type === 'heartbeat') writer.heartbeat();
			else writer.end();
		});
		// The client leaving (or the server dropping it) stops the listening, never the run.
		res.once('close', unsubscribe);
	});
}

module.exports = { addRunSseRoute };
