import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../shared/parameters';

export const createSessionProperties: INodeProperties[] = [
	{
		displayName: 'Project Name',
		name: 'taskName',
		type: 'string',
		default: 'project',
		description: 'A name for the NemoVideo project, shown in the NemoVideo web app',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en',
		placeholder: 'e.g. en, zh-CN, ja, es',
		description: 'The language code the agent replies in (ISO, such as en, zh-CN, ja, es)',
	},
	optionsCollection([
		{
			displayName: 'Claim Link',
			name: 'claimLink',
			type: 'boolean',
			default: true,
			description:
				'Whether to create a link (claimUrl) that opens this project in the NemoVideo web app. The link carries a claim token, never the API token.',
		},
	]),
];
