const { parseUrls, checkUrl } = require('../../../nodes/NemoVideoUploadMedia/urls');

describe('parseUrls', () => {
	test('one per line, comma-separated, or both', () => {
		expect(parseUrls('https://a.test/1.mp4\nhttps://a.test/2.mp4')).toEqual(['https://a.test/1.mp4', 'https://a.test/2.mp4']);
		expect(parseUrls('https://a.test/1.mp4, https://a.test/2.mp4,https://a.test/3.png')).toEqual([
			'https://a.test/1.mp4',
			'https://a.test/2.mp4',
			'https://a.test/3.png',
		]);
		expect(parseUrls(' \r\n https://a.test/1.mp4 ,\n\n')).toEqual(['https://a.test/1.mp4']);
	});

	test('a comma inside a query string stays part of its URL', () => {
		expect(parseUrls('https://img.test/x.png?w=10,20,https://a.test/2.mp4')).toEqual([
			'https://img.test/x.png?w=10,20',
			'https://a.test/2.mp4',
		]);
	});

	test('an array (from an expression or an AI tool) is accepted, nested or not', () => {
		expect(parseUrls(['https://a.test/1.mp4', ['https://a.test/2.mp4, https://a.test/3.mp4']])).toEqual([
			'https://a.test/1.mp4',
			'https://a.test/2.mp4',
			'https://a.test/3.mp4',
		]);
	});

	test('nothing gives an empty list', () => {
		expect(parseUrls('')).toEqual([]);
		expect(parseUrls(undefined)).toEqual([]);
		expect(parseUrls([])).toEqual([]);
	});
});

describe('checkUrl', () => {
	test('http(s) URLs with an accepted extension, or none, pass', () => {
		expect(checkUrl('https://example.com/video.MP4')).toBeUndefined();
		expect(checkUrl('http://example.com/media?id=7')).toBeUndefined();
		expect(checkUrl('https://example.com/v1.2/clip')).toBeUndefined();
	});

	test('not a URL', () => {
		expect(checkUrl('example.com/video.mp4').message).toBe('"example.com/video.mp4" is not a valid URL');
	});

	test('another scheme', () => {
		const refusal = checkUrl('ftp://example.com/video.mp4');
		expect(refusal.message).toContain('not an http(s) URL');
		expect(refusal.description).toContain('ftp');
		expect(checkUrl('file:///etc/passwd').message).toContain('not an http(s) URL');
	});

	test('a refused extension in the path names the accepted formats', () => {
		const refusal = checkUrl('https://example.com/doc.pdf?x=1');
		expect(refusal.message).toContain('not a format NemoVideo accepts');
		expect(refusal.description).toContain('.pdf');
		expect(refusal.description).toContain('mp4, mov, avi, webm, mkv');
	});
});
