// The harness that drives a real n8n with this package installed: used by the end-to-end tests,
// `npm start`, and the browser test. Each module holds one idea; this file only gathers them.
module.exports = {
	...require('./apt'),
	...require('./free-port'),
	...require('./n8n-install'),
	...require('./package-install'),
	...require('./package-contents'),
	...require('./n8n-env'),
	...require('./n8n-cli'),
	...require('./n8n-rest'),
	...require('./n8n-instance'),
	...require('./n8n-with-package'),
	...require('./redis'),
	...require('./n8n-queue'),
	...require('./nemo-fixtures'),
};
