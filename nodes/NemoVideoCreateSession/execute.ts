import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { paths } from '../shared/transport/paths';
import { apiRequest } from '../shared/transport';
import { readCredentials } from '../shared/transport/credentials';
import { toNodeError } from '../shared/toNodeError';

interface CreatedSession {
	task_id?: string;
	session_id?: string;
	user_id?: string;
}

export async function createSession(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const taskName = (ctx.getNodeParameter('taskName', itemIndex) as string) || 'project';
	const language = (ctx.getNodeParameter('language', itemIndex) as string).trim();
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { claimLink?: boolean };

	const body: IDataObject = { task_name: taskName };
	if (language) body.language = language;
	const created = await apiRequest<CreatedSession>(ctx, { method: 'POST', path: paths.createSession, body, itemIndex });

	const output: IDataObject = { sessionId: String(created.session_id ?? ''), taskId: String(created.task_id ?? '') };
	if (created.user_id) output.userId = created.user_id;
	if (options.claimLink ?? true) Object.assign(output, await claimLink(ctx, itemIndex, output));
	return output;
}

/**
 * The browser link for a project (docs/api.md#claim-token): `<webUrl>/workspace/claim?ct=<claim token>`.
 * The session already exists by now, so a failure here is reported beside it rather than thrown:
 * throwing would make a re-run create a second project.
 */
async function claimLink(ctx: IExecuteFunctions, itemIndex: number, session: IDataObject): Promise<IDataObject> {
	try {
		const claim = await apiRequest<{ claim_token?: string }>(ctx, {
			method: 'POST',
			path: paths.claimLink,
			body: { task_id: session.taskId, session_id: session.sessionId },
			itemIndex,
		});
		if (!claim.claim_token) return { claimError: 'NemoVideo returned no claim token' };
		const { credentials } = await readCredentials(ctx, itemIndex);
		return { claimUrl: `${credentials.webUrl}/workspace/claim?ct=${encodeURIComponent(claim.claim_token)}` };
	} catch (error) {
		if (ctx.getExecutionCancelSignal()?.aborted) throw toNodeError(ctx, error, itemIndex);
		return { claimError: `${error.message}${error.description ? `: ${error.description}` : ''}` };
	}
}
