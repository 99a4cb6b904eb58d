import type { INodeProperties } from 'n8n-workflow';
import { sessionIdProperty, optionsCollection } from '../shared/parameters';

export const exportProperties: INodeProperties[] = [
	sessionIdProperty,
	optionsCollection([
		{
			displayName: 'Download',
			name: 'download',
			type: 'boolean',
			default: true,
			description:
				'Whether to download the finished MP4 into the output item as binary data. Off: only the render URL is returned.',
		},
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: [{ name: 'MP4', value: 'mp4' }],
			default: 'mp4',
			description: 'The file format of the render',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 30,
			description: 'How long to wait between two checks of the render. A render usually takes 30 to 90 seconds.',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the MP4 in',
			description: 'The binary field of the output item that receives the MP4 when Download is on',
		},
		{
			displayName: 'Quality',
			name: 'quality',
			type: 'options',
			// Only the documented value: the API's other qualities, if any, are not known.
			options: [{ name: 'High', value: 'high' }],
			default: 'high',
			description: 'The render quality',
		},
		{
			displayName: 'Render ID',
			name: 'renderId',
			type: 'string',
			default: '',
			placeholder: 'e.g. render_0b6a4f1e-…',
			description:
				'Follow a render submitted earlier instead of submitting one: the ID (render_…) a timed-out Export & Wait names, or its error message (the error field of its error output). Nothing is submitted; the render is waited for and downloaded as usual. Session ID may then be empty.',
		},
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeoutMinutes',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 10,
			description:
				'How long to wait for the render to finish, retry included. On timeout the error names the render ID, which a second Export & Wait can follow with the Render ID option.',
		},
	]),
];
