const { NodeApiError, NodeOperationError } = require('n8n-workflow');
const { toNodeError } = require('../../../nodes/shared/toNodeError');
const { WaitCancelledError } = require('../../../nodes/shared/helpers/wait');
const { fakeContext } = require('./transport/fakeContext');

/** Everything of an error that n8n may save, log or report, cause included. */
const everything = (error) => JSON.stringify({ ...error, message: error.message, description: error.description, cause: error.cause, stack: error.stack });

test('a foreign error that carries a token (an HTTP client\'s, cancelled mid-request) is wrapped by its message only', () => {
	const ctx = fakeContext({ answers: [] });
	const failure = Object.assign(new Error('canceled'), { config: { headers: { Authorization: 'Bearer nmv_usr_secret' } } });
	const error = toNodeError(ctx, failure, 3);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error.message).toBe('canceled');
	expect(error.context.itemIndex).toBe(3);
	expect(everything(error)).not.toContain('nmv_usr_');
});

test('our own errors and n8n\'s keep what they say, with the item', () => {
	const ctx = fakeContext({ answers: [] });
	expect(toNodeError(ctx, new WaitCancelledError(), 1).message).toBe('The execution was cancelled');
	const built = new NodeApiError(ctx.getNode(), { message: 'x' }, { message: 'NemoVideo said no', itemIndex: 2 });
	expect(toNodeError(ctx, built, 0)).toBe(built);
	expect(toNodeError(ctx, 'plain words', 0).message).toBe('plain words');
});

describe('run as an AI Agent tool', () => {
	const { runPerItem } = require('../../../nodes/shared/runPerItem');
	const { nemoVideoError } = require('../../../nodes/shared/transport/errors');
	const { inToolWords } = require('../../../nodes/shared/toNodeError');
	const asNode = (type) => {
		const ctx = fakeContext({ answers: [] });
		ctx.getNode().type = type;
		ctx.getInputData = () => [{ json: {} }];
		return ctx;
	};

	test('a failure\'s message, all a model is handed, carries the next step in tool words, and no token', async () => {
		const ctx = asNode('n8n-nodes-nemovideo.nemoVideoSendInstructionTool');
		const error = await runPerItem(ctx, async () => {
			throw await nemoVideoError(ctx, { code: 2001, itemIndex: 0, apiMessage: 'no credits for nmv_usr_secret' });
		}).catch((e) => e);
		expect(error.message).toBe(
			'Not enough NemoVideo credits. What to do: Register for free at https://web.test/register?bind=anon_0123456789abcdef to get 100 more credits; your projects stay with the account.',
		);
		expect(everything(error)).not.toContain('nmv_usr_');
	});

	test('the same failure as a node keeps its message short and its next step in the description', async () => {
		const ctx = asNode('n8n-nodes-nemovideo.nemoVideoSendInstruction');
		const error = await runPerItem(ctx, async () => {
			throw await nemoVideoError(ctx, { code: 1002, itemIndex: 0 });
		}).catch((e) => e);
		expect(error.message).toBe('NemoVideo session not found');
		expect(error.description).toContain('Create a new one with NemoVideo Create Session');
	});

	test('node names become tool names', () => {
		expect(inToolWords('To render it, run the NemoVideo Export & Wait node. Check it with NemoVideo Get State.')).toBe(
			'To render it, run the Export tool. Check it with the Get State tool.',
		);
		expect(inToolWords('Ask for it in a follow-up NemoVideo Send Instruction.')).toBe('Ask for it in a follow-up call of the Send Instruction tool.');
	});
});
