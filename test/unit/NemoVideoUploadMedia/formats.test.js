const formats = require('../../../nodes/NemoVideoUploadMedia/formats');

test('the accepted list is the documented one (docs/api.md#upload) plus jpeg, and the error text names exactly it', () => {
	expect([...formats.ACCEPTED_EXTENSIONS].sort()).toEqual(
		['mp4', 'mov', 'avi', 'webm', 'mkv', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'mp3', 'wav', 'm4a', 'aac'].sort(),
	);
	// the text is built from the list; pinned here so that a change to either is seen
	expect(formats.SUPPORTED_FORMATS_TEXT).toBe('video: mp4, mov, avi, webm, mkv; image: jpg, jpeg, png, gif, webp; audio: mp3, wav, m4a, aac');
	const named = formats.SUPPORTED_FORMATS_TEXT.split(/[;,]\s*|:\s*/).filter((word) => !['video', 'image', 'audio'].includes(word));
	expect(named.sort()).toEqual([...formats.ACCEPTED_EXTENSIONS].sort());
});

test.each([
	['clip.MP4', 'mp4'],
	['photo.JPeG', 'jpeg'],
	['archive.tar.gz', 'gz'],
	['no-extension', ''],
	['.hidden', ''],
	['/some/dir.v2/file', ''],
	['C:\\videos\\a.mov', 'mov'],
])('extensionOf(%s) = %s', (name, extension) => {
	expect(formats.extensionOf(name)).toBe(extension);
});

test('extensions are matched case-insensitively; jpeg and jpg both pass', () => {
	for (const ext of ['MP4', 'Mov', 'JPG', 'jpeg', 'JPEG', 'm4a', 'AAC']) expect(formats.isAcceptedExtension(ext)).toBe(true);
	for (const ext of ['txt', 'pdf', 'flv', 'heic', '', '__proto__', 'constructor']) expect(formats.isAcceptedExtension(ext)).toBe(false);
});

test('MIME types: the accepted ones and their aliases pass, generic ones defer to the extension, others fail', () => {
	for (const mime of ['video/mp4', 'VIDEO/QUICKTIME', 'image/jpeg', 'image/jpg', 'audio/mpeg', 'audio/x-wav', 'audio/mp4; codecs=mp4a']) {
		expect(formats.isAcceptedMimeType(mime)).toBe(true);
	}
	for (const mime of [undefined, '', 'application/octet-stream']) expect(formats.isAcceptedMimeType(mime)).toBe(true);
	for (const mime of ['text/plain', 'application/pdf', 'video/x-flv', 'image/heic']) expect(formats.isAcceptedMimeType(mime)).toBe(false);
});

test('formatOf gives the kind and the canonical MIME type, nothing for unknown names', () => {
	expect(formats.formatOf('JPEG')).toEqual({ kind: 'image', mimeType: 'image/jpeg' });
	expect(formats.formatOf('mov')).toEqual({ kind: 'video', mimeType: 'video/quicktime' });
	expect(formats.formatOf('m4a')).toEqual({ kind: 'audio', mimeType: 'audio/mp4' });
	expect(formats.formatOf('__proto__')).toBeUndefined();
	expect(formats.extensionForMimeType('image/jpg')).toBe('jpg');
	expect(formats.extensionForMimeType('text/plain')).toBeUndefined();
});
