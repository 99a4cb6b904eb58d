import type { IDataObject } from 'n8n-workflow';

// Reading what the API sent without trusting its shape: much of the API is inferred (docs/api.md),
// and a field of the wrong type must read as absent, not break the node. Each reader answers with
// the type asked for or with "nothing" (an empty object or array, or undefined).

export const isJsonObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const asObject = (value: unknown): IDataObject => (isJsonObject(value) ? value : {});

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const asNumber = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** A string as it is, empty included. */
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A string with something in it, trimmed: a blank name or status means none was given. */
export const asText = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
