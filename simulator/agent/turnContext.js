// @ts-check
// The vocabulary a turn is written in: say something, think, call a tool, work on it (with
// heartbeats), answer the call, hold and settle credits. It builds the ADK events (ids,
// timestamps, streaming partials) and publishes them on the run, whoever is listening.
const ids = require('../ids');
const { textPart, thoughtPart, callPart, responsePart, adkTimestamp } = require('./agentEvent');
const { say } = require('./phrases');

const AGENT = 'nemo_agent';

/** Thrown to end a turn early after an injected in-stream error. */
class TurnStopped extends Error {}

class TurnContext {
	/**
	 * @param {{ run: import('./run').Run, world: any, session: import('../sessions/store').Session,
	 *   account: import('../auth/accounts').Account, intent: import('./intents').Intent }} deps
	 */
	constructor({ run, world, session, account, intent }) {
		this.run = run;
		this.world = world;
		this.session = session;
		this.account = account;
		this.intent = intent;
		this.config = world.config.values;
		this.random = world.random;
		this.held = 0;
		/** In-stream error to inject after the first event (magic word first, then the switch). */
		this.pendingError = intent.magic.error === 'flavor' ? (this.config.adkFlavor === 'new' ? 'system' : 'legacy') : intent.magic.error ?? this.config.streamError;
	}

	get lang() {
		return this.intent.lang;
	}

	/** @param {Parameters<typeof say>[0]} key @param {Record<string, unknown>} [params] */
	phrase(key, params) {
		return say(key, this.lang, this.random, params);
	}

	/** Model or tool time: a random duration in [min, max] ms before time scaling. */
	pause(minMs, maxMs) {
		return this.world.timing.sleep(this.random.between(minMs, maxMs), this.run.signal);
	}

	/**
	 * A tool at work: real time passes and a heartbeat goes out every interval (docs/api.md#event-kinds).
	 * @param {number} ms before time scaling
	 */
	async work(ms) {
		let remaining = ms;
		while (remaining > 0) {
			const step = Math.min(remaining, this.config.heartbeatIntervalMs);
			await this.world.timing.sleep(step, this.run.signal);
			remaining -= step;
			if (remaining > 0) this.run.heartbeat();
		}
	}

	/**
	 * @param {Partial<import('./agentEvent').AgentEvent>} fields
	 * @returns {import('./agentEvent').AgentEvent}
	 */
	build(fields) {
		return {
			author: AGENT,
			invocationId: this.run.invocationId,
			id: ids.eventId(this.random, this.config.adkFlavor),
			timestamp: adkTimestamp(this.world.clock.now(), this.random),
			stateDelta: {},
			...fields,
		};
	}

	/** @param {import('./agentEvent').AgentEvent} event */
	publish(event) {
		this.run.publish(event);
		if (this.pendingError) this.injectError();
	}

	/** Model output: text (streamed as partials first when the request asked for streaming), maybe with a call. */
	async modelSays(parts, { streamText } = { streamText: undefined }) {
		let sharedId;
		if (this.run.streaming && streamText) {
			// ADK 2506 gives every partial a new id; newer ADK keeps one id for the message.
			sharedId = this.config.adkFlavor === 'new' ? ids.eventId(this.random, 'new') : undefined;
			for (const chunk of chunksOf(streamText, this.random)) {
				this.publish(this.build({ content: { parts: [textPart(chunk)], role: 'model' }, partial: true, fromModel: true, ...(sharedId ? { id: sharedId } : {}) }));
				await this.pause(200, 800);
			}
		}
		const hasCall = parts.some((part) => part.functionCall);
		this.publish(
			this.build({
				content: { parts, role: 'model' },
				aggregated: Boolean(this.run.streaming && streamText),
				fromModel: true,
				...(hasCall ? { longRunningToolIds: [] } : {}),
				...(sharedId ? { id: sharedId } : {}),
			}),
		);
	}

	/** @param {string} text */
	say(text) {
		return this.modelSays([textPart(text)], { streamText: text });
	}

	/** A `thought:true` part: clients must not show it. Sometimes, or always with #sim-thought. */
	async maybeThought(key, params) {
		if (this.intent.magic.thought ?? this.random.chance(this.config.thoughtRate)) {
			await this.modelSays([thoughtPart(this.phrase(key, params))]);
		}
	}

	/**
	 * @param {string} name @param {Record<string, unknown>} args
	 * @param {string} [text] an announcement: its own event before the call, or in the same event
	 * @returns {Promise<string>} the call id
	 */
	async call(name, args, text) {
		const id = ids.functionCallId(this.random);
		if (text !== undefined && this.random.chance(this.config.mixedTextCallRate)) {
			await this.modelSays([textPart(text), callPart(id, name, args)], { streamText: text });
			return id;
		}
		if (text !== undefined) {
			await this.say(text);
			await this.pause(300, 1200);
		}
		await this.modelSays([callPart(id, name, args)]);
		return id;
	}

	/**
	 * A tool result: role "user", author still the agent (docs/api.md#event-kinds). State changes ride in
	 * actions.stateDelta unless `quiet` (silent edits) or the switch turns that off.
	 */
	respond(id, name, response, stateDelta = {}, quiet = false) {
		const delta = quiet || !this.config.stateDeltaInEvents ? {} : stateDelta;
		this.publish(this.build({ content: { parts: [responsePart(id, name, response)], role: 'user' }, stateDelta: delta }));
	}

	/** @param {number} amount @returns {boolean} */
	hold(amount) {
		if (!this.account.credits.freeze(amount)) return false;
		this.held += amount;
		return true;
	}

	settle() {
		this.account.credits.consume(this.held);
		this.held = 0;
	}

	refund() {
		this.account.credits.release(this.held);
		this.held = 0;
	}

	/** 2001 inside the stream (docs/api.md#event-kinds, out of credits): the tool refuses, the agent explains with the register link. */
	async outOfCredits(callId, name, cost) {
		this.respond(callId, name, { status: 'error', code: 2001, message: 'Insufficient credits' });
		await this.say(this.phrase('noCredits', { cost, available: this.account.credits.available, userId: this.account.userId }));
		return 'no-credits';
	}

	injectError() {
		const kind = this.pendingError;
		this.pendingError = null;
		const message = this.phrase('errorMessage');
		if (kind === 'legacy') this.run.publish(this.build({ legacyError: "Last event shouldn't be partial. LLM max output limit may be reached." }));
		else if (kind === 'legacy-quoted') this.run.publish(this.build({ legacyError: 'boom "quoted"' }));
		else if (kind === 'system') {
			this.run.publish(this.build({ author: 'system', invocationId: '', content: { parts: [textPart(`Error: ${message}`)], role: 'model' } }));
		} else this.run.publish(this.build({ errorCode: 'MALFORMED_FUNCTION_CALL', errorMessage: message }));
		throw new TurnStopped(kind ?? 'error');
	}
}

/** Splits a text into 2-4 streaming chunks at spaces (or anywhere, for Chinese). */
function chunksOf(text, random) {
	const count = Math.min(text.length, random.between(2, 4));
	const chunks = [];
	let start = 0;
	for (let i = 1; i <= count; i++) {
		let end = i === count ? text.length : Math.round((text.length * i) / count);
		const space = text.indexOf(' ', end);
		if (i < count && space !== -1 && space - end < 12) end = space + 1;
		if (end > start) chunks.push(text.slice(start, end));
		start = Math.max(start, end);
	}
	return chunks;
}

module.exports = { TurnContext, TurnStopped, chunksOf };
