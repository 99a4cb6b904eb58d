import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The session id parameter, with a clear error when the incoming item carried none. */
export function readSessionId(ctx: IExecuteFunctions, itemIndex: number, optional = false): string {
	const value = ctx.getNodeParameter('sessionId', itemIndex, '') as unknown;
	const sessionId = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!sessionId && !optional) {
		throw new NodeOperationError(ctx.getNode(), 'No session ID', {
			itemIndex,
			description:
				'Connect this node after NemoVideo Create Session (its output has sessionId), or type a session ID into the Session ID field.',
		});
	}
	return sessionId;
}
