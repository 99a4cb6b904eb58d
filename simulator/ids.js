// @ts-check
// The formats of every identifier the API hands out (docs/api.md). Secrets (tokens)
// come from crypto; the rest from the seeded random source so runs repeat under a seed.
const crypto = require('crypto');

/** `nmv_usr_` + 43 base64url characters (32 random bytes), like the CLI spec's example. */
const userToken = () => `nmv_usr_${crypto.randomBytes(32).toString('base64url')}`;

/** Claim tokens open the web app; they must never work as API auth (docs/api.md#claim-token). */
const claimToken = () => `clm_${crypto.randomBytes(32).toString('base64url')}`;

/** @param {ReturnType<import('./time/random').createRandom>} random */
const anonymousUserId = (random) => `anon_${random.string(16, '0123456789abcdef')}`;

/** @param {ReturnType<import('./time/random').createRandom>} random */
const taskId = (random) => `task_${random.string(24, '0123456789abcdef')}`;

// Twitter's epoch gives 19-digit snowflakes today, like the documented example "5529798706024415232".
const SNOWFLAKE_EPOCH = 1288834974657n;
let snowflakeSequence = 0n;
/** @param {number} nowMs */
function sessionId(nowMs) {
	snowflakeSequence = (snowflakeSequence + 1n) & 0xfffn;
	return ((BigInt(Math.floor(nowMs)) - SNOWFLAKE_EPOCH) << 22n | (1n << 12n) | snowflakeSequence).toString();
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * ADK event ids: 8 alphanumerics in ADK ≤ mid-2025 (`Event.new_id`), a UUID in newer ADK.
 * @param {ReturnType<import('./time/random').createRandom>} random
 * @param {'2506' | 'new'} flavor
 */
const eventId = (random, flavor) => (flavor === 'new' ? random.uuid() : random.string(8, ALPHANUMERIC));

/** @param {ReturnType<import('./time/random').createRandom>} random */
const invocationId = (random) => `e-${random.uuid()}`;

/** @param {ReturnType<import('./time/random').createRandom>} random */
const functionCallId = (random) => `adk-${random.uuid()}`;

/** A short, stable, non-reversible tag of a bearer token: tests compare tokens without printing them. */
const tokenTag = (token) => crypto.createHash('sha256').update(token).digest('hex').slice(0, 10);

module.exports = { userToken, claimToken, anonymousUserId, taskId, sessionId, eventId, invocationId, functionCallId, tokenTag };
