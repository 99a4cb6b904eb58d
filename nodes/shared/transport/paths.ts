// The API's paths in one place (docs/api.md). `me` stands for the token's own user.
const sid = (sessionId: string) => encodeURIComponent(sessionId);

export const paths = {
	createSession: '/api/tasks/me/with-session/nemo_agent',
	anonymousSignIn: '/api/auth/anonymous-token',
	claimLink: '/api/auth/claim-token',
	credits: '/api/credits/balance/simple',
	state: (sessionId: string) => `/api/state/nemo_agent/me/${sid(sessionId)}/latest`,
	upload: (sessionId: string) => `/api/upload-video/nemo_agent/me/${sid(sessionId)}`,
	runSse: '/run_sse',
	renderSubmit: '/api/render/proxy/lambda',
	renderPoll: (renderId: string) => `/api/render/proxy/lambda/${encodeURIComponent(renderId)}`,
	renderDownload: (renderId: string) => `/api/render/proxy/${encodeURIComponent(renderId)}/download`,
} as const;
