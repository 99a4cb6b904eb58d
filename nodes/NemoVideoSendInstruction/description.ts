import type { INodeProperties } from 'n8n-workflow';
import { sessionIdProperty, optionsCollection } from '../shared/parameters';

export const sendInstructionProperties: INodeProperties[] = [
	sessionIdProperty,
	{
		displayName: 'Instruction',
		name: 'instruction',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Make a 10-second vertical video of a city at night with lo-fi music and the title "Urban Dreams"',
		description:
			'What to tell the NemoVideo video agent, in plain language: what to generate, or what to change in the current video (music, titles, length, style). It is sent exactly once: a second send would run and charge the work twice. To render the result, use NemoVideo Export & Wait instead of asking for an export here.',
	},
	optionsCollection([
		{
			displayName: 'Check Silent Edits',
			name: 'checkSilentEdits',
			type: 'boolean',
			default: true,
			description:
				'Whether to read the session before and after the instruction and list what changed in "changes". About a third of edits finish without a word from the agent; this is how they become visible.',
		},
		{
			displayName: 'Idle Timeout (Minutes)',
			name: 'idleTimeoutMinutes',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 10,
			description:
				'How long the agent may send only keep-alive signals before the node stops waiting. Generating a video can take 5 minutes of silence.',
		},
		{
			displayName: 'Include Events',
			name: 'includeEvents',
			type: 'boolean',
			default: false,
			description:
				'Whether to add every event of the stream (tool calls, results, heartbeats, errors) as "events", for debugging. Leave off for long runs: the list grows with the stream.',
		},
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			default: 'output',
			options: [
				{
					name: 'Output What Is Known',
					value: 'output',
					description: 'Return the item with status "timeout", the reply so far and the current timeline',
				},
				{
					name: 'Fail',
					value: 'error',
					description: 'Stop with an error (or send it to the error output)',
				},
			],
			description: 'What to do when a timeout ends the wait. Either way the instruction is not sent again.',
		},
		{
			displayName: 'Recover On Disconnect',
			name: 'recoverOnDisconnect',
			type: 'boolean',
			default: true,
			description:
				'Whether to keep watching the session when the connection drops: NemoVideo carries on with the work, so the node checks the state (after 30 s, then every 60 s, up to 5 times) and reports what changed with status "recovered". The instruction is never sent again.',
		},
		{
			displayName: 'Recovery Wait (Seconds)',
			name: 'recoveryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 30,
			description: 'The first wait after a dropped connection; later checks wait twice as long',
		},
		{
			displayName: 'Stream Reply',
			name: 'streamReply',
			type: 'boolean',
			default: true,
			description:
				'Whether to send the agent\'s words to the caller as they arrive, when the workflow streams its response (a Webhook in Streaming response mode, a Chat Trigger with streaming on). The output item comes at the end either way.',
		},
		{
			displayName: 'Timeout (Minutes)',
			name: 'timeoutMinutes',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: 15,
			description: 'The longest the node waits for the agent to finish, heartbeats or not',
		},
	]),
];
