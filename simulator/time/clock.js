// @ts-check
// The simulator's idea of "now". Token lifetimes, the 7-day issue windows and render progress read
// it, so a test can jump a week ahead with advance() instead of waiting. Timers that pace the
// agent are real (see timing.js): advancing the clock does not make a run finish sooner.

/**
 * @typedef {{ now(): number, advance(ms: number): void }} Clock
 */

/** @returns {Clock} */
function createClock() {
	let offset = 0;
	return {
		now: () => Date.now() + offset,
		advance(ms) {
			offset += ms;
		},
	};
}

module.exports = { createClock };
