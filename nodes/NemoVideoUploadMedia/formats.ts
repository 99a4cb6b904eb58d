// The formats NemoVideo accepts for upload (docs/api.md#upload), with the MIME types each is known by.
// Checked before a byte is sent: a file the API would refuse with 4001 is refused here instead,
// so a 500 MB upload is not spent on an answer we can predict.

export type MediaKind = 'video' | 'image' | 'audio';

interface Format {
	kind: MediaKind;
	/** The Content-Type sent with the file. */
	mimeType: string;
	/** Other names the same format goes by. */
	aliases: string[];
}

const FORMATS: Record<string, Format> = {
	mp4: { kind: 'video', mimeType: 'video/mp4', aliases: [] },
	mov: { kind: 'video', mimeType: 'video/quicktime', aliases: [] },
	avi: { kind: 'video', mimeType: 'video/x-msvideo', aliases: ['video/avi', 'video/msvideo'] },
	webm: { kind: 'video', mimeType: 'video/webm', aliases: [] },
	mkv: { kind: 'video', mimeType: 'video/x-matroska', aliases: ['video/matroska'] },
	jpg: { kind: 'image', mimeType: 'image/jpeg', aliases: ['image/jpg', 'image/pjpeg'] },
	jpeg: { kind: 'image', mimeType: 'image/jpeg', aliases: ['image/jpg', 'image/pjpeg'] },
	png: { kind: 'image', mimeType: 'image/png', aliases: [] },
	gif: { kind: 'image', mimeType: 'image/gif', aliases: [] },
	webp: { kind: 'image', mimeType: 'image/webp', aliases: [] },
	mp3: { kind: 'audio', mimeType: 'audio/mpeg', aliases: ['audio/mp3'] },
	wav: { kind: 'audio', mimeType: 'audio/wav', aliases: ['audio/x-wav', 'audio/wave', 'audio/vnd.wave'] },
	m4a: { kind: 'audio', mimeType: 'audio/mp4', aliases: ['audio/x-m4a', 'audio/m4a'] },
	aac: { kind: 'audio', mimeType: 'audio/aac', aliases: ['audio/x-aac', 'audio/aacp'] },
};

/** MIME types that say nothing about the format; the extension decides for them. */
const GENERIC_MIME_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary']);

const ACCEPTED_MIME_TYPES = new Set(Object.values(FORMATS).flatMap((format) => [format.mimeType, ...format.aliases]));

export const ACCEPTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(FORMATS));

/** "video: mp4, mov, …; image: …; audio: …", for error descriptions and parameter help. */
export const SUPPORTED_FORMATS_TEXT = (['video', 'image', 'audio'] as const)
	.map((kind) => `${kind}: ${ACCEPTED_EXTENSIONS.filter((extension) => FORMATS[extension].kind === kind).join(', ')}`)
	.join('; ');

/** The extension of a file name or URL path, lower-cased, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
	const base = name.split(/[/\\]/).pop() ?? '';
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The bare MIME type: lower case, without parameters such as `; charset=…`. */
export function bareMimeType(mimeType: string | undefined): string {
	return (mimeType ?? '').split(';')[0].trim().toLowerCase();
}

export function isAcceptedExtension(extension: string): boolean {
	return Object.prototype.hasOwnProperty.call(FORMATS, extension.toLowerCase());
}

/** Whether a MIME type is one of the accepted formats', or too generic to say (then the extension decides). */
export function isAcceptedMimeType(mimeType: string | undefined): boolean {
	const bare = bareMimeType(mimeType);
	return GENERIC_MIME_TYPES.has(bare) || ACCEPTED_MIME_TYPES.has(bare);
}

/** The extension a MIME type stands for, for files that arrive without one in their name. */
export function extensionForMimeType(mimeType: string | undefined): string | undefined {
	const bare = bareMimeType(mimeType);
	return ACCEPTED_EXTENSIONS.find((ext) => FORMATS[ext].mimeType === bare || FORMATS[ext].aliases.includes(bare));
}

export function formatOf(extension: string): { kind: MediaKind; mimeType: string } | undefined {
	if (!isAcceptedExtension(extension)) return undefined;
	const { kind, mimeType } = FORMATS[extension.toLowerCase()];
	return { kind, mimeType };
}
