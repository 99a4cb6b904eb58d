import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { fetchSessionState } from '../shared/sessionState';
import { describeState } from '../shared/helpers/timeline';
import { readSessionId } from '../shared/readSessionId';

export async function getState(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sessionId = readSessionId(ctx, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { includeRawState?: boolean };
	const state = await fetchSessionState(ctx, itemIndex, sessionId);
	const output: IDataObject = { sessionId, ...describeState(state) };
	if (options.includeRawState) output.state = state;
	return output;
}
