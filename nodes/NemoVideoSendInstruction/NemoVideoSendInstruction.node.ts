import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialsSection, iconPaths } from '../shared/parameters';
import { runPerItem } from '../shared/runPerItem';
import { sendInstructionProperties } from './description';
import { sendInstruction } from './execute';

export class NemoVideoSendInstruction implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NemoVideo Send Instruction',
		name: 'nemoVideoSendInstruction',
		icon: iconPaths,
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Instruct: " + ($parameter["instruction"] || "").slice(0, 40) }}',
		description:
			'Tell the NemoVideo AI video agent in plain words what to make or change in the session\'s video, wait for it to finish (often minutes), and get its reply, what changed and the timeline. Each call is charged: never repeat one.',
		defaults: { name: 'NemoVideo Send Instruction' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsSection,
		properties: sendInstructionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPerItem(this, async (itemIndex) => await sendInstruction(this, itemIndex));
	}
}
