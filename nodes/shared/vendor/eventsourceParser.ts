// The only import of eventsource-parser. The build replaces this file's compiled output with an
// esbuild bundle of the library (gulpfile.js), so dist carries no runtime dependency.
export { createParser } from 'eventsource-parser';
export type { EventSourceMessage, EventSourceParser, ParseError } from 'eventsource-parser';
