import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialsSection, iconPaths } from '../shared/parameters';
import { runPerItem } from '../shared/runPerItem';
import { getStateProperties } from './description';
import { getState } from './execute';

export class NemoVideoGetState implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NemoVideo Get State',
		name: 'nemoVideoGetState',
		icon: iconPaths,
		group: ['transform'],
		version: 1,
		subtitle: 'Read the timeline',
		description: 'Read a NemoVideo session: the timeline, its tracks, the media and whether it can be exported',
		defaults: { name: 'NemoVideo Get State' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsSection,
		properties: getStateProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPerItem(this, async (itemIndex) => await getState(this, itemIndex));
	}
}
