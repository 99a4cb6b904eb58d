import type { IExecuteFunctions } from 'n8n-workflow';
import { isTemporaryIssueTrailer } from './reply/temporaryIssueTrailer';

// When the execution streams its response (a Webhook in Streaming mode, a Chat Trigger with
// streaming on), the person waiting reads the agent's words as they come instead of after minutes.
// A piece is a whole message: GUI translation needs the message whole, and a message streamed in
// partial chunks is repeated whole at its end, so whole messages send every word exactly once.
// n8n versions without sendChunk, and executions that do not stream, get nothing.

export interface LiveReply {
	send(text: string): void;
	/** Waits for what was sent, and closes the piece of the response if one was opened. */
	end(): Promise<void>;
}

type Streaming = Partial<Pick<IExecuteFunctions, 'isStreaming' | 'sendChunk'>>;

export function openLiveReply(ctx: IExecuteFunctions, itemIndex: number, words: (text: string) => string): LiveReply | undefined {
	const { isStreaming, sendChunk } = ctx as Streaming;
	if (typeof isStreaming !== 'function' || typeof sendChunk !== 'function' || !isStreaming.call(ctx)) return undefined;
	let begun = false;
	let sent = Promise.resolve();
	// In order, one after another; a caller that went away must not fail the instruction.
	const queue = (type: 'begin' | 'item' | 'end', content?: string) => {
		sent = sent.then(async () => await sendChunk.call(ctx, type, itemIndex, content)).catch(() => undefined);
	};
	return {
		send(text) {
			if (text.trim() === '' || isTemporaryIssueTrailer(text)) return;
			// The caller joins the pieces: a paragraph between two messages, as in the output's reply.
			if (!begun) queue('begin');
			queue('item', `${begun ? '\n\n' : ''}${words(text)}`);
			begun = true;
		},
		async end() {
			if (begun) queue('end');
			begun = false;
			await sent;
		},
	};
}
