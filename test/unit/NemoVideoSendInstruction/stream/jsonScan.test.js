const { closingQuote, jsonString, skipJsonValue } = require('../../../../nodes/NemoVideoSendInstruction/stream/jsonScan');

test('the closing quote skips escaped quotes, but not escaped backslashes', () => {
	const text = '"a\\"b\\\\"rest';
	expect(closingQuote(text, 1)).toBe(7);
	expect(closingQuote('"never', 1)).toBe(-1);
});

test('a string is decoded only when it has escapes', () => {
	expect(jsonString('"plain"', 1, 6)).toBe('plain');
	expect(jsonString('"a\\nb\\u00e9"', 1, 11)).toBe('a\nbé');
});

test('strings are read from wire text: UTF-8 bytes decoded first, then escapes undone', () => {
	const wire = Buffer.from('"é\\u00e9 你\\n"', 'utf8').toString('latin1');
	expect(jsonString(wire, 1, wire.length - 1)).toBe('éé 你\n');
	const plain = Buffer.from('"café"', 'utf8').toString('latin1');
	expect(jsonString(plain, 1, plain.length - 1)).toBe('café');
});

test('isPlainAscii: no escape and no byte above ASCII between the bounds', () => {
	const { isPlainAscii } = require('../../../../nodes/NemoVideoSendInstruction/stream/jsonScan');
	expect(isPlainAscii('"abc"', 1, 4)).toBe(true);
	expect(isPlainAscii('"a\\c"', 1, 5)).toBe(false);
	expect(isPlainAscii(Buffer.from('"é"', 'utf8').toString('latin1'), 1, 3)).toBe(false);
	expect(isPlainAscii('ab\\', 0, 2)).toBe(true);
});

test.each([
	['{"a":{"b":[1,2,{"c":"}"}]},"d":"x"},tail', 35],
	['[1,[2,[3]],"]"],tail', 15],
	['"str\\"ing",tail', 10],
	['12.5e3,tail', 6],
	['true}', 4],
	['null]', 4],
])('the value in %s ends at %i', (text, end) => {
	expect(skipJsonValue(text, 0)).toBe(end);
});

test('an unfinished value is -1', () => {
	expect(skipJsonValue('{"a":[1,2', 0)).toBe(-1);
	expect(skipJsonValue('"abc', 0)).toBe(-1);
	expect(skipJsonValue('123', 0)).toBe(-1);
});

test("an object's own keys, not its children's", () => {
	const keys = [];
	expect(skipJsonValue('{"draft":{"t":[{"tt":0}]},"x\\"y":"v:1","n":{"m":2}}', 0, keys)).toBe(51);
	expect(keys).toEqual(['draft', 'x"y', 'n']);
});

test('hasNoEscape looks only between its bounds', () => {
	const { hasNoEscape } = require('../../../../nodes/NemoVideoSendInstruction/stream/jsonScan');
	expect(hasNoEscape('"abc","d\\"e"', 1, 4)).toBe(true);
	expect(hasNoEscape('"a\\"c"', 1, 5)).toBe(false);
	expect(hasNoEscape('abc', 0, 3)).toBe(true);
});

describe('a prefix followed by a plain string, found in one match', () => {
	const { prefixedPlainString, endOfPrefixedPlainString } = require('../../../../nodes/NemoVideoSendInstruction/stream/jsonScan');
	const prefix = '{"content":{"parts":[{"text":"';
	const pattern = prefixedPlainString(prefix);
	const latin1 = (text) => Buffer.from(text, 'utf8').toString('latin1');

	test('gives the index of the closing quote of a plain string', () => {
		const wire = `${prefix}plain text, with "quotes" after it"}]`;
		expect(endOfPrefixedPlainString(pattern, wire)).toBe(wire.indexOf('"', prefix.length));
		expect(endOfPrefixedPlainString(pattern, `${prefix}"}]`)).toBe(prefix.length);
	});

	test('is -1 for a string with an escape or a non-ASCII byte (to be read the long way)', () => {
		expect(endOfPrefixedPlainString(pattern, `${prefix}say \\"hi\\""}]`)).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, `${prefix}a\\\\b"}]`)).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, latin1(`${prefix}café"}]`))).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, latin1(`${prefix}视频"}]`))).toBe(-1);
		// text already decoded (characters above Latin-1, surrogate pairs) is not taken as it stands either
		expect(endOfPrefixedPlainString(pattern, `${prefix}adk-…02"}]`)).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, `${prefix}🎬"}]`)).toBe(-1);
	});

	test('is -1 without the prefix at the very start, or without a closing quote', () => {
		expect(endOfPrefixedPlainString(pattern, `{"content":{"parts":[{"thought":"x"}]`)).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, ` ${prefix}x"`)).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, `{"a":1,${prefix}x"`)).toBe(-1);
		expect(endOfPrefixedPlainString(pattern, `${prefix}never closed`)).toBe(-1);
		// a longer match before does not move where the next one starts
		expect(endOfPrefixedPlainString(pattern, `${prefix}abcdefgh"`)).toBe(prefix.length + 8);
		expect(endOfPrefixedPlainString(pattern, `${prefix}"`)).toBe(prefix.length);
	});

	test("the prefix's characters stand for themselves, not for a pattern", () => {
		const dotted = prefixedPlainString('a.b*[c]("');
		expect(endOfPrefixedPlainString(dotted, 'a.b*[c]("x"')).toBe(10);
		expect(endOfPrefixedPlainString(dotted, 'axbbb[c]("x"')).toBe(-1);
		expect(endOfPrefixedPlainString(dotted, 'a.bc("x"')).toBe(-1);
	});
});
