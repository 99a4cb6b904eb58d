import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialsSection, iconPaths } from '../shared/parameters';
import { runPerItem } from '../shared/runPerItem';
import { getCredits } from './execute';

export class NemoVideoGetCredits implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NemoVideo Get Credits',
		name: 'nemoVideoGetCredits',
		icon: iconPaths,
		group: ['transform'],
		version: 1,
		subtitle: 'Credit balance',
		description: 'Read the NemoVideo credit balance: available, reserved for work in progress, and total',
		defaults: { name: 'NemoVideo Get Credits' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsSection,
		properties: [
			{
				displayName:
					'Returns available, frozen (reserved for generations in progress) and total credits. A video generation costs about 100 credits; editing about 50; export is free.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPerItem(this, async (itemIndex) => await getCredits(this, itemIndex));
	}
}
