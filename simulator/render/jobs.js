// @ts-check
// Render jobs (docs/api.md#render): pending → processing → completed | failed over ~30 s (scaled).
// A job's status is worked out from the clock when asked, so clock.advance() moves renders on
// too. Ids are chosen by clients and may never be reused.
const { hasTracks } = require('../agent/draft');
const { sampleMp4 } = require('../cdn/sources');
const { largeMp4 } = require('../cdn/largeMp4');

/**
 * @typedef {{
 *   id: string, userId: string, sessionId: string, draft: any, output: Record<string, unknown>,
 *   createdAt: number, durationMs: number, failAtMs: number | null, failReason: string | null,
 *   cancelledAt: number | null,
 * }} RenderJob
 * @typedef {{ status: 'pending' | 'processing' | 'completed' | 'failed', progress: number, completedAt: number | null, error: string | null }} RenderStatus
 */

/** @param {any} world */
function createRenders(world) {
	const config = world.config.values;
	/** @type {Map<string, RenderJob>} */
	const byId = new Map();
	// failFirstRender arms one failure: when switched on, and again after each reset.
	let failureArmed = config.failFirstRender;
	world.config.onChange((changed) => {
		if (changed.failFirstRender !== undefined) failureArmed = config.failFirstRender;
	});
	world.onReset(() => {
		byId.clear();
	});

	/**
	 * @param {{ id: string, account: { userId: string }, session: { sessionId: string }, draft: any, output: any }} request
	 * @returns {RenderJob}
	 */
	function submit({ id, account, session, draft, output }) {
		const durationMs = world.timing.scaled(config.renderDurationMs * (0.85 + world.random.next() * 0.3));
		let failAtMs = null;
		let failReason = null;
		if (!hasTracks(draft)) {
			failAtMs = durationMs * 0.1;
			failReason = 'invalid draft';
		} else if (config.failFirstRender && failureArmed) {
			failureArmed = false;
			failAtMs = durationMs * 0.5;
			failReason = 'Render failed: internal error';
		}
		const job = { id, userId: account.userId, sessionId: session.sessionId, draft, output, createdAt: world.clock.now(), durationMs, failAtMs, failReason, cancelledAt: null };
		byId.set(id, job);
		return job;
	}

	/** @param {RenderJob} job @param {number} [at] @returns {RenderStatus} */
	function statusOf(job, at = world.clock.now()) {
		const elapsed = at - job.createdAt;
		if (job.cancelledAt !== null) return { status: 'failed', progress: progressAt(job, job.cancelledAt - job.createdAt), completedAt: job.cancelledAt, error: 'cancelled' };
		if (job.failAtMs !== null && elapsed >= job.failAtMs) {
			return { status: 'failed', progress: progressAt(job, job.failAtMs), completedAt: Math.round(job.createdAt + job.failAtMs), error: job.failReason };
		}
		if (elapsed >= job.durationMs) return { status: 'completed', progress: 100, completedAt: Math.round(job.createdAt + job.durationMs), error: null };
		return { status: elapsed < job.durationMs * 0.07 ? 'pending' : 'processing', progress: progressAt(job, elapsed), completedAt: null, error: null };
	}

	/** About 5 at submit, rising to 99 before completion. */
	function progressAt(job, elapsed) {
		if (job.durationMs === 0) return 100;
		return Math.min(99, 5 + Math.floor((94 * elapsed) / job.durationMs));
	}

	/** The finished file: the sample MP4, or a large valid one when renderOutputBytes asks. */
	function outputSource() {
		return config.renderOutputBytes ? largeMp4(config.renderOutputBytes) : sampleMp4();
	}

	return {
		submit,
		statusOf,
		/** @param {string} id */
		get: (id) => byId.get(id),
		/** @param {string} id @param {string} userId */
		getOwned: (id, userId) => {
			const job = byId.get(id);
			return job && job.userId === userId ? job : undefined;
		},
		/** @param {RenderJob} job */
		cancel(job) {
			job.cancelledAt = world.clock.now();
		},
		outputSource,
		urlOf: (job) => `${world.cdnBase}/render-result/${encodeURIComponent(job.id)}.mp4`,
	};
}

module.exports = { createRenders };
