// A response body as n8n's HTTP helper hands it over with `encoding: 'stream'` (a Node Readable).
// Community nodes may not import 'stream', so the package names only what it uses of one.
export interface ByteStream extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): void;
}

const SMALL_BODY_LIMIT = 1024 * 1024;

/** Reads a short body (an error answer) to text, refusing to buffer anything large. */
export async function readSmallBody(stream: ByteStream, limit = SMALL_BODY_LIMIT): Promise<string> {
	const decoder = new TextDecoder();
	let text = '';
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.byteLength;
		if (size > limit) {
			stream.destroy();
			break;
		}
		text += decoder.decode(chunk, { stream: true });
	}
	return text + decoder.decode();
}
