import { z } from 'zod'

// Field schemas shared by every form that has the field, on the client and the server.
export const emailSchema = z
	.string({ error: 'Enter your email address' })
	.trim()
	.toLowerCase()
	.max(254, 'That email address is too long')
	.pipe(z.email({ error: 'Enter a valid email address, like name@company.com' }))

export const passwordSchema = z
	.string({ error: 'Enter a password' })
	.min(10, 'Use at least 10 characters')
	.max(200, 'Use at most 200 characters')

export const nameSchema = z
	.string({ error: 'Enter your name' })
	.trim()
	.min(1, 'Enter your name')
	.max(80, 'Use at most 80 characters')

export const companySchema = z
	.string({ error: 'Enter your company' })
	.trim()
	.min(1, 'Enter your company')
	.max(120, 'Use at most 120 characters')

export const redirectToSchema = z.string().optional()

export const SignupSchema = z.object({
	name: nameSchema,
	email: emailSchema,
	company: companySchema,
	password: passwordSchema,
	redirectTo: redirectToSchema,
})

export const LoginSchema = z.object({
	email: emailSchema,
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
	redirectTo: redirectToSchema,
})

export const ProfileSchema = z.object({
	name: nameSchema,
	company: companySchema,
	bio: z.string().trim().max(1000, 'Use at most 1,000 characters').optional().default(''),
})

export const ChangePasswordSchema = z
	.object({
		currentPassword: z.string({ error: 'Enter your current password' }).min(1).max(200),
		newPassword: passwordSchema,
		confirmPassword: z.string({ error: 'Repeat the new password' }),
	})
	.refine((value) => value.newPassword === value.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The two new passwords differ',
	})

// Any origin would do: only a result on this same origin is kept, and only its path is returned.
const OWN_ORIGIN = 'https://peerpower.invalid'

/**
 * Only same-site paths: an open redirect would let a link send members anywhere after log-in.
 * The value is parsed as a browser would parse it against our origin (which drops tabs and
 * newlines, reads backslashes as slashes and resolves dot segments), and only a path on our own
 * origin is kept. Control characters are refused outright: a browser ignores them, and a
 * Location header cannot carry them.
 */
export function safeRedirect(to: unknown, fallback = '/'): string {
	// eslint-disable-next-line no-control-regex
	if (typeof to !== 'string' || to.length > 2000 || !to.startsWith('/') || /[\u0000-\u001f\u007f]/.test(to)) {
		return fallback
	}
	let url: URL
	try {
		url = new URL(to, OWN_ORIGIN)
	} catch {
		return fallback
	}
	if (url.origin !== OWN_ORIGIN) return fallback
	const path = `${url.pathname}${url.search}${url.hash}`
	// "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
	if (path.startsWith('//')) return fallback
	return path
}
