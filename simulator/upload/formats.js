// @ts-check
// The extensions the upload endpoint accepts (docs/api.md#upload), case-insensitively, with `jpeg`
// as the CLI also allows. Anything else is 4001.

const TYPES = {
	video: ['mp4', 'mov', 'avi', 'webm', 'mkv'],
	image: ['jpg', 'jpeg', 'png', 'gif', 'webp'],
	audio: ['mp3', 'wav', 'm4a', 'aac'],
};

/** @param {string} name a file name or URL path @returns {'video' | 'image' | 'audio' | null} */
function fileTypeOf(name) {
	const ext = /\.([A-Za-z0-9]+)$/.exec(name.trim())?.[1]?.toLowerCase();
	if (!ext) return null;
	for (const [type, exts] of Object.entries(TYPES)) if (exts.includes(ext)) return /** @type {any} */ (type);
	return null;
}

const SUPPORTED_TEXT = `video ${TYPES.video.join(', ')}; image ${TYPES.image.join(', ')}; audio ${TYPES.audio.join(', ')}`;

module.exports = { fileTypeOf, SUPPORTED_TEXT, TYPES };
