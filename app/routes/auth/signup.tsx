import { getFormProps, getInputProps, useForm, type Submission, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/signup.ts'
import { AuthPanel } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { noteSignupAttempt } from '#app/modules/auth/account-notices.server.ts'
import { EmailTakenError, signup, userCount } from '#app/modules/auth/auth.server.ts'
import { requireAnonymous } from '#app/utils/auth.server.ts'
import { attemptSignupForEmail, attemptSignupFromIp, rateLimitMessage } from '#app/modules/auth/rate-limit.server.ts'
import { safeRedirect, SignupSchema } from '#app/modules/auth/schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { passOnHeaders } from '#app/utils/route-headers.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Sign up') }]

// Retry-After on a 429 must reach the client.
export const headers = passOnHeaders

export async function loader({ request }: Route.LoaderArgs) {
	await requireAnonymous(request)
	return { firstAccount: (await userCount()) === 0 }
}

/**
 * Sign-up answers the same whether or not the email already has an account: the same redirect to
 * the log-in page, after the same work (the password is hashed in both cases). Logging a new
 * member straight in would tell the two apart, so nobody is logged in here; the owner of an
 * existing account is told at their next log-in instead. (A requester can still learn it by then
 * logging in with the password they chose, but only by creating a real account under an email
 * that was free; email verification would close that, and PeerPower sends no email yet.)
 * Limits come first: the address's before the form is read, the email's before the hash.
 */
export async function action({ request, context }: Route.ActionArgs) {
	await requireAnonymous(request)
	const fromIp = await attemptSignupFromIp(context.clientIp)
	if (!fromIp.allowed) return refused(fromIp.retryAfterSeconds)

	const submission = parseWithZod(await request.formData(), { schema: SignupSchema })
	if (submission.status !== 'success') {
		return data({ result: replyWithin(submission, SignupSchema, { hideFields: ['password'] }) }, { status: 400 })
	}
	const forEmail = await attemptSignupForEmail(submission.value.email)
	if (!forEmail.allowed) return refused(forEmail.retryAfterSeconds, submission)

	try {
		await signup(submission.value)
	} catch (error) {
		if (!(error instanceof EmailTakenError)) throw error
		await noteSignupAttempt(error.userId)
	}
	const next = safeRedirect(submission.value.redirectTo)
	const params = new URLSearchParams({ signedUp: '1', ...(next === '/' ? {} : { redirectTo: next }) })
	return redirect(`/login?${params}`)
}

function refused(retryAfterSeconds: number, submission?: Submission<unknown>) {
	const message = rateLimitMessage(retryAfterSeconds)
	const result = submission
		? replyWithin(submission, SignupSchema, { formErrors: [message], hideFields: ['password'] })
		: // Refused before the form was read: nothing to give back but the message.
			({ status: 'error', error: { '': [message] } } satisfies SubmissionResult)
	return data({ result }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } })
}

export default function SignupPage({ loaderData, actionData }: Route.ComponentProps) {
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'signup',
		lastResult: actionData?.result,
		constraint: getZodConstraint(SignupSchema),
		defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
		shouldRevalidate: 'onBlur',
	})
	const loginHref = searchParams.get('redirectTo')
		? `/login?${new URLSearchParams({ redirectTo: searchParams.get('redirectTo') ?? '' })}`
		: '/login'
	return (
		<AuthPanel
			title="Create your account"
			intro={
				loaderData.firstAccount ? (
					<p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
						This PeerPower is new. The first account becomes the <strong>site admin</strong>, who creates peer groups.
					</p>
				) : (
					<p>Join your peer group to share plans, lessons and vendor know-how in confidence.</p>
				)
			}
		>
			<Form method="post" className="space-y-4" {...getFormProps(form)}>
				<input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
				<FormErrors errors={form.errors} />
				<Field label="Your name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
				<Field label="Email" errors={fields.email.errors} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} />
				<Field label="Company" errors={fields.company.errors} inputProps={{ ...getInputProps(fields.company, { type: 'text' }), autoComplete: 'organization' }} />
				<Field
					label="Password"
					hint="At least 10 characters."
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
				/>
				<Button className="w-full" disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? 'Creating your account…' : 'Create account'}
				</Button>
			</Form>
			<p className="mt-4 text-center text-sm text-slate-600">
				Already have an account? <Link to={loginHref}>Log in</Link>
			</p>
		</AuthPanel>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
