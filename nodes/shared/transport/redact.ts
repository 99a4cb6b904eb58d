// A NemoVideo token (anonymous or API: both begin `nmv_usr_`), wherever it stands in a text.
const TOKEN = /nmv_usr_[A-Za-z0-9._~+/=-]*/g;

/**
 * A server's text with any token taken out, for error messages and descriptions. The API never
 * sends a token back on purpose, but a Base URL that points at a proxy or a debugging endpoint
 * may answer with the request it received, Authorization header included, and whatever the
 * server says ends up in the execution n8n shows and logs.
 */
export function withoutTokens(text: string): string {
	return text.replace(TOKEN, '[token removed]');
}
