import { getEnv } from '#app/utils/env.server.ts'

/** Our public origin for absolute links (calendar files): APP_URL, else the request's own. */
export function publicOrigin(request: Request): string {
	const configured = getEnv().APP_URL
	return new URL(configured ?? request.url).origin
}
