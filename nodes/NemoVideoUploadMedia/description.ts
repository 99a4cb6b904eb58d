import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_MAX_FILE_SIZE_MB } from './checks';
import { SUPPORTED_FORMATS_TEXT } from './formats';
import { sessionIdProperty, optionsCollection } from '../shared/parameters';

export const uploadMediaProperties: INodeProperties[] = [
	sessionIdProperty,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'Files from earlier nodes (Read Files from Disk, Google Drive, a Form upload, HTTP Request)',
			},
			{
				name: 'URL',
				value: 'url',
				description: 'Public web addresses NemoVideo downloads the files from itself',
			},
		],
		default: 'binary',
		description: 'Where the files to upload come from',
	},
	{
		displayName: 'Binary Fields',
		name: 'binaryProperties',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, logo',
		displayOptions: { show: { source: ['binary'] } },
		description:
			`The binary field of the incoming item that holds the file, usually "data". Several files: their field names separated by commas. Accepted: ${SUPPORTED_FORMATS_TEXT}.`,
	},
	{
		displayName: 'URLs',
		name: 'urls',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		displayOptions: { show: { source: ['url'] } },
		description:
			`One or more public http(s) addresses of media files, one per line or separated by commas; an expression may also return an array of URLs. Accepted: ${SUPPORTED_FORMATS_TEXT}.`,
	},
	optionsCollection([
		{
			displayName: 'Max File Size (MB)',
			name: 'maxFileSizeMb',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_FILE_SIZE_MB,
			description:
				`Binary files larger than this are refused before anything is sent (for URLs, NemoVideo checks the size itself). NemoVideo accepts up to ${DEFAULT_MAX_FILE_SIZE_MB} MB per file.`,
		},
	]),
];
