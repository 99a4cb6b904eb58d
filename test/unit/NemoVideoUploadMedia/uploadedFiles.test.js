const { uploadedFiles } = require('../../../nodes/NemoVideoUploadMedia/uploadedFiles');

test('maps the API snake_case files to the output fields', () => {
	const data = {
		files: [
			{ filename: 'video.mp4', file_type: 'video', cdn_url: 'https://cdn.test/v.mp4', duration: 30.5, width: 1920, height: 1080, fps: 30, hash: 'abc' },
			{ filename: 'song.mp3', file_type: 'audio', cdn_url: 'https://cdn.test/s.mp3', duration: 12 },
		],
		session_state_applied: true,
	};
	expect(uploadedFiles(data)).toEqual([
		{ filename: 'video.mp4', fileType: 'video', cdnUrl: 'https://cdn.test/v.mp4', duration: 30.5, width: 1920, height: 1080 },
		{ filename: 'song.mp3', fileType: 'audio', cdnUrl: 'https://cdn.test/s.mp3', duration: 12, width: null, height: null },
	]);
});

test('a missing or odd files list gives no files', () => {
	expect(uploadedFiles({})).toEqual([]);
	expect(uploadedFiles(undefined)).toEqual([]);
	expect(uploadedFiles({ files: [null, 'x'] })).toEqual([]);
});
