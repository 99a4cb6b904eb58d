import type { IExecuteFunctions } from 'n8n-workflow';
import { ApplicationError, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Whatever went wrong, as an error n8n shows well: errors we or n8n built already are kept (with
 * the item they belong to), anything else is wrapped so the UI gets the node and the item.
 * A foreign error (an HTTP client's, say, when the execution is cancelled mid-request) is wrapped
 * by its message only: it carries the request it failed on, Authorization header and token
 * included, and n8n hands the error object, cause and all, to its logger and error reporting.
 */
export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof ApplicationError) return new NodeOperationError(ctx.getNode(), error, { itemIndex });
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message || 'Unknown error', { itemIndex });
}

/**
 * Whether the node runs as an AI Agent's tool: n8n runs the Tool variant it derives from
 * `usableAsTool`, whose type name is the node's with "Tool" appended (n8n 1.x and 2.x alike).
 */
export function isToolRun(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

const NODE_NAME = /\b(?:(?:the|a) )?(follow-up )?NemoVideo (Create Session|Upload Media|Send Instruction|Get State|Export & Wait|Get Credits)(?: node)?/g;

/** Our words for a model: the nodes it can call are its tools ("the Export tool"). */
export function inToolWords(text: string): string {
	return text.replace(NODE_NAME, (_match, followUp: string | undefined, name: string) => `${followUp ? 'a follow-up call of ' : ''}the ${name === 'Export & Wait' ? 'Export' : name} tool`);
}

/**
 * The error a model gets: n8n hands it only an error's message (`{ error: message }`), so the next
 * step, which the description holds, goes into the message.
 */
export function forModel(error: NodeApiError | NodeOperationError): NodeApiError | NodeOperationError {
	if (error.description) error.message = inToolWords(`${error.message.replace(/\.?$/, '.')} What to do: ${error.description}`);
	return error;
}
