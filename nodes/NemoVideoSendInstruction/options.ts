import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

interface RawOptions {
	timeoutMinutes?: number;
	idleTimeoutMinutes?: number;
	checkSilentEdits?: boolean;
	recoverOnDisconnect?: boolean;
	includeEvents?: boolean;
	onTimeout?: string;
	recoveryWaitSeconds?: number;
	streamReply?: boolean;
}

const positive = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);

export type SendInstructionOptions = ReturnType<typeof readSendInstructionOptions>;

export function readSendInstructionOptions(ctx: IExecuteFunctions, itemIndex: number) {
	const raw = ctx.getNodeParameter('options', itemIndex, {}) as RawOptions;
	return {
		totalMs: positive(raw.timeoutMinutes, 15) * 60_000,
		idleMs: positive(raw.idleTimeoutMinutes, 10) * 60_000,
		checkSilentEdits: raw.checkSilentEdits ?? true,
		recoverOnDisconnect: raw.recoverOnDisconnect ?? true,
		includeEvents: raw.includeEvents ?? false,
		onTimeout: raw.onTimeout === 'error' ? ('error' as const) : ('output' as const),
		recoveryWaitMs: positive(raw.recoveryWaitSeconds, 30) * 1000,
		streamReply: raw.streamReply ?? true,
	};
}

export function readInstruction(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('instruction', itemIndex, '') as unknown;
	const instruction = typeof value === 'string' ? value.trim() : '';
	if (!instruction) {
		throw new NodeOperationError(ctx.getNode(), 'No instruction', {
			itemIndex,
			description: 'Type what the video agent should do into the Instruction field, or map it from the incoming item.',
		});
	}
	return instruction;
}
