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
