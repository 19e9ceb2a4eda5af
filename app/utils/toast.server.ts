import { randomBytes } from 'node:crypto'
import { createCookie, redirect, type Cookie } from 'react-router'
import { z } from 'zod'
import { getEnv, secureCookies, type Env } from './env.server.ts'
import { logger } from './logger.server.ts'

const ToastSchema = z.object({
	type: z.enum(['success', 'error', 'info']).default('success'),
	title: z.string().max(200),
	description: z.string().max(500).optional(),
})
export type Toast = z.infer<typeof ToastSchema>

// Outside production a fixed secret is fine: nothing there is worth forging.
const DEVELOPMENT_SECRET = 'peerpower-development-only-secret-not-for-production'

/**
 * A flash message lives in its own cookie for exactly one page view. It is signed, so that a
 * cookie planted by someone else (from a sibling subdomain, say) is ignored, not shown as ours.
 */
export function createToastCookie(env: Env): Cookie {
	let secrets = env.SESSION_SECRET?.split(',').map((secret) => secret.trim())
	if (!secrets) {
		if (env.NODE_ENV === 'production') {
			logger.warn('SESSION_SECRET is not set: flash messages are signed with a secret of this process only')
			secrets = [randomBytes(32).toString('hex')]
		} else {
			secrets = [DEVELOPMENT_SECRET]
		}
	}
	return createCookie('pp_toast', { httpOnly: true, sameSite: 'lax', secure: secureCookies(env), path: '/', maxAge: 60, secrets })
}

// Made on first use, from the environment checked at start; one per process (a random production
// secret must stay the same for the whole process).
let cookie: Cookie | undefined
const toastCookie = () => (cookie ??= createToastCookie(getEnv()))

export async function toastHeader(toast: z.input<typeof ToastSchema>): Promise<string> {
	return toastCookie().serialize(ToastSchema.parse(toast))
}

export async function redirectWithToast(
	url: string,
	toast: z.input<typeof ToastSchema>,
	init: ResponseInit = {},
): Promise<Response> {
	const headers = new Headers(init.headers)
	headers.append('Set-Cookie', await toastHeader(toast))
	return redirect(url, { ...init, headers })
}

/** Reads the pending toast, and the header that clears it. */
export async function getToast(request: Request): Promise<{ toast: Toast | null; headers: Headers | null }> {
	const raw: unknown = await toastCookie().parse(request.headers.get('cookie'))
	const parsed = ToastSchema.safeParse(raw)
	if (!parsed.success) return { toast: null, headers: null }
	const headers = new Headers({ 'Set-Cookie': await toastCookie().serialize('', { maxAge: 0 }) })
	return { toast: parsed.data, headers }
}
