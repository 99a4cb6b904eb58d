import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { paths } from '../shared/transport/paths';
import { apiRequest } from '../shared/transport';

export async function getCredits(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const balance = await apiRequest<IDataObject>(ctx, { method: 'GET', path: paths.credits, itemIndex });
	const available = Number(balance.available ?? 0);
	const frozen = Number(balance.frozen ?? 0);
	return { available, frozen, total: Number(balance.total ?? available + frozen) };
}
