import type { ByteStream } from './byteStream';

// Garbage-collection pacing for large transfers.
//
// Every chunk a transfer reads, from a socket or from a file, is a new ArrayBuffer outside the JS
// heap. V8 counts that memory and, in Node 24, once some tens of MB more of it exist than after its
// last full collection, it starts a full mark-compact of the whole heap ("external memory
// pressure"). The chunks are garbage by then, but nothing frees them until a collection runs, and
// V8 runs its cheap young-generation collection (a scavenge) only when the young generation fills
// with JS objects, which a stream of Buffers hardly allocates. So a 500 MB transfer set off ~20 full
// collections, each marking all of n8n's heap (~200 MB of objects): most of the CPU the transfer
// cost (bench/media/README.md has the measurements).
//
// The pacer allocates short-lived JS arrays in step with the bytes that pass, two or four times as
// many bytes as the data (the ratios below), so the young generation fills and scavenges come often
// enough to free the chunks before the external-memory limit is reached. A scavenge costs next to
// nothing when all it holds is dead. This changes nothing about what is sent or stored; it only
// decides which kind of garbage collection frees the chunks. Its price is memory: V8 grows its
// young generation to fill the pace, and n8n keeps that for a while (measured in the README).

/** Bytes of short-lived JS arrays allocated per byte transferred (the download's ratio). */
export const YOUNG_BYTES_PER_BYTE = 2;
/**
 * The upload's ratio. At 2, three real-n8n runs in eleven fell back into full collections
 * (182-196 MB/s, 5-7 CPU s, once +153 MB); at 4, none of six did. The download keeps 2: at 4 (with
 * 256 KiB pieces) its RSS grew by up to 126 MB, at 2 by 4-33 MB (bench/media/README.md).
 */
export const UPLOAD_YOUNG_BYTES_PER_BYTE = 4;
/** One array of 8192 slots, 64 KiB: below V8's 128 KiB limit for objects in the young generation. */
const SLOTS = 8192;
const ARRAY_BYTES = SLOTS * 8;
// Each array is stored here, so no compiler may leave the allocation out, and let go of at the end
// of the call: an array still held when a scavenge runs would survive it, and survivors are what
// make V8 grow its young generation (memory that n8n would then keep).
const holder: { last?: unknown; arrays: number } = { arrays: 0 };

/** A function to call with the size of every chunk that passes; it allocates in step with them. */
export function gcPacer(youngBytesPerByte = YOUNG_BYTES_PER_BYTE): (bytes: number) => void {
	let owed = 0;
	return (bytes) => {
		owed += bytes * youngBytesPerByte;
		while (owed >= ARRAY_BYTES) {
			owed -= ARRAY_BYTES;
			holder.last = new Array(SLOTS);
			holder.arrays++;
		}
		holder.last = undefined;
	};
}

/** How many pacing arrays have been allocated in this process (for tests). */
export function pacingArrays(): number {
	return holder.arrays;
}

interface ReadableFrom {
	from(source: AsyncIterable<Uint8Array>, options: { objectMode: boolean }): ByteStream;
}

/**
 * `body` with the pacer on every chunk, as a Node Readable again: n8n's binary store takes one.
 * Community nodes may not import 'stream', so the class comes from the body itself (a Readable's
 * constructor carries Readable.from). A body that offers none is handed on unpaced. Errors and
 * early ends pass through: a failing body fails the new stream, and a new stream destroyed before
 * its end destroys the body.
 */
export function pacedStream(body: ByteStream): ByteStream {
	const type = (body as { constructor?: Partial<ReadableFrom> }).constructor;
	if (typeof type?.from !== 'function') return body;
	const pace = gcPacer();
	async function* chunks(): AsyncGenerator<Uint8Array> {
		for await (const chunk of body) {
			pace(chunk.byteLength);
			yield chunk;
		}
	}
	return (type as ReadableFrom).from(chunks(), { objectMode: false });
}
