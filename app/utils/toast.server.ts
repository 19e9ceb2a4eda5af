import { createCookie, redirect } from 'react-router'
import { z } from 'zod'

const ToastSchema = z.object({
	type: z.enum(['success', 'error', 'info']).default('success'),
	title: z.string().max(200),
	description: z.string().max(500).optional(),
})
export type Toast = z.infer<typeof ToastSchema>

// A flash message lives in its own cookie for exactly one page view.
const toastCookie = createCookie('pp_toast', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 })

export async function toastHeader(toast: z.input<typeof ToastSchema>): Promise<string> {
	return toastCookie.serialize(ToastSchema.parse(toast))
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
	const raw: unknown = await toastCookie.parse(request.headers.get('cookie'))
	const parsed = ToastSchema.safeParse(raw)
	if (!parsed.success) return { toast: null, headers: null }
	const headers = new Headers({ 'Set-Cookie': await toastCookie.serialize('', { maxAge: 0 }) })
	return { toast: parsed.data, headers }
}
