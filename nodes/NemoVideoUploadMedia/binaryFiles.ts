import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Refusal } from './checks';
import { checkFormat, checkSize, uploadName } from './checks';
import { extensionOf, formatOf } from './formats';
import type { MultipartFile } from './multipart';

// An item's binary fields as files to upload. A binary kept in n8n's binary store (it has an id, as
// in filesystem or S3 mode) is streamed from the store and never held in memory; only a binary that
// already lives in memory (n8n's default mode) is read from its buffer.

const STREAM_CHUNK_BYTES = 256 * 1024;

/** "data, image" → ['data', 'image'] (blanks dropped, each name once). */
export function parseFieldNames(value: unknown): string[] {
	const names = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return [...new Set(names)];
}

function refuse(ctx: IExecuteFunctions, itemIndex: number, refusal: Refusal): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), refusal.message, { itemIndex, description: refusal.description });
}

function missingField(field: string, present: string[]): Refusal {
	if (present.length === 0) {
		return {
			message: `No binary field "${field}": this item has no binary data`,
			description:
				'Connect a node that outputs a file (Read/Write Files from Disk, Google Drive, a Form upload, HTTP Request) before this one, or set Source to URL. Nothing was uploaded for this item.',
		};
	}
	return {
		message: `No binary field "${field}" on this item`,
		description: `This item's binary fields are: ${present.join(', ')}. Put one of these in Binary Fields (several separated by commas). Nothing was uploaded for this item.`,
	};
}

async function sizeOf(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (typeof binary.bytes === 'number') return binary.bytes;
	return Buffer.byteLength(binary.data ?? '', 'base64');
}

function opener(ctx: IExecuteFunctions, itemIndex: number, binary: IBinaryData): MultipartFile['open'] {
	const id = binary.id;
	if (id) return async () => await ctx.helpers.getBinaryStream(id, STREAM_CHUNK_BYTES);
	return async () => {
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binary);
		return (async function* () {
			for (let offset = 0; offset < buffer.length; offset += STREAM_CHUNK_BYTES) {
				yield buffer.subarray(offset, offset + STREAM_CHUNK_BYTES);
			}
		})();
	};
}

/**
 * The files in `fields` of item `itemIndex`, each checked (present, format, size) before anything is
 * sent: the first refusal is thrown, and no request is made for the item.
 */
export async function binaryUploads(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: string[],
	maxFileSizeMb: number,
): Promise<MultipartFile[]> {
	const binaries = ctx.getInputData()[itemIndex]?.binary ?? {};
	const files: MultipartFile[] = [];
	for (const field of fields) {
		const binary = binaries[field];
		if (!binary) throw refuse(ctx, itemIndex, missingField(field, Object.keys(binaries)));
		const origin = `binary field "${field}"`;
		const fileName = uploadName(binary.fileName, binary.mimeType, binary.fileExtension);
		const formatRefusal = checkFormat(fileName, binary.mimeType, origin);
		if (formatRefusal) throw refuse(ctx, itemIndex, formatRefusal);
		const size = await sizeOf(ctx, binary);
		const sizeRefusal = checkSize(fileName, size, maxFileSizeMb, origin);
		if (sizeRefusal) throw refuse(ctx, itemIndex, sizeRefusal);
		// The canonical type for the extension: the one NemoVideo expects, whatever alias the binary used.
		const contentType = formatOf(extensionOf(fileName))?.mimeType ?? 'application/octet-stream';
		files.push({ fileName, contentType, size, open: opener(ctx, itemIndex, binary) });
	}
	return files;
}
