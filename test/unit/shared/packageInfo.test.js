// What a node does as it loads on an n8n it cannot run on: n8n-workflow before 1.83 (n8n before
// 1.85) has no NodeConnectionTypes, which every node's description uses.
const NODES = ['NemoVideoCreateSession', 'NemoVideoUploadMedia', 'NemoVideoSendInstruction', 'NemoVideoGetState', 'NemoVideoExport', 'NemoVideoGetCredits'];

afterEach(() => {
	jest.dontMock('n8n-workflow');
	jest.resetModules();
});

test.each(NODES)('%s refuses to load without NodeConnectionTypes, naming the n8n version it needs', (name) => {
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), NodeConnectionTypes: undefined }));
		expect(() => require(`../../../nodes/${name}/${name}.node`)).toThrow('n8n-nodes-nemovideo needs n8n 1.85 or newer: update n8n, or uninstall n8n-nodes-nemovideo');
	});
});

test.each(NODES)('%s loads where NodeConnectionTypes exists', (name) => {
	jest.isolateModules(() => {
		const loaded = require(`../../../nodes/${name}/${name}.node`);
		expect(new loaded[name]().description.inputs).toEqual(['main']);
	});
});
