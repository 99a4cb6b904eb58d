// @ts-check
// Projects (tasks) and their sessions, each with the agent state of docs/api.md#state.
const ids = require('../ids');

/**
 * @typedef {{
 *   video_infos: any[], draft: Record<string, any>, canvas_config: Record<string, any>,
 *   video_analyses: Record<string, any>, generated_media: any[],
 * }} SessionState
 * @typedef {{
 *   sessionId: string, taskId: string, taskName: string, language: string, userId: string,
 *   createdAt: number, state: SessionState,
 * }} Session
 */

/** @returns {SessionState} */
const emptyState = () => ({ video_infos: [], draft: {}, canvas_config: {}, video_analyses: {}, generated_media: [] });

/**
 * @param {{ now(): number }} clock
 * @param {ReturnType<import('../time/random').createRandom>} random
 */
function createSessions(clock, random) {
	/** @type {Map<string, Session>} */
	const byId = new Map();
	return {
		/** @param {{ userId: string, taskName: string, language: string }} init @returns {Session} */
		create({ userId, taskName, language }) {
			const session = {
				sessionId: ids.sessionId(clock.now()),
				taskId: ids.taskId(random),
				taskName,
				language,
				userId,
				createdAt: clock.now(),
				state: emptyState(),
			};
			byId.set(session.sessionId, session);
			return session;
		},
		/** @param {string} sessionId */
		get: (sessionId) => byId.get(sessionId),
		/**
		 * The session if it belongs to the caller. `me` and the caller's own user id both name
		 * the caller (docs/api.md#headers); anything else finds nothing.
		 * @param {string} sessionId @param {string} pathUser @param {{ userId: string }} account
		 */
		findOwned(sessionId, pathUser, account) {
			if (pathUser !== 'me' && pathUser !== account.userId) return undefined;
			const session = byId.get(sessionId);
			return session && session.userId === account.userId ? session : undefined;
		},
		clear: () => byId.clear(),
	};
}

module.exports = { createSessions, emptyState };
