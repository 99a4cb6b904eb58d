// @ts-check
// The bytes of one SSE frame (docs/api.md#run-sse, #event-kinds): `data: <json>` and a blank line, in the
// chosen line ending; heartbeats in each form a client must accept.

const HEARTBEAT_STYLES = ['json', 'empty', 'empty-space', 'comment', 'ping'];

/** @param {'lf' | 'crlf'} lineEnding */
const eolOf = (lineEnding) => (lineEnding === 'crlf' ? '\r\n' : '\n');

/** @param {string} payload @param {'lf' | 'crlf'} lineEnding */
function dataFrame(payload, lineEnding) {
	const eol = eolOf(lineEnding);
	return `data: ${payload}${eol}${eol}`;
}

/**
 * @param {string} style one of HEARTBEAT_STYLES ('mixed' is resolved by the caller)
 * @param {'lf' | 'crlf'} lineEnding
 * @param {number} nowMs
 */
function heartbeatFrame(style, lineEnding, nowMs) {
	const eol = eolOf(lineEnding);
	switch (style) {
		case 'empty':
			return `data:${eol}${eol}`;
		case 'empty-space':
			return `data: ${eol}${eol}`;
		case 'comment':
			return `: heartbeat${eol}${eol}`;
		case 'ping':
			// sse-starlette's default ping: ": ping - <datetime.now(timezone.utc)>"
			return `: ping - ${pythonUtcNow(nowMs)}${eol}${eol}`;
		default:
			return `data: {"type":"heartbeat"}${eol}${eol}`;
	}
}

/** `2026-03-19 09:00:00.000000+00:00`, as str() of an aware Python datetime prints it. */
function pythonUtcNow(nowMs) {
	const iso = new Date(nowMs).toISOString(); // 2026-03-19T09:00:00.000Z
	return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000+00:00`;
}

module.exports = { dataFrame, heartbeatFrame, HEARTBEAT_STYLES };
