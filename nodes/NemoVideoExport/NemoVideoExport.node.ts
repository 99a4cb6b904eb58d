import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialsSection, iconPaths } from '../shared/parameters';
import { runPerItem } from '../shared/runPerItem';
import { exportProperties } from './description';
import { exportVideo } from './execute';

export class NemoVideoExport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NemoVideo Export & Wait',
		name: 'nemoVideoExport',
		icon: iconPaths,
		group: ['transform'],
		version: 1,
		subtitle: 'Render and download the MP4',
		description:
			'Render the session\'s video to an MP4 and wait until it is finished (usually a minute or two). Returns renderId, status, url (the MP4\'s address) and sizeBytes, with the MP4 attached as a file; with Download off, the URL only. Generate something with NemoVideo Send Instruction first.',
		defaults: { name: 'NemoVideo Export & Wait' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsSection,
		properties: exportProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPerItem(this, async (itemIndex) => await exportVideo(this, itemIndex));
	}
}
