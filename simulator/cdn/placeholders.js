// @ts-check
// What the CDN serves for uploaded images and audio: the simulator keeps no uploaded bytes, so a
// valid tiny PNG (1x1) and WAV (0.1 s of silence) stand in for them.
const zlib = require('zlib');
const { bufferSource } = require('./sources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (buffer) => {
	let c = 0xffffffff;
	for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};

function pngChunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

function tinyPng() {
	const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1x1, 8-bit RGB
	const pixels = zlib.deflateSync(Buffer.from([0, 0x33, 0x66, 0x99]));
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

function silentWav(sampleRate = 8000, seconds = 0.1) {
	const samples = Math.round(sampleRate * seconds);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(36 + samples * 2, 4);
	header.write('WAVEfmt ', 8, 'latin1');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'latin1');
	header.writeUInt32LE(samples * 2, 40);
	return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

const PNG = tinyPng();
const WAV = silentWav();

const imagePlaceholder = () => bufferSource(PNG, 'image/png');
const audioPlaceholder = () => bufferSource(WAV, 'audio/wav');

module.exports = { imagePlaceholder, audioPlaceholder };
