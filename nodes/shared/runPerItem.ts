import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { forModel, isToolRun, toNodeError } from './toNodeError';

/** What a node's work for one item returns: plain JSON, or JSON with binary attachments. */
export type ItemResult = IDataObject | { json: IDataObject; binary?: INodeExecutionData['binary'] };

function isExecutionData(result: ItemResult): result is { json: IDataObject; binary?: INodeExecutionData['binary'] } {
	return typeof result.json === 'object' && result.json !== null && !Array.isArray(result.json);
}

/**
 * The one item loop every NemoVideo node uses: items run one after another in input order (one API
 * conversation per item), each output item points back at its input item, and with "Continue On
 * Fail" (or the error output) a failed item becomes an error item instead of stopping the run.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	work: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await work(itemIndex);
			const data = isExecutionData(result) ? result : { json: result };
			output.push({ ...data, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			if (ctx.continueOnFail() && !ctx.getExecutionCancelSignal()?.aborted) {
				const item: INodeExecutionData = {
					json: { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) },
					pairedItem: { item: itemIndex },
				};
				// `error` on the item is what routes it to the error output; on the regular output n8n
				// would rebuild the item from it and drop our description, so it is only set when needed.
				if (ctx.getNode().onError === 'continueErrorOutput') item.error = nodeError;
				output.push(item);
				continue;
			}
			throw isToolRun(ctx) ? forModel(nodeError) : nodeError;
		}
	}
	return [output];
}
