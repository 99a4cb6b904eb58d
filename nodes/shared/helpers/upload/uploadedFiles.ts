import type { IDataObject } from 'n8n-workflow';

// The upload answer (contract §3.5: `data.files[]` in snake_case) in the node's output words.

export interface UploadedFile extends IDataObject {
	filename: string | null;
	fileType: string | null;
	cdnUrl: string | null;
	duration: number | null;
	width: number | null;
	height: number | null;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function uploadedFiles(data: IDataObject | undefined): UploadedFile[] {
	const files = Array.isArray(data?.files) ? (data.files as unknown[]) : [];
	return files
		.filter((file): file is IDataObject => typeof file === 'object' && file !== null)
		.map((file) => ({
			filename: text(file.filename ?? file.file_name),
			fileType: text(file.file_type ?? file.fileType),
			cdnUrl: text(file.cdn_url ?? file.cdnUrl ?? file.url),
			duration: number(file.duration),
			width: number(file.width),
			height: number(file.height),
		}));
}
