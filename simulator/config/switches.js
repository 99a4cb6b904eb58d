// @ts-check
// Every switch the simulator knows, in one table: its default, what values it takes and the
// docs/api.md section it comes from. The CLI flags, NEMO_SIM_* variables, setConfig() and
// POST /__sim/config are all derived from this table, so a switch exists everywhere or nowhere.

/**
 * @typedef {{
 *   name: string,
 *   type: 'number' | 'integer' | 'boolean' | 'enum' | 'string',
 *   default: unknown,
 *   nullable?: boolean,
 *   choices?: string[],
 *   min?: number,
 *   max?: number,
 *   doc: string,
 * }} Switch
 */

/** @type {Switch[]} */
const SWITCHES = [
	// Agent behaviour (docs/api.md#run-sse, #event-kinds)
	{ name: 'silentEditRate', type: 'number', default: 0.3, min: 0, max: 1, doc: 'Share of edit turns that carry only functionCall/functionResponse events and no text.' },
	{ name: 'trailerRate', type: 'number', default: 0.1, min: 0, max: 1, doc: 'Share of successful runs that end with the "I encountered a temporary issue" text.' },
	{ name: 'thoughtRate', type: 'number', default: 0.3, min: 0, max: 1, doc: 'Share of turns that start with a `thought:true` part.' },
	{ name: 'mixedTextCallRate', type: 'number', default: 0.25, min: 0, max: 1, doc: 'Share of tool calls announced by text and functionCall in one event.' },
	{ name: 'generationFailRate', type: 'number', default: 0, min: 0, max: 1, doc: 'Share of video generations whose tool reports an error (credits are returned).' },
	{ name: 'streamError', type: 'enum', default: null, nullable: true, choices: ['legacy', 'legacy-quoted', 'system', 'errorCode'], doc: 'Every run stops with this in-stream error after its first event. Magic words in the instruction do the same per run.' },
	{ name: 'stateDeltaInEvents', type: 'boolean', default: true, doc: 'Tool results that change the draft carry it in actions.stateDelta (silent edits never do).' },

	// SSE wire format (docs/api.md#event-kinds)
	{ name: 'sseFormat', type: 'enum', default: 'adk', choices: ['adk', 'simplified'], doc: 'ADK Event JSON, or the {"type":...} events of the withdrawn reference.' },
	{ name: 'adkFlavor', type: 'enum', default: '2506', choices: ['2506', 'new'], doc: 'ADK version: event id format (8 chars vs UUID), error-event style, extra keys.' },
	{ name: 'finalPartialFlag', type: 'enum', default: 'absent', choices: ['absent', 'false'], doc: 'The aggregated event after partial chunks has no `partial` key (Gemini) or `"partial":false` (LiteLLM).' },
	{ name: 'heartbeatStyle', type: 'enum', default: 'json', choices: ['json', 'empty', 'empty-space', 'comment', 'ping', 'mixed'], doc: 'Heartbeat wire form during long tool runs.' },
	{ name: 'heartbeatIntervalMs', type: 'integer', default: 15000, min: 1, doc: 'Heartbeat interval before time scaling.' },
	{ name: 'lineEnding', type: 'enum', default: 'lf', choices: ['lf', 'crlf'], doc: 'SSE line ending.' },
	{ name: 'chunking', type: 'enum', default: 'event', choices: ['event', 'tiny'], doc: '`tiny` writes the stream in 1-7 byte pieces, splitting multi-byte UTF-8 characters.' },

	// Time
	{ name: 'timeScale', type: 'number', default: 1, min: 0, doc: 'Multiplies every duration: agent turns, generation (100-300 s), renders (~30 s), heartbeats, Retry-After.' },
	{ name: 'seed', type: 'integer', default: null, nullable: true, doc: 'Seed of the random choices (silent edits, durations, texts). Unset: a random seed.' },

	// Errors, auth and limits (docs/api.md#envelope, #errors, #limits)
	{ name: 'errorMapping', type: 'enum', default: 'envelope', choices: ['envelope', 'strict'], doc: '`envelope`: business codes in HTTP 200. `strict`: 1001→401, 1002→404, 2001→402, 4001→400, 4002→413.' },
	{ name: 'sameClientIdPolicy', type: 'enum', default: '429', choices: ['429', 'reissue'], doc: 'A second anonymous-token request with the same X-Client-Id inside 7 days: 429, or the same token again.' },
	{ name: 'tokenDelayMs', type: 'integer', default: 0, min: 0, doc: 'How long the anonymous-token endpoint takes before it decides and answers, in real milliseconds (not time-scaled): a real round trip, so concurrent first requests overlap as they do in production.' },
	{ name: 'ipTokenLimit', type: 'integer', default: 10, min: 0, doc: 'Anonymous tokens per IP per 7 days. The IP is X-Forwarded-For when sent, else the socket address.' },

	// Credits (docs/api.md#credits)
	{ name: 'startingCredits', type: 'integer', default: 100, min: 0, doc: 'Credits of a new anonymous account.' },
	{ name: 'generationCost', type: 'integer', default: 100, min: 0, doc: 'Credits one video generation freezes, then consumes (its automatic post-production is included).' },
	{ name: 'editCost', type: 'integer', default: 50, min: 0, doc: 'Credits one edit turn freezes, then consumes (the unit is undocumented: the simulator charges per edit turn).' },
	{ name: 'creditsErrorWhere', type: 'enum', default: 'before', choices: ['before', 'stream'], doc: 'Where 2001 shows up: a JSON answer before the stream, or inside it as functionResponse + text.' },

	// Upload (docs/api.md#upload)
	{ name: 'maxUploadMb', type: 'number', default: 500, min: 0, doc: 'Per-file upload limit; above it 4002.' },

	// Render and CDN (docs/api.md#render, #download)
	{ name: 'renderShape', type: 'enum', default: 'superset', choices: ['superset', 'skill', 'lambda'], doc: 'Render submit/poll body: both shapes at once, the top-level shape only, or the wrapped {success,data} shape only.' },
	{ name: 'renderDurationMs', type: 'integer', default: 30000, min: 0, doc: 'How long a render takes before time scaling.' },
	{ name: 'emptyDraftPolicy', type: 'enum', default: 'reject', choices: ['reject', 'fail'], doc: 'A render of an empty draft: 400 {"success":false,"error":"invalid draft"}, or a job that ends `failed`.' },
	{ name: 'exportBlocked', type: 'boolean', default: false, doc: 'The plan blocks export: every render submit answers 402.' },
	{ name: 'downloadRedirect', type: 'boolean', default: false, doc: '/api/render/proxy/<id>/download answers 302 to the CDN instead of the bytes.' },
	{ name: 'renderOutputBytes', type: 'integer', default: null, nullable: true, min: 1, doc: 'Render results become a valid MP4 of about this many bytes (streamed, never held in memory).' },
	{ name: 'slowCdnBytesPerSec', type: 'integer', default: null, nullable: true, min: 1, doc: 'The CDN sends at most this many bytes per second.' },

	// Faults
	{ name: 'dropStreamAfterEvents', type: 'integer', default: null, nullable: true, min: 0, doc: 'The server cuts every SSE connection after this many events; the run goes on to the end server-side.' },
	{ name: 'failFirstRender', type: 'boolean', default: false, doc: 'The first render after this is set (or after a reset) fails.' },
	{ name: 'fiveXxBurst', type: 'integer', default: 0, min: 0, doc: 'The next N GET requests answer 503 (counts down).' },
	{ name: 'fiveXxBurstPath', type: 'string', default: null, nullable: true, doc: 'Limits fiveXxBurst to GET paths starting with this (CDN paths included).' },
	{ name: 'rateLimitNext', type: 'integer', default: 0, min: 0, doc: 'The next N API requests answer HTTP 429 with Retry-After (counts down).' },
	{ name: 'retryAfterSeconds', type: 'number', default: 30, min: 0, doc: 'Retry-After on 429 answers, before time scaling (rounded to whole seconds).' },
];

/** @returns {Record<string, unknown>} */
function defaults() {
	return Object.fromEntries(SWITCHES.map((s) => [s.name, s.default]));
}

/** @param {string} name */
function findSwitch(name) {
	return SWITCHES.find((s) => s.name === name);
}

/** camelCase switch name → kebab-case flag and NEMO_SIM_ variable. */
function flagOf(name) {
	return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/([a-z])(\d)/g, '$1-$2');
}
function envOf(name) {
	return `NEMO_SIM_${flagOf(name).replace(/-/g, '_').toUpperCase()}`;
}

module.exports = { SWITCHES, defaults, findSwitch, flagOf, envOf };
