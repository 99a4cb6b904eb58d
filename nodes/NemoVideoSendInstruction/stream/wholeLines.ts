// Cuts a byte stream into pieces that end at a line break, before they are framed.
//
// eventsource-parser keeps the unfinished last line of each chunk it is fed, and when the next
// chunk comes it joins the two: a copy of the whole next chunk, for every chunk of a long stream,
// since a network chunk nearly always ends inside a frame. Cut at its last line break first, a chunk
// leaves the parser nothing unfinished, and only the one line that spans two chunks is copied (in
// bytes, before it becomes text). On the benchmark's streams this took about a tenth off the cost
// of framing (bench/sse/README.md).

const LF = 10;
const CR = 13;

export interface WholeLines {
	/** Hands on the chunk up to its last line break (with the line held from before, if any). */
	push(chunk: Uint8Array): void;
	/** What is held at the end of the stream: the last line, with no line break after it. */
	rest(): Buffer;
}

/** SSE lines end in LF, CR or CRLF: where the first of either byte is, or -1. */
function firstLineBreak(bytes: Buffer): number {
	const lf = bytes.indexOf(LF);
	const cr = bytes.indexOf(CR);
	return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

function lastLineBreak(bytes: Buffer): number {
	return Math.max(bytes.lastIndexOf(LF), bytes.lastIndexOf(CR));
}

/**
 * `onLines` receives every byte of the stream, in order, in pieces that each end with a line break
 * (a CR at a piece's end may still have its LF at the start of the next; the parser handles that).
 * A line longer than `maxLineBytes` (its break not counted) is refused with `tooLong()` instead of
 * being held; a line that arrives whole in one chunk is not held, and the parser's own limit applies.
 */
export function createWholeLines(onLines: (bytes: Buffer) => void, maxLineBytes: number, tooLong: () => Error): WholeLines {
	// The unfinished line: views of the chunks it came in, never copied until it is finished.
	let held: Buffer[] = [];
	let heldBytes = 0;

	const hold = (bytes: Buffer) => {
		if (bytes.length === 0) return;
		heldBytes += bytes.length;
		if (heldBytes > maxLineBytes) {
			held = [];
			heldBytes = 0;
			throw tooLong();
		}
		held.push(bytes);
	};

	const takeHeld = (): Buffer => {
		const line = held.length === 1 ? held[0] : Buffer.concat(held, heldBytes);
		held = [];
		heldBytes = 0;
		return line;
	};

	return {
		push(chunk) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			const last = lastLineBreak(bytes);
			if (last < 0) {
				hold(bytes);
				return;
			}
			let from = 0;
			if (heldBytes > 0) {
				// The line that spans the chunks: the only bytes copied. Its break is not counted
				// against the limit, so a line is measured the same however the chunks fall.
				from = firstLineBreak(bytes) + 1;
				hold(bytes.subarray(0, from - 1));
				held.push(bytes.subarray(from - 1, from));
				heldBytes++;
				onLines(takeHeld());
			}
			if (last + 1 > from) onLines(bytes.subarray(from, last + 1));
			hold(bytes.subarray(last + 1));
		},
		rest: takeHeld,
	};
}
