import type { INodeProperties } from 'n8n-workflow';
import { sessionIdProperty, optionsCollection } from '../shared/parameters';

export const getStateProperties: INodeProperties[] = [
	sessionIdProperty,
	optionsCollection([
		{
			displayName: 'Include Raw State',
			name: 'includeRawState',
			type: 'boolean',
			default: false,
			description: 'Whether to add the full session state as NemoVideo returns it (field "state")',
		},
	]),
];
