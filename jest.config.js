// Four suites, run in this order by scripts/test.js:
//   package   the packed tarball: its contents, the verification scanner's rules, the bundle's licence
//   unit      pure logic and the simulator, no n8n
//   workflow  our nodes inside n8n-core's real WorkflowExecute, against the simulator on loopback
//   e2e       a real n8n with the packed package installed, driven over its CLI, REST and a browser
//             (once per n8n version scripts/test.js names)
// Tests are JavaScript because `n8n-node lint` treats every .ts file in the repository as node
// code; the TypeScript they import from nodes/ and credentials/ goes through ts-jest.
const tsTransform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
};

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: tsTransform,
	moduleFileExtensions: ['ts', 'js', 'json'],
	testMatch: [`<rootDir>/test/${name}/**/*.test.js`],
	...extra,
});

module.exports = {
	// Workflow and end-to-end tests wait on real servers; each test still sets its own tighter budget.
	testTimeout: 60_000,
	projects: [
		project('package'),
		project('unit'),
		project('workflow'),
		project('e2e'),
	],
};
