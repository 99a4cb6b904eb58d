// @ts-check
// The /run_sse body as ADK's pydantic model sees it (docs/api.md#run-sse): snake_case names and their
// camelCase aliases both accepted, `google.genai` Content/Part forbidding unknown keys, and the
// 422 answer FastAPI writes, with `loc` naming the camelCase alias.
const { z } = require('zod');

const toCamel = (key) => key.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());

/** pydantic's lax bool: true/false, 0/1 and the usual words. */
const laxBool = z.preprocess((value) => {
	if (typeof value === 'string') {
		const word = value.toLowerCase();
		if (['true', '1', 'yes', 'on', 't', 'y'].includes(word)) return true;
		if (['false', '0', 'no', 'off', 'f', 'n'].includes(word)) return false;
	}
	if (value === 0 || value === 1) return Boolean(value);
	return value;
}, z.boolean());

const anyObject = z.record(z.any());

const Part = z
	.object({
		text: z.string().nullish(),
		thought: laxBool.nullish(),
		thoughtSignature: z.string().nullish(),
		functionCall: anyObject.nullish(),
		functionResponse: anyObject.nullish(),
		inlineData: anyObject.nullish(),
		fileData: anyObject.nullish(),
		videoMetadata: anyObject.nullish(),
		executableCode: anyObject.nullish(),
		codeExecutionResult: anyObject.nullish(),
	})
	.strict();

// In google.genai, `parts` and `role` are both optional: `{"new_message": {}}` is a valid body.
const Content = z.object({ parts: z.array(Part).nullish(), role: z.string().nullish() }).strict();

const RunRequest = z.object({
	appName: z.string(),
	userId: z.string(),
	sessionId: z.string(),
	newMessage: Content,
	streaming: laxBool.optional(),
	stateDelta: anyObject.nullish(),
	invocationId: z.string().nullish(),
});

/**
 * populate_by_name: a snake_case key counts as its camelCase alias; when both are sent the
 * alias wins, as in pydantic.
 */
function normalize(value) {
	if (Array.isArray(value)) return value.map(normalize);
	if (!value || typeof value !== 'object') return value;
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const [key, inner] of Object.entries(value)) {
		const camel = toCamel(key);
		if (camel !== key && Object.prototype.hasOwnProperty.call(value, camel)) continue;
		// Free-form payloads keep their keys: tool args, state deltas.
		const keepInner = ['functionCall', 'functionResponse', 'stateDelta', 'inlineData', 'fileData'].includes(camel);
		out[camel] = keepInner ? inner : normalize(inner);
	}
	return out;
}

/** The raw value at a camelCase path, looking for each key under its alias or its name. */
function rawAt(raw, path) {
	let current = raw;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		if (typeof key === 'number') current = current[key];
		else {
			const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
			current = key in current ? current[key] : current[snake];
		}
	}
	return current;
}

const TYPE_ERRORS = {
	string: ['string_type', 'Input should be a valid string'],
	boolean: ['bool_type', 'Input should be a valid boolean'],
	array: ['list_type', 'Input should be a valid list'],
	object: ['model_attributes_type', 'Input should be a valid dictionary or object to extract fields from'],
};

/**
 * @param {unknown} raw the parsed JSON body
 * @returns {{ ok: true, value: z.infer<typeof RunRequest> } | { ok: false, detail: object[] }}
 */
function validateRunRequest(raw) {
	const parsed = RunRequest.safeParse(normalize(raw));
	if (parsed.success) return { ok: true, value: parsed.data };
	const detail = [];
	for (const issue of parsed.error.issues) {
		const path = issue.path;
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				detail.push({ type: 'extra_forbidden', loc: ['body', ...path, key], msg: 'Extra inputs are not permitted', input: rawAt(raw, [...path, key]) });
			}
		} else if (issue.code === 'invalid_type' && issue.received === 'undefined') {
			detail.push({ type: 'missing', loc: ['body', ...path], msg: 'Field required', input: rawAt(raw, path.slice(0, -1)) });
		} else if (issue.code === 'invalid_type') {
			const isDict = path[path.length - 1] === 'stateDelta' || ['functionCall', 'functionResponse'].includes(String(path[path.length - 1]));
			const [type, msg] = isDict ? ['dict_type', 'Input should be a valid dictionary'] : TYPE_ERRORS[issue.expected] || ['value_error', issue.message];
			detail.push({ type, loc: ['body', ...path], msg, input: rawAt(raw, path) });
		} else {
			detail.push({ type: 'value_error', loc: ['body', ...path], msg: issue.message, input: rawAt(raw, path) });
		}
	}
	return { ok: false, detail };
}

/** FastAPI's answer to a body that is not JSON at all. */
function jsonInvalidDetail(message) {
	const position = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
	return [{ type: 'json_invalid', loc: ['body', position], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }];
}

/** FastAPI's answer to a missing body. */
const MISSING_BODY_DETAIL = [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }];

module.exports = { validateRunRequest, jsonInvalidDetail, MISSING_BODY_DETAIL };
