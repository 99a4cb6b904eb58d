import type { INodeProperties } from 'n8n-workflow';
import { sessionIdProperty } from '../shared/parameters';

export const getStateProperties: INodeProperties[] = [
	sessionIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Raw State',
				name: 'includeRawState',
				type: 'boolean',
				default: false,
				description: 'Whether to add the full session state as NemoVideo returns it (field "state")',
			},
		],
	},
];
