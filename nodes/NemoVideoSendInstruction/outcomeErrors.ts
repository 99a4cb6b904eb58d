import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { durationInWords } from '../shared/helpers/durationWords';
import type { AgentErrorEvent } from './stream/agentEvent';
import { withoutTokens } from '../shared/transport/redact';

// The ways an instruction can end badly after it was sent, each with what the user can do next.
// All say the same thing about re-sending, because it is the one step that costs money twice.

const NOT_RESENT = 'The instruction was sent once and was not sent again (a second send runs and charges the work twice).';

function sofar(messages: string[]): string {
	return messages.length ? ` The agent had said: "${messages.join(' ').slice(0, 500)}".` : '';
}

export function timeoutError(ctx: IExecuteFunctions, itemIndex: number, kind: 'idle' | 'overall', limitMs: number, messages: string[]) {
	const message =
		kind === 'idle'
			? `NemoVideo sent only keep-alive signals for ${durationInWords(limitMs)}`
			: `NemoVideo did not finish within ${durationInWords(limitMs)}`;
	return new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description: `${NOT_RESENT} The work may still be running in NemoVideo: check the session later with NemoVideo Get State.${sofar(messages)} To get an item with status "timeout" instead of this error, set the On Timeout option to Output What Is Known.`,
	});
}

export function disconnectError(ctx: IExecuteFunctions, itemIndex: number, cause: Error | undefined, messages: string[]) {
	const why = cause?.message ? ` (${cause.message})` : '';
	return new NodeOperationError(ctx.getNode(), 'The connection to NemoVideo dropped before the agent finished', {
		itemIndex,
		description: `${NOT_RESENT} NemoVideo usually finishes the work anyway: check the session in a few minutes with NemoVideo Get State. Turn on Recover On Disconnect to have this node wait and check for you.${sofar(messages)}${why}`,
	});
}

export function noChangeAfterDisconnectError(ctx: IExecuteFunctions, itemIndex: number, waitedMs: number, polls: number) {
	return new NodeOperationError(ctx.getNode(), 'The connection to NemoVideo dropped and the session has not changed since', {
		itemIndex,
		description: `${NOT_RESENT} The session was checked ${polls} times over ${durationInWords(waitedMs)} and shows no change. Check it again later with NemoVideo Get State; if it still shows nothing, send the instruction again (this charges credits again).`,
	});
}

export function agentError(ctx: IExecuteFunctions, itemIndex: number, error: AgentErrorEvent, messages: string[], changes: string[]) {
	const code = error.code ? ` [${error.code}]` : '';
	const changed = changes.length ? ` What changed in the session before it stopped: ${changes.join('; ')}.` : '';
	return new NodeOperationError(ctx.getNode(), `The NemoVideo agent stopped with an error: ${withoutTokens(error.message.slice(0, 300))}${code}`, {
		itemIndex,
		description: `${NOT_RESENT}${sofar(messages)}${changed} Check the session with NemoVideo Get State, then rephrase or repeat the instruction if needed.`,
	});
}

export function unreadableStreamError(ctx: IExecuteFunctions, itemIndex: number, cause: Error | undefined) {
	return new NodeOperationError(ctx.getNode(), 'NemoVideo\'s answer could not be read as an event stream', {
		itemIndex,
		description: `${NOT_RESENT} ${cause?.message ?? ''} Check the session with NemoVideo Get State; if this keeps happening, the Base URL may point at something other than the NemoVideo API.`,
	});
}
