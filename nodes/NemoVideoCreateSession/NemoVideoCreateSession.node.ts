import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialsSection, iconPaths } from '../shared/parameters';
import { runPerItem } from '../shared/runPerItem';
import { createSession } from './execute';
import { createSessionProperties } from './description';

export class NemoVideoCreateSession implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NemoVideo Create Session',
		name: 'nemoVideoCreateSession',
		icon: iconPaths,
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Project: " + $parameter["taskName"] }}',
		description:
			'Start a new NemoVideo video project, a session the AI video agent works in. Returns its sessionId, which every other NemoVideo node or tool needs: call it once per video.',
		defaults: { name: 'NemoVideo Create Session' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsSection,
		properties: createSessionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runPerItem(this, async (itemIndex) => await createSession(this, itemIndex));
	}
}
