import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { apiRequest } from '../transport';
import { paths } from './paths';

export interface SessionState {
	/** `data.state`: video_infos, draft, canvas_config, video_analyses, generated_media. */
	state: IDataObject;
	userId?: string;
	taskId?: string;
}

export async function fetchSessionState(ctx: IExecuteFunctions, itemIndex: number, sessionId: string): Promise<SessionState> {
	const data = await apiRequest<IDataObject>(ctx, { method: 'GET', path: paths.state(sessionId), itemIndex });
	return {
		state: (data.state as IDataObject | undefined) ?? {},
		userId: typeof data.user_id === 'string' ? data.user_id : undefined,
		taskId: typeof data.task_id === 'string' ? data.task_id : undefined,
	};
}
