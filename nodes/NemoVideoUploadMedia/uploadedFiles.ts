import type { IDataObject } from 'n8n-workflow';
import { asArray, asNumber, asString, isJsonObject } from '../shared/helpers/jsonValues';

// The upload answer (docs/api.md#upload: `data.files[]` in snake_case) in the node's output words.

export interface UploadedFile extends IDataObject {
	filename: string | null;
	fileType: string | null;
	cdnUrl: string | null;
	duration: number | null;
	width: number | null;
	height: number | null;
}

// The output lists every field, null when the API left it out (n8n users map fields by name).
const text = (value: unknown) => asString(value) || null;
const number = (value: unknown) => asNumber(value) ?? null;

export function uploadedFiles(data: IDataObject | undefined): UploadedFile[] {
	return asArray(data?.files)
		.filter(isJsonObject)
		.map((file) => ({
			filename: text(file.filename ?? file.file_name),
			fileType: text(file.file_type ?? file.fileType),
			cdnUrl: text(file.cdn_url ?? file.cdnUrl ?? file.url),
			duration: number(file.duration),
			width: number(file.width),
			height: number(file.height),
		}));
}
