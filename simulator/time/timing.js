// @ts-check
// Real waits, shrunk by the timeScale switch: a 200 s generation takes 1 s at timeScale 0.005.
// Waits end early when their run is aborted (reset, close), so no timer outlives the simulator.

/**
 * @param {{ values: Record<string, any> }} config
 */
function createTiming(config) {
	/** @param {number} ms unscaled */
	const scaled = (ms) => Math.max(0, ms * config.values.timeScale);

	/**
	 * @param {number} ms unscaled duration
	 * @param {AbortSignal} [signal]
	 * @returns {Promise<void>} rejects with the signal's reason when aborted
	 */
	function sleep(ms, signal) {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			const timer = setTimeout(done, scaled(ms));
			function done() {
				signal?.removeEventListener('abort', abort);
				resolve();
			}
			function abort() {
				clearTimeout(timer);
				reject(signal?.reason);
			}
			signal?.addEventListener('abort', abort, { once: true });
		});
	}

	return { scaled, sleep };
}

module.exports = { createTiming };
