import { randomUUID } from 'crypto';

// A multipart/form-data body that is streamed, never assembled in memory. Community nodes may not
// import 'stream', but n8n's HTTP layer is axios, and axios streams any request body that presents
// itself as a Blob: it reads `size` (the Content-Length) and `type`, then pipes `stream()`. So the
// body is a Blob-like object whose stream() yields each part's headers, the file's own chunks
// (straight from n8n's binary store) and the closing boundary.

export interface MultipartFile {
	/** The file name as the server should see it. */
	fileName: string;
	contentType: string;
	/** Exact size in bytes: the Content-Length is computed from it before anything is read. */
	size: number;
	/** Opens the file from its start; called once per body, so a resend reads it afresh. */
	open: () => Promise<AsyncIterable<Uint8Array>>;
}

/** What axios accepts as a streamed body (its `utils.isBlob` test is the toString tag). */
export interface StreamedBody {
	readonly size: number;
	readonly type: string;
	stream(): AsyncIterable<Uint8Array>;
	readonly [Symbol.toStringTag]: 'Blob';
}

const CRLF = '\r\n';

export function newBoundary(): string {
	return `----NemoVideoUpload${randomUUID().replace(/-/g, '')}`;
}

/** RFC 7578 / WHATWG: quotes and line breaks in a file name are percent-encoded, the rest is UTF-8. */
function quoteFileName(name: string): string {
	return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function partHeader(boundary: string, fieldName: string, file: MultipartFile): Buffer {
	return Buffer.from(
		`--${boundary}${CRLF}` +
			`Content-Disposition: form-data; name="${fieldName}"; filename="${quoteFileName(file.fileName)}"${CRLF}` +
			`Content-Type: ${file.contentType}${CRLF}${CRLF}`,
		'utf8',
	);
}

export function multipartContentType(boundary: string): string {
	return `multipart/form-data; boundary=${boundary}`;
}

/**
 * The body for `files` (repeated once per file). Its size is exact, so the request carries a
 * Content-Length and no chunked encoding; a file that yields another number of bytes than it
 * declared fails the request rather than sending a body the server would misread.
 */
export function multipartBody(files: MultipartFile[], boundary: string, fieldName = 'files'): StreamedBody {
	const headers = files.map((file) => partHeader(boundary, fieldName, file));
	const lineBreak = Buffer.from(CRLF, 'utf8');
	const closing = Buffer.from(`--${boundary}--${CRLF}`, 'utf8');
	const size =
		files.reduce((total, file, index) => total + headers[index].length + file.size + lineBreak.length, 0) + closing.length;

	async function* stream(): AsyncGenerator<Uint8Array> {
		for (const [index, file] of files.entries()) {
			yield headers[index];
			let sent = 0;
			for await (const chunk of await file.open()) {
				sent += chunk.byteLength;
				if (sent > file.size) break;
				yield chunk;
			}
			if (sent !== file.size) {
				throw new Error(`"${file.fileName}" changed while it was being uploaded: expected ${file.size} bytes, read ${sent}`);
			}
			yield lineBreak;
		}
		yield closing;
	}

	return {
		size,
		type: multipartContentType(boundary),
		stream,
		get [Symbol.toStringTag]() {
			return 'Blob' as const;
		},
	};
}
