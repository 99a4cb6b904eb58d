// @ts-check
// A streaming multipart/form-data reader: parts come out as headers, then data pieces, then an
// end, while the request is still arriving. Only a delimiter's worth of bytes is ever kept, so
// a 500 MB upload costs no more memory than a small one.
const { EventEmitter } = require('events');

/** @param {string | undefined} contentType @returns {string | null} */
function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	return match ? (match[1] || match[2]).trim() : null;
}

/** @param {string} block raw header lines of one part */
function parsePartHeaders(block) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	const disposition = headers['content-disposition'] || '';
	const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? /\bname=([^;]+)/i.exec(disposition)?.[1]?.trim() ?? '';
	const starred = /\bfilename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
	const plain = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? /\bfilename=([^;]+)/i.exec(disposition)?.[1]?.trim();
	const filename = starred ? decodeURIComponent(starred.replace(/^"|"$/g, '')) : plain;
	return { name, filename, contentType: headers['content-type'] || (filename !== undefined ? 'application/octet-stream' : 'text/plain'), headers };
}

/**
 * Events: 'part' ({name, filename, contentType}), 'data' (Buffer), 'partEnd', 'end', 'error' (Error).
 */
class MultipartReader extends EventEmitter {
	/** @param {string} boundary */
	constructor(boundary) {
		super();
		// The first delimiter has no CRLF before it; reading as if it had one keeps one rule.
		this.delimiter = Buffer.from(`\r\n--${boundary}`);
		this.buffer = Buffer.from('\r\n');
		/** @type {'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done'} */
		this.state = 'preamble';
	}

	/** @param {Buffer} chunk */
	write(chunk) {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		for (;;) {
			if (this.state === 'preamble') {
				const at = this.buffer.indexOf(this.delimiter);
				if (at === -1) {
					this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - this.delimiter.length));
					return;
				}
				this.buffer = this.buffer.subarray(at + this.delimiter.length);
				this.state = 'afterDelimiter';
			} else if (this.state === 'afterDelimiter') {
				if (this.buffer.length < 2) return;
				if (this.buffer[0] === 0x2d && this.buffer[1] === 0x2d) {
					this.state = 'done';
					this.emit('end');
					return;
				}
				const lineEnd = this.buffer.indexOf('\r\n');
				if (lineEnd === -1) return;
				this.buffer = this.buffer.subarray(lineEnd + 2); // transport padding, then CRLF
				this.state = 'headers';
			} else if (this.state === 'headers') {
				const end = this.buffer.indexOf('\r\n\r\n');
				if (end === -1) {
					if (this.buffer.length > 16 * 1024) return this.fail('part headers too large');
					return;
				}
				this.emit('part', parsePartHeaders(this.buffer.subarray(0, end).toString('utf8')));
				this.buffer = this.buffer.subarray(end + 4);
				this.state = 'body';
			} else if (this.state === 'body') {
				const at = this.buffer.indexOf(this.delimiter);
				if (at === -1) {
					// Keep what could be the start of a delimiter cut by the chunk boundary.
					const safe = this.buffer.length - (this.delimiter.length - 1);
					if (safe > 0) {
						this.emit('data', this.buffer.subarray(0, safe));
						this.buffer = this.buffer.subarray(safe);
					}
					return;
				}
				if (at > 0) this.emit('data', this.buffer.subarray(0, at));
				this.emit('partEnd');
				this.buffer = this.buffer.subarray(at + this.delimiter.length);
				this.state = 'afterDelimiter';
			} else {
				return; // epilogue: ignored
			}
		}
	}

	/** The request ended: anything but a closing delimiter is a truncated body. */
	finish() {
		if (this.state !== 'done') this.fail('multipart body ended before its closing boundary');
	}

	/** @param {string} message */
	fail(message) {
		this.state = 'done';
		this.emit('error', new Error(message));
	}
}

module.exports = { MultipartReader, boundaryOf, parsePartHeaders };
