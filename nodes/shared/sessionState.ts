import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { apiRequest } from './transport';
import { paths } from './transport/paths';

/** A session's `data.state`: video_infos, draft, canvas_config, video_analyses, generated_media. */
export async function fetchSessionState(ctx: IExecuteFunctions, itemIndex: number, sessionId: string): Promise<IDataObject> {
	const data = await apiRequest<IDataObject>(ctx, { method: 'GET', path: paths.state(sessionId), itemIndex });
	return (data.state as IDataObject | undefined) ?? {};
}
