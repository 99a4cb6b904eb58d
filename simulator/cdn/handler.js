// @ts-check
// The CDN: public, unauthenticated file URLs on another host than the API (docs/api.md#download).
// Render results exist once their job completed; generated clips and uploads resolve to the
// sample MP4 or a placeholder of their type.
const { sendJson } = require('../http/replies');
const { sendSource } = require('./sendSource');
const { sampleMp4, bufferSource, SAMPLE } = require('./sources');
const { imagePlaceholder, audioPlaceholder } = require('./placeholders');
const { fileTypeOf } = require('../upload/formats');

const VIDEO_TYPES = { mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo' };

/**
 * @param {any} world
 * @param {ReturnType<import('../render/jobs').createRenders>} renders
 */
function createCdnHandler(world, renders) {
	/** @param {string} path @returns {import('./sources').ByteSource | null} */
	function resolve(path) {
		const render = /^\/render-result\/([^/]+)\.mp4$/.exec(path);
		if (render) {
			const job = renders.get(decodeURIComponent(render[1]));
			return job && renders.statusOf(job).status === 'completed' ? renders.outputSource() : null;
		}
		if (/^\/gen\/[0-9a-f]+\.mp4$/.test(path)) return sampleMp4();
		const upload = /^\/uploads\/[0-9a-f]+\/([^/]+)$/.exec(path);
		if (upload) {
			const filename = decodeURIComponent(upload[1]);
			const type = fileTypeOf(filename);
			if (type === 'image') return imagePlaceholder();
			if (type === 'audio') return audioPlaceholder();
			if (type === 'video') {
				const ext = filename.split('.').pop()?.toLowerCase() || '';
				return VIDEO_TYPES[ext] ? bufferSource(SAMPLE, VIDEO_TYPES[ext]) : sampleMp4();
			}
		}
		return null;
	}

	/**
	 * @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res @param {string} path
	 */
	return async function handleCdn(req, res, path) {
		if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
		const source = resolve(path);
		if (!source) return sendJson(res, 404, { error: 'not found' });
		try {
			await sendSource(req, res, source, { bytesPerSec: world.config.values.slowCdnBytesPerSec, headers: { 'Cache-Control': 'public, max-age=86400' } });
		} catch {
			res.destroy(); // the client went away mid-file
		}
	};
}

module.exports = { createCdnHandler };
