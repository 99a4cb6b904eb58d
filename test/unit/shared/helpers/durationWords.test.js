const { durationInWords } = require('../../../../nodes/shared/helpers/durationWords');

test.each([
	[180, '0.2 seconds'],
	[1000, '1 second'],
	[45_000, '45 seconds'],
	[60_000, '1 minute'],
	[90_000, '1.5 minutes'],
	[600_000, '10 minutes'],
	[15 * 60_000 + 20_000, '15.33 minutes'],
])('%i ms is "%s"', (ms, words) => {
	expect(durationInWords(ms)).toBe(words);
});
