const { checkFormat, checkSize, describeSize, uploadName, BYTES_PER_MB } = require('../../../nodes/NemoVideoUploadMedia/checks');

const origin = 'binary field "data"';

describe('format', () => {
	test('an accepted file passes', () => {
		expect(checkFormat('clip.mp4', 'video/mp4', origin)).toBeUndefined();
		expect(checkFormat('PHOTO.JPEG', 'image/jpeg', origin)).toBeUndefined();
		expect(checkFormat('song.mp3', 'application/octet-stream', origin)).toBeUndefined();
	});

	test('a refused extension names the file, where it came from and the accepted formats', () => {
		const refusal = checkFormat('notes.txt', 'text/plain', origin);
		expect(refusal.message).toBe('"notes.txt" is not a format NemoVideo accepts');
		expect(refusal.description).toContain('binary field "data"');
		expect(refusal.description).toContain('.txt');
		expect(refusal.description).toContain('video: mp4, mov, avi, webm, mkv; image: jpg, jpeg, png, gif, webp; audio: mp3, wav, m4a, aac');
		expect(refusal.description).toContain('Nothing was uploaded');
	});

	test('an accepted extension with a MIME type of another format is refused', () => {
		const refusal = checkFormat('clip.mp4', 'text/html', origin);
		expect(refusal.message).toContain('not a format NemoVideo accepts');
		expect(refusal.description).toContain('"text/html"');
		expect(refusal.description).toContain('jpeg');
	});

	test('a file without an extension is refused with the accepted formats', () => {
		const refusal = checkFormat('data', 'text/plain', origin);
		expect(refusal.message).toContain('no file extension');
		expect(refusal.description).toContain('mp4, mov');
	});
});

describe('size', () => {
	test('at the limit passes, one byte over is refused with both sizes', () => {
		expect(checkSize('a.mp4', 500 * BYTES_PER_MB, 500, origin)).toBeUndefined();
		const refusal = checkSize('a.mp4', 500 * BYTES_PER_MB + 1, 500, origin);
		expect(refusal.message).toBe('"a.mp4" is too large to upload (500 MB; the limit is 500 MB)');
		expect(refusal.description).toContain(`${500 * BYTES_PER_MB + 1} bytes`);
		expect(refusal.description).toContain('500 MB');
	});

	test('the limit comes from the option', () => {
		const refusal = checkSize('b.mov', 3 * BYTES_PER_MB, 2, origin);
		expect(refusal.message).toContain('(3 MB; the limit is 2 MB)');
		expect(refusal.description).toContain('Max File Size');
	});

	test.each([
		[0, '0 bytes'],
		[1023, '1023 bytes'],
		[1536, '1.5 KB'],
		[612 * BYTES_PER_MB, '612 MB'],
		[1.25 * 1024 * BYTES_PER_MB, '1.3 GB'],
	])('describeSize(%d) = %s', (bytes, text) => {
		expect(describeSize(bytes)).toBe(text);
	});
});

describe('upload name', () => {
	test('a name with an extension is kept', () => {
		expect(uploadName('clip.MOV', 'video/quicktime')).toBe('clip.MOV');
	});
	test('a name without one gets the binary metadata extension, else the MIME type one', () => {
		expect(uploadName('data', 'video/mp4', 'mp4')).toBe('data.mp4');
		expect(uploadName('data', 'image/png')).toBe('data.png');
		expect(uploadName(undefined, 'audio/mpeg')).toBe('file.mp3');
		expect(uploadName('data', 'text/plain')).toBe('data');
	});
});
