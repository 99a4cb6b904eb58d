import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialsSection, iconPaths } from '../shared/parameters';
import { runPerItem } from '../shared/runPerItem';
import { uploadMediaProperties } from './description';
import { uploadMedia } from './execute';

export class NemoVideoUploadMedia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NemoVideo Upload Media',
		name: 'nemoVideoUploadMedia',
		icon: iconPaths,
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "url" ? "Upload from URLs" : "Upload binary files" }}',
		description: 'Upload videos, images or audio into a NemoVideo session for the AI video agent to use',
		defaults: { name: 'NemoVideo Upload Media' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsSection,
		properties: uploadMediaProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPerItem(this, async (itemIndex) => await uploadMedia(this, itemIndex));
	}
}
