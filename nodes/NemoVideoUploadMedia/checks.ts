import { SUPPORTED_FORMATS_TEXT, bareMimeType, extensionForMimeType, extensionOf, isAcceptedExtension, isAcceptedMimeType } from './formats';

// What is refused before an upload starts, and the words that say why. Pure functions: the node
// turns a refusal into its error, and the tests read them without an n8n context.

export interface Refusal {
	message: string;
	description: string;
}

export const BYTES_PER_MB = 1024 * 1024;
export const DEFAULT_MAX_FILE_SIZE_MB = 500;

const NOTHING_SENT = 'Nothing was uploaded for this item.';

/** 1536 → "1.5 KB", 641728512 → "612 MB". */
export function describeSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
	return `${rounded} ${units[unit]}`;
}

/**
 * The name a file is uploaded under. NemoVideo judges a file by its extension, so a name without one
 * (an n8n binary called "data", say) gets the extension its binary metadata or MIME type stands for.
 */
export function uploadName(name: string | undefined, mimeType?: string, fileExtension?: string): string {
	const base = (name ?? '').trim() || 'file';
	if (extensionOf(base)) return base;
	const extension = (fileExtension ?? '').replace(/^\./, '').toLowerCase() || extensionForMimeType(mimeType);
	return extension ? `${base}.${extension}` : base;
}

/** Extension and MIME type against the list of docs/api.md#upload (case-insensitive, jpeg accepted). */
export function checkFormat(name: string, mimeType: string | undefined, origin: string): Refusal | undefined {
	const extension = extensionOf(name);
	const accepted = `NemoVideo accepts ${SUPPORTED_FORMATS_TEXT}.`;
	if (!extension) {
		return {
			message: `"${name}" has no file extension NemoVideo can read`,
			description: `The file in ${origin} has no extension and its MIME type ("${bareMimeType(mimeType) || 'none'}") names no accepted format. ${accepted} Give the file a name with one of these extensions. ${NOTHING_SENT}`,
		};
	}
	if (!isAcceptedExtension(extension)) {
		return {
			message: `"${name}" is not a format NemoVideo accepts`,
			description: `The file in ${origin} is a .${extension} file. ${accepted} Convert the file to one of these, then upload it again. ${NOTHING_SENT}`,
		};
	}
	if (!isAcceptedMimeType(mimeType)) {
		return {
			message: `"${name}" is not a format NemoVideo accepts`,
			description: `The file in ${origin} is named .${extension}, but its MIME type is "${bareMimeType(mimeType)}". ${accepted} If the file really is .${extension}, correct its MIME type in the node that produced it. ${NOTHING_SENT}`,
		};
	}
	return undefined;
}

export function checkSize(name: string, size: number, maxFileSizeMb: number, origin: string): Refusal | undefined {
	if (size <= maxFileSizeMb * BYTES_PER_MB) return undefined;
	return {
		message: `"${name}" is too large to upload (${describeSize(size)}; the limit is ${maxFileSizeMb} MB)`,
		description: `The file in ${origin} is ${describeSize(size)} (${size} bytes); the limit set in the Max File Size option is ${maxFileSizeMb} MB, and NemoVideo itself accepts up to ${DEFAULT_MAX_FILE_SIZE_MB} MB per file. Compress or trim the file, then upload it again. ${NOTHING_SENT}`,
	};
}

/** The API's own refusals of an upload (when our checks could not tell), in the same words. */
export const API_REFUSALS: Record<number, Refusal> = {
	4001: {
		message: 'NemoVideo does not accept this file format',
		description: `Accepted formats are ${SUPPORTED_FORMATS_TEXT}. Convert the file to one of these and upload it again.`,
	},
	4002: {
		message: 'The file is too large for NemoVideo',
		description: `The limit is ${DEFAULT_MAX_FILE_SIZE_MB} MB per file. Compress or trim the file, then upload it again.`,
	},
};
