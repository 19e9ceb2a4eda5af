import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/login.ts'
import { AuthPanel } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { requireAnonymous, startSessionAndRedirect, verifyLogin } from '#app/modules/auth/auth.server.ts'
import { consumeAuthAttempt, rateLimitMessage, resetAccountAttempts } from '#app/modules/auth/rate-limit.server.ts'
import { LoginSchema, safeRedirect } from '#app/modules/auth/schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { passOnHeaders } from '#app/utils/route-headers.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Log in') }]

// Retry-After on a 429 must reach the client.
export const headers = passOnHeaders

export async function loader({ request }: Route.LoaderArgs) {
	await requireAnonymous(request)
	return null
}

export async function action({ request, context }: Route.ActionArgs) {
	await requireAnonymous(request)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: replyWithin(submission, LoginSchema, { hideFields: ['password'] }) }, { status: 400 })
	}
	const { email, password, redirectTo } = submission.value
	const limit = await consumeAuthAttempt(context.clientIp, email)
	if (!limit.allowed) {
		return data(
			{ result: replyWithin(submission, LoginSchema, { formErrors: [rateLimitMessage(limit.retryAfterSeconds)], hideFields: ['password'] }) },
			{ status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
		)
	}
	const user = await verifyLogin(email, password)
	if (!user) {
		return data(
			{ result: replyWithin(submission, LoginSchema, { formErrors: ['That email and password don’t match an account.'], hideFields: ['password'] }) },
			{ status: 400 },
		)
	}
	await resetAccountAttempts(email)
	return startSessionAndRedirect(request, user.id, context.clientIp, safeRedirect(redirectTo))
}

export default function LoginPage({ actionData }: Route.ComponentProps) {
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(LoginSchema),
		defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
		shouldRevalidate: 'onBlur',
	})
	const signupHref = searchParams.get('redirectTo')
		? `/signup?${new URLSearchParams({ redirectTo: searchParams.get('redirectTo') ?? '' })}`
		: '/signup'
	return (
		<AuthPanel title="Log in to PeerPower">
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
				<FormErrors errors={form.errors} />
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
				<Field
					label="Password"
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
				/>
				<Button className="w-full" disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? 'Logging in…' : 'Log in'}
				</Button>
			</Form>
			<p className="mt-4 text-center text-sm text-slate-600">
				New here? <Link to={signupHref}>Create an account</Link>
			</p>
		</AuthPanel>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
