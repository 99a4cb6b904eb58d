// n8n finds the nodes and the credential through the "n8n" section of package.json; this entry
// point exists for tools that expect a main file and exposes nothing.
module.exports = {};
