// NemoVideo sometimes ends an otherwise normal turn with "I encountered a temporary issue…"
// (docs/api.md#event-kinds): noise that clients are told to ignore. The rule here:
//   - when the turn produced anything normal (other text, or a tool that succeeded), the trailer
//     is dropped wherever it stands;
//   - when it is the only thing the agent produced, it is kept: then it is the only sign of what
//     happened, and hiding it would turn a failed turn into a silent one.

const TRAILER = /^\s*(?:I\s+(?:encountered|ran into|hit|experienced)\s+a\s+temporary\s+(?:issue|problem|error)|我遇到了(?:一个|一些)?(?:临时|暂时性?的?)问题)/i;

export function isTemporaryIssueTrailer(text: string): boolean {
	return TRAILER.test(text);
}

export function withoutTrailer(messages: string[], toolSucceeded: boolean): string[] {
	const normal = messages.filter((message) => !isTemporaryIssueTrailer(message));
	return normal.length > 0 || toolSucceeded ? normal : messages;
}
