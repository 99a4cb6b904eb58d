import type { INodeProperties } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from './transport/credentials';

// Parameters that several nodes share. Each node spreads these in, so a saved workflow sees the
// same name, default and wording everywhere.

export const sessionIdProperty: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	default: '={{ $json.sessionId }}',
	required: true,
	placeholder: 'e.g. 5529798706024415232',
	description:
		'The NemoVideo session to work in. Comes from NemoVideo Create Session; the default reads it from the incoming item, so the nodes chain without typing.',
};

export const credentialsSection = [{ name: CREDENTIAL_TYPE, required: true }];

export const iconPaths = {
	light: 'file:../shared/icons/nemovideo.svg',
	dark: 'file:../shared/icons/nemovideo.dark.svg',
} as const;

/** The "Options" collection every node puts its optional settings in (read as `options`). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
