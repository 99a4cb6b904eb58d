// @ts-check
// The render submit/poll bodies (docs/api.md#render): `skill` is the current skill's top-level
// {taskId,status,progress,output:{url,duration,size}}; `lambda` is the withdrawn reference's
// {success,data:{id,status,progress,outputUrl,createdAt,completedAt}}; `superset` (default)
// carries both so either parser works. Output fields appear only once completed; `error` appears
// at both levels once failed.

/**
 * @param {import('./jobs').RenderJob} job
 * @param {import('./jobs').RenderStatus} status
 * @param {{ url: string, size: number }} file
 * @param {'superset' | 'skill' | 'lambda'} shape
 */
function renderBody(job, status, file, shape) {
	const completed = status.status === 'completed';
	const failed = status.status === 'failed';
	const duration = typeof job.draft?.d === 'number' ? job.draft.d / 1000 : null;

	const skill = {
		taskId: job.id,
		status: status.status,
		progress: status.progress,
		...(completed ? { output: { url: file.url, duration, size: file.size } } : {}),
		...(failed ? { error: status.error } : {}),
	};
	const data = {
		id: job.id,
		status: status.status,
		progress: status.progress,
		...(completed ? { outputUrl: file.url } : {}),
		createdAt: job.createdAt,
		...(status.completedAt !== null ? { completedAt: status.completedAt } : {}),
		...(failed ? { error: status.error } : {}),
	};
	if (shape === 'skill') return skill;
	if (shape === 'lambda') return { success: true, data, ...(failed ? { error: status.error } : {}) };
	const { taskId, ...rest } = skill;
	return {
		success: true,
		id: job.id,
		taskId,
		...rest,
		...(completed ? { outputUrl: file.url } : {}),
		createdAt: job.createdAt,
		...(status.completedAt !== null ? { completedAt: status.completedAt } : {}),
		data,
	};
}

module.exports = { renderBody };
