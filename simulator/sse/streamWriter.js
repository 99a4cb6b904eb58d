// @ts-check
// Writes one /run_sse response: the headers ADK's StreamingResponse sends, then frames in order,
// with the switches that make it hard on clients: tiny chunking, CRLF, the heartbeat style,
// and a connection the server drops after N events while the run goes on.
const { dataFrame, heartbeatFrame, HEARTBEAT_STYLES } = require('./frames');
const { tinyPieces } = require('./chunker');

class SseStreamWriter {
	/**
	 * @param {import('http').ServerResponse} res
	 * @param {{ values: Record<string, any> }} config
	 * @param {ReturnType<import('../time/random').createRandom>} random
	 * @param {{ now(): number }} clock
	 * @param {import('../log/requestLog').LogEntry} entry
	 */
	constructor(res, config, random, clock, entry) {
		this.res = res;
		this.config = config;
		this.random = random;
		this.clock = clock;
		this.entry = entry;
		this.eventsWritten = 0;
		this.closed = false;
		/** Writes are chained: tiny chunking yields between pieces and must not interleave frames. */
		this.queue = Promise.resolve();
		res.once('close', () => {
			this.closed = true;
		});
	}

	start() {
		this.res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
		this.res.flushHeaders();
		this.entry.status = 200;
		const dropAfter = this.config.values.dropStreamAfterEvents;
		if (dropAfter === 0) this.drop();
	}

	/** @param {string} payload the JSON after `data: ` */
	event(payload) {
		const frame = dataFrame(payload, this.config.values.lineEnding);
		this.enqueue(frame, () => {
			this.eventsWritten += 1;
			const dropAfter = this.config.values.dropStreamAfterEvents;
			if (dropAfter !== null && this.eventsWritten >= dropAfter) this.drop();
		});
	}

	heartbeat() {
		let style = this.config.values.heartbeatStyle;
		if (style === 'mixed') style = this.random.pick(HEARTBEAT_STYLES);
		this.enqueue(heartbeatFrame(style, this.config.values.lineEnding, this.clock.now()));
	}

	/** The turn is over: ADK ends the stream by closing it, with no [DONE] marker (docs/api.md#run-sse). */
	end() {
		this.queue = this.queue.then(() => {
			if (!this.closed) this.res.end();
		});
		return this.queue;
	}

	/**
	 * An abrupt close: what was written is flushed, then the socket closes without the final
	 * empty chunk, so the client sees a broken stream rather than a clean end of turn.
	 */
	drop() {
		this.entry.droppedByServer = true;
		this.closed = true;
		const socket = this.res.socket;
		if (socket) socket.destroySoon();
		else this.res.destroy();
	}

	/** @param {string} text @param {() => void} [afterWrite] */
	enqueue(text, afterWrite) {
		this.queue = this.queue
			.then(async () => {
				if (this.closed) return;
				const bytes = Buffer.from(text, 'utf8');
				if (this.config.values.chunking === 'tiny') {
					for (const piece of tinyPieces(bytes, this.random)) {
						if (this.closed) return;
						this.res.write(piece);
						await new Promise((resolve) => setImmediate(resolve));
					}
				} else {
					this.res.write(bytes);
				}
				if (!this.closed) afterWrite?.();
			})
			.catch(() => {
				this.closed = true;
			});
	}
}

module.exports = { SseStreamWriter };
