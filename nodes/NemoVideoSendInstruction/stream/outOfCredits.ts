// Where a lack of credits shows up inside the stream is undocumented (docs/api.md#credits): a business
// code 2001 in a tool result or an error event, or only words. Both are recognised.

const CREDITS_CODE = 2001;
const CREDITS_WORDS =
	/insufficient credits?|not enough credits?|out of credits|credits? (?:are |is )?(?:insufficient|exhausted|used up)|积分不足|余额不足|点数不足/i;

function codeOf(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

export function isOutOfCredits(code: unknown, message: unknown): boolean {
	if (codeOf(code) === CREDITS_CODE) return true;
	return typeof message === 'string' && CREDITS_WORDS.test(message);
}
