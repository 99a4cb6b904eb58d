/**
 * A wait or a limit in words, for error messages: 600000 → "10 minutes", 90000 → "1.5 minutes",
 * 60000 → "1 minute", 180 → "0.2 seconds".
 */
export function durationInWords(ms: number): string {
	const [value, unit] = ms >= 60_000 ? [Math.round((ms / 60_000) * 100) / 100, 'minute'] : [Math.round(ms / 100) / 10, 'second'];
	return `${value} ${unit}${value === 1 ? '' : 's'}`;
}
