// Workflows the end-to-end tests import, built from the harness's chainWorkflow().
const { chainWorkflow } = require('../../../scripts/lib');

/** Manual Trigger → Create Session → Get State → Get Credits, every NemoVideo node on `credential`. */
function foundationWorkflow({ id, name = id, credential, createSession = {} }) {
	return chainWorkflow({
		id,
		name,
		credential,
		steps: [
			{ type: 'nemoVideoCreateSession', name: 'Create Session', parameters: createSession },
			{ type: 'nemoVideoGetState', name: 'Get State' },
			{ type: 'nemoVideoGetCredits', name: 'Get Credits' },
		],
	});
}

module.exports = { foundationWorkflow };
