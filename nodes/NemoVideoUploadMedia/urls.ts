import { extensionOf, isAcceptedExtension, SUPPORTED_FORMATS_TEXT } from './formats';
import type { Refusal } from './checks';

// URLs for NemoVideo to fetch itself (`{"urls": [...], "source_type": "url"}`). People type them
// one per line or separated by commas; an AI agent or an expression may hand over an array.

/**
 * Every URL in a parameter value: a string (split on line breaks, spaces, and commas that start a
 * new URL, so a comma inside a query string stays) or an array of those.
 */
export function parseUrls(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(parseUrls);
	if (typeof value !== 'string') return value === undefined || value === null ? [] : parseUrls(String(value));
	return value
		.split(/\s+|,(?=\s*[a-z][a-z0-9+.-]*:\/\/)/i)
		.map((part) => part.trim().replace(/^,+|,+$/g, ''))
		.filter((part) => part !== '');
}

/** A URL NemoVideo can fetch: absolute http(s), and an accepted extension when its path has one. */
export function checkUrl(raw: string): Refusal | undefined {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return {
			message: `"${raw}" is not a valid URL`,
			description: 'Give each file as a full web address starting with https:// (or http://). Nothing was uploaded for this item.',
		};
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return {
			message: `"${raw}" is not an http(s) URL`,
			description: `NemoVideo fetches files over http and https only, not ${url.protocol.replace(/:$/, '')}. Nothing was uploaded for this item.`,
		};
	}
	const extension = extensionOf(url.pathname);
	if (extension && !isAcceptedExtension(extension)) {
		return {
			message: `"${raw}" is not a format NemoVideo accepts`,
			description: `The URL points to a .${extension} file. NemoVideo accepts ${SUPPORTED_FORMATS_TEXT}. Nothing was uploaded for this item.`,
		};
	}
	return undefined;
}
