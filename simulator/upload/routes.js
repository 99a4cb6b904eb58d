// @ts-check
// POST /api/upload-video/nemo_agent/<user>/<sid> (docs/api.md#upload): multipart files (field `files`,
// repeated) read as a stream, or JSON `{"urls":[...]}`. Each accepted file is appended to
// state.video_infos. A bad extension (4001) or an oversized file (4002) is answered as soon as
// it shows, while the rest of the body is read and thrown away.
const crypto = require('crypto');
const { sendData, sendBusinessError, sendHttpError } = require('../http/replies');
const { authenticate } = require('../auth/authenticate');
const { MultipartReader, boundaryOf } = require('./multipart');
const { fileTypeOf, SUPPORTED_TEXT } = require('./formats');
const { createMediaProbe } = require('./mediaProbe');

/** @param {any} world */
function addUploadRoutes(router, world) {
	router.add('POST', '/api/upload-video/nemo_agent/:user/:sid', async (ctx) => {
		const account = authenticate(world, ctx.req, ctx.res);
		if (!account) return;
		const session = world.sessions.findOwned(ctx.params.sid, ctx.params.user, account);
		if (!session) {
			ctx.req.resume();
			return sendBusinessError(ctx.res, world.config.values, 1002, 'Session not found');
		}
		const contentType = String(ctx.req.headers['content-type'] || '');
		const files = contentType.toLowerCase().startsWith('multipart/form-data')
			? await readMultipartUpload(ctx, world)
			: contentType.toLowerCase().includes('json')
				? await readUrlUpload(ctx, world)
				: (ctx.req.resume(), sendHttpError(ctx.res, 400, 'Send multipart/form-data (field "files") or JSON {"urls":[...]}'), null);
		if (!files) return;
		session.state.video_infos = [...session.state.video_infos, ...files];
		sendData(ctx.res, { files, session_state_applied: true });
	});
}

/** @returns {Promise<any[] | null>} the video_infos entries, or null once an error was answered */
function readMultipartUpload(ctx, world) {
	const { req, res, entry } = ctx;
	const config = world.config.values;
	const boundary = boundaryOf(req.headers['content-type']);
	if (!boundary) {
		req.resume();
		sendHttpError(res, 400, 'multipart/form-data without a boundary');
		return Promise.resolve(null);
	}
	const limitBytes = config.maxUploadMb * 1024 * 1024;
	/** What the request log shows: no bytes, only what arrived. */
	const logged = { files: /** @type {any[]} */ ([]), fields: /** @type {Record<string, string>} */ ({}) };
	entry.body = logged;
	const accepted = [];

	return new Promise((resolve) => {
		const reader = new MultipartReader(boundary);
		let answered = false;
		/** @type {null | { name: string, filename?: string, logged?: any, hash?: crypto.Hash, probe?: any, fileType?: any, field?: Buffer[] }} */
		let part = null;

		const reject = (send) => {
			if (answered) return;
			answered = true;
			send();
			resolve(null);
		};

		reader.on('part', (headers) => {
			if (answered) return;
			if (headers.filename === undefined) {
				part = { name: headers.name, field: [] };
				return;
			}
			const fileLog = { field: headers.name, filename: headers.filename, contentType: headers.contentType, size: 0 };
			logged.files.push(fileLog);
			part = { name: headers.name, filename: headers.filename, logged: fileLog };
			if (headers.name !== 'files') return; // other file fields are logged and ignored
			const fileType = fileTypeOf(headers.filename);
			if (!fileType) {
				return reject(() => sendBusinessError(res, config, 4001, `Unsupported file type: ${headers.filename}. Supported: ${SUPPORTED_TEXT}`));
			}
			Object.assign(part, { fileType, hash: crypto.createHash('md5'), probe: createMediaProbe(fileType, headers.filename) });
		});
		reader.on('data', (data) => {
			if (!part) return;
			if (part.field) {
				if (part.field.reduce((n, b) => n + b.length, 0) < 64 * 1024) part.field.push(Buffer.from(data));
				return;
			}
			part.logged.size += data.length;
			if (answered || !part.hash) return;
			if (part.logged.size > limitBytes) {
				return reject(() => sendBusinessError(res, config, 4002, `File too large: ${part?.filename} is over ${config.maxUploadMb} MB`));
			}
			part.hash.update(data);
			part.probe.write(data);
		});
		reader.on('partEnd', () => {
			if (part?.field) logged.fields[part.name] = Buffer.concat(part.field).toString('utf8');
			else if (part?.hash && !answered) accepted.push(videoInfo(world, part.filename, part.fileType, part.hash.digest('hex'), part.probe.result()));
			part = null;
		});
		reader.on('error', (error) => reject(() => sendHttpError(res, 400, `Malformed multipart body: ${error.message}`)));

		req.on('data', (chunk) => reader.write(chunk));
		req.on('end', () => {
			reader.finish();
			if (answered) return;
			if (accepted.length === 0) return reject(() => sendHttpError(res, 400, 'No files in the "files" field'));
			answered = true;
			resolve(accepted);
		});
		req.on('error', () => reject(() => undefined));
	});
}

/** @returns {Promise<any[] | null>} */
async function readUrlUpload(ctx, world) {
	const body = await ctx.readJsonBody();
	if (body === undefined) return null;
	const urls = body?.urls;
	if (!Array.isArray(urls) || urls.length === 0 || !urls.every((url) => typeof url === 'string')) {
		sendHttpError(ctx.res, 400, 'Expected {"urls": ["https://..."], "source_type": "url"}');
		return null;
	}
	const files = [];
	for (const url of urls) {
		let pathname;
		try {
			const parsed = new URL(url);
			if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
			pathname = parsed.pathname;
		} catch {
			sendHttpError(ctx.res, 400, `Not an http(s) URL: ${url}`);
			return null;
		}
		const filename = decodeURIComponent(pathname.split('/').pop() || '');
		const fileType = fileTypeOf(filename);
		if (!fileType) {
			sendBusinessError(ctx.res, world.config.values, 4001, `Unsupported file type: ${url}. Supported: ${SUPPORTED_TEXT}`);
			return null;
		}
		// The simulator never fetches the URL (it has no network): the probe answers plausible values.
		const hash = crypto.createHash('md5').update(url).digest('hex');
		files.push(videoInfo(world, filename, fileType, hash, createMediaProbe(fileType, filename).result()));
	}
	return files;
}

/** One entry of the upload response and of state.video_infos (docs/api.md#upload, #state). */
function videoInfo(world, filename, fileType, hash, media) {
	return {
		filename,
		file_type: fileType,
		cdn_url: `${world.cdnBase}/uploads/${hash.slice(0, 16)}/${encodeURIComponent(filename)}`,
		duration: media.duration,
		width: media.width,
		height: media.height,
		fps: media.fps,
		hash: hash.slice(0, 16),
	};
}

module.exports = { addUploadRoutes };
