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
