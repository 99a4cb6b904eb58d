// @ts-check
// A seedable random source (mulberry32). Every choice the agent makes (silent edit or not, how
// long a generation takes, which phrase) draws from it, so a run is repeatable under a seed.

function createRandom(seed) {
	let state = 0;
	const api = {
		/** @param {number | null | undefined} newSeed */
		reseed(newSeed) {
			const value = newSeed ?? Math.floor(Math.random() * 2 ** 32);
			state = value >>> 0;
		},
		/** @returns {number} in [0, 1) */
		next() {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		},
		/** @param {number} rate probability in [0, 1] */
		chance(rate) {
			return rate > 0 && api.next() < rate;
		},
		/** integer in [min, max] */
		between(min, max) {
			return min + Math.floor(api.next() * (max - min + 1));
		},
		/** @template T @param {T[]} items @returns {T} */
		pick(items) {
			return items[Math.floor(api.next() * items.length)];
		},
		/** @param {number} length @param {string} alphabet */
		string(length, alphabet) {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet[Math.floor(api.next() * alphabet.length)];
			return out;
		},
		/** An RFC 4122 version-4 shaped id from this source, so ids repeat under a seed too. */
		uuid() {
			const hex = api.string(32, '0123456789abcdef').split('');
			hex[12] = '4';
			hex[16] = '89ab'[Math.floor(api.next() * 4)];
			const h = hex.join('');
			return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
		},
	};
	api.reseed(seed);
	return api;
}

module.exports = { createRandom };
