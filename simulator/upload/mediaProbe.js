// @ts-check
// Width, height, duration and fps of an upload, read while it streams past: MP4/MOV from the
// `moov` box (the media data is skipped, never kept), PNG and GIF from their headers. Anything
// it cannot read gets plausible values, as a real backend's probe would still answer something.

const MAX_MOOV_BYTES = 8 * 1024 * 1024;
const PLAUSIBLE = {
	video: { duration: 10, width: 1920, height: 1080, fps: 30 },
	image: { duration: null, width: 1080, height: 1080, fps: null },
	audio: { duration: 30, width: null, height: null, fps: null },
};

/** Walks the top-level ISO-BMFF boxes of a stream and keeps only `moov`. */
class TopLevelBoxes {
	constructor() {
		this.header = Buffer.alloc(0);
		this.skip = 0;
		/** @type {Buffer[] | null} */
		this.moovParts = null;
		this.moovRemaining = 0;
		/** @type {Buffer | null} */
		this.moov = null;
		this.broken = false;
	}

	/** @param {Buffer} chunk */
	write(chunk) {
		let offset = 0;
		while (offset < chunk.length && !this.broken && !this.moov) {
			if (this.moovParts) {
				const take = Math.min(this.moovRemaining, chunk.length - offset);
				this.moovParts.push(Buffer.from(chunk.subarray(offset, offset + take)));
				this.moovRemaining -= take;
				offset += take;
				if (this.moovRemaining === 0) {
					this.moov = Buffer.concat(this.moovParts);
					this.moovParts = null;
				}
			} else if (this.skip > 0) {
				const take = Math.min(this.skip, chunk.length - offset);
				this.skip -= take;
				offset += take;
			} else {
				const need = 16 - this.header.length;
				this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + need)]);
				offset += Math.min(need, chunk.length - offset);
				if (this.header.length < 8) continue;
				let size = this.header.readUInt32BE(0);
				let headerSize = 8;
				if (size === 1) {
					if (this.header.length < 16) continue;
					size = Number(this.header.readBigUInt64BE(8));
					headerSize = 16;
				}
				const type = this.header.toString('latin1', 4, 8);
				if (size !== 0 && size < headerSize) {
					this.broken = true;
					return;
				}
				// Bytes read past the box header belong to the box body.
				const extra = this.header.subarray(headerSize);
				this.header = Buffer.alloc(0);
				const bodySize = size === 0 ? Infinity : size - headerSize;
				if (type === 'moov' && bodySize <= MAX_MOOV_BYTES) {
					this.moovParts = [Buffer.from(extra)];
					this.moovRemaining = bodySize - extra.length;
					if (this.moovRemaining <= 0) {
						this.moov = Buffer.concat(this.moovParts).subarray(0, bodySize);
						this.moovParts = null;
					}
				} else {
					this.skip = bodySize - extra.length;
				}
			}
		}
	}
}

/** @param {Buffer} buffer @returns {Array<{ type: string, body: Buffer }>} */
function childBoxes(buffer) {
	const boxes = [];
	let offset = 0;
	while (offset + 8 <= buffer.length) {
		let size = buffer.readUInt32BE(offset);
		let headerSize = 8;
		if (size === 1 && offset + 16 <= buffer.length) {
			size = Number(buffer.readBigUInt64BE(offset + 8));
			headerSize = 16;
		} else if (size === 0) size = buffer.length - offset;
		if (size < headerSize || offset + size > buffer.length) break;
		boxes.push({ type: buffer.toString('latin1', offset + 4, offset + 8), body: buffer.subarray(offset + headerSize, offset + size) });
		offset += size;
	}
	return boxes;
}

const child = (buffer, type) => childBoxes(buffer).find((box) => box.type === type)?.body;

/** @param {Buffer} moov */
function readMoov(moov) {
	const mvhd = child(moov, 'mvhd');
	let duration = null;
	if (mvhd) {
		const v1 = mvhd[0] === 1;
		const timescale = v1 ? mvhd.readUInt32BE(20) : mvhd.readUInt32BE(12);
		const units = v1 ? Number(mvhd.readBigUInt64BE(24)) : mvhd.readUInt32BE(16);
		if (timescale) duration = Math.round((units / timescale) * 1000) / 1000;
	}
	for (const trak of childBoxes(moov).filter((box) => box.type === 'trak')) {
		const tkhd = child(trak.body, 'tkhd');
		if (!tkhd) continue;
		const at = tkhd[0] === 1 ? 88 : 76;
		if (tkhd.length < at + 8) continue;
		const width = tkhd.readUInt32BE(at) >>> 16;
		const height = tkhd.readUInt32BE(at + 4) >>> 16;
		if (!width || !height) continue;
		return { duration, width, height, fps: fpsOf(trak.body) };
	}
	return { duration, width: null, height: null, fps: null };
}

/** Frames per second from the track's media timescale and its first sample duration. */
function fpsOf(trak) {
	const mdia = child(trak, 'mdia');
	const mdhd = mdia && child(mdia, 'mdhd');
	const stbl = mdia && child(child(mdia, 'minf') || Buffer.alloc(0), 'stbl');
	const stts = stbl && child(stbl, 'stts');
	if (!mdhd || !stts || stts.length < 16) return null;
	const timescale = mdhd[0] === 1 ? mdhd.readUInt32BE(20) : mdhd.readUInt32BE(12);
	const delta = stts.readUInt32BE(12);
	return delta ? Math.round((timescale / delta) * 100) / 100 : null;
}

/**
 * @param {'video' | 'image' | 'audio'} fileType
 * @param {string} filename
 */
function createMediaProbe(fileType, filename) {
	const isMp4Family = /\.(mp4|mov|m4a)$/i.test(filename);
	const boxes = isMp4Family ? new TopLevelBoxes() : null;
	let head = Buffer.alloc(0);
	return {
		/** @param {Buffer} chunk */
		write(chunk) {
			if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
			boxes?.write(chunk);
		},
		/** @returns {{ duration: number | null, width: number | null, height: number | null, fps: number | null }} */
		result() {
			const fallback = PLAUSIBLE[fileType];
			if (boxes?.moov) {
				const read = readMoov(boxes.moov);
				if (fileType === 'audio') return { ...fallback, duration: read.duration ?? fallback.duration };
				return { duration: read.duration ?? fallback.duration, width: read.width ?? fallback.width, height: read.height ?? fallback.height, fps: read.fps ?? fallback.fps };
			}
			if (head.length >= 24 && head.toString('latin1', 1, 4) === 'PNG') return { ...fallback, width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
			if (head.length >= 10 && head.toString('latin1', 0, 3) === 'GIF') return { ...fallback, width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
			return { ...fallback };
		},
	};
}

module.exports = { createMediaProbe, readMoov, childBoxes };
