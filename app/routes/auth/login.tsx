import { getFormProps, getInputProps, useForm, type Submission, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/login.ts'
import { AuthPanel } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { takeAccountNotice } from '#app/modules/auth/account-notices.server.ts'
import { findLoginAccount, passwordMatches } from '#app/modules/auth/auth.server.ts'
import { requireAnonymous, startSessionAndRedirect } from '#app/utils/auth.server.ts'
import { isKnownDevice, rememberDeviceHeader } from '#app/modules/auth/known-devices.server.ts'
import {
	accountLimitMessage,
	attemptLoginFromIp,
	attemptLoginOnAccount,
	rateLimitMessage,
} from '#app/modules/auth/rate-limit.server.ts'
import { LoginSchema, safeRedirect } from '#app/modules/auth/schemas.ts'
import { activeSuspension } from '#app/modules/moderation/suspensions.server.ts'
import { suspensionMessage } from '#app/modules/moderation/suspension-schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { destinationAfterLogin } from '#app/utils/invitation-redirect.server.ts'
import { toastHeader } from '#app/utils/toast.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { passOnHeaders } from '#app/utils/route-headers.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Log in') }]

// Retry-After on a 429 must reach the client.
export const headers = passOnHeaders

export async function loader({ request }: Route.LoaderArgs) {
	await requireAnonymous(request)
	return null
}

// The order is the point: each step is cheaper than the one it guards. The address's limit comes
// before the form is read, the account's before the password hash is checked.
export async function action({ request, context }: Route.ActionArgs) {
	await requireAnonymous(request)
	const fromIp = await attemptLoginFromIp(context.clientIp)
	if (!fromIp.allowed) return refused(rateLimitMessage(fromIp.retryAfterSeconds), fromIp.retryAfterSeconds)

	const submission = parseWithZod(await request.formData(), { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: replyWithin(submission, LoginSchema, { hideFields: ['password'] }) }, { status: 400 })
	}
	const { email, password, redirectTo } = submission.value
	const cookieHeader = request.headers.get('cookie')
	const account = await findLoginAccount(email)
	// Unknown emails are counted like accounts, so the limit does not tell which emails have one.
	const knownDevice = account !== null && isKnownDevice(cookieHeader, account)
	const onAccount = knownDevice ? null : await attemptLoginOnAccount(email)
	if (onAccount && !onAccount.allowed) {
		return refused(accountLimitMessage(onAccount.retryAfterSeconds), onAccount.retryAfterSeconds, submission)
	}

	// Checked (or its time spent) for a missing account too, so timing does not tell them apart.
	const matches = await passwordMatches(account, password)
	if (!account || !matches) {
		return data(
			{ result: replyWithin(submission, LoginSchema, { formErrors: ['That email and password don’t match an account.'], hideFields: ['password'] }) },
			{ status: 400 },
		)
	}
	// Successful log-ins never count against a limit: a peer group may log in from one office.
	await Promise.all([fromIp.refund(), onAccount?.refund()])
	// Told only once the password is right, so a stranger learns nothing about the account.
	const suspension = await activeSuspension(account.id)
	if (suspension) {
		return data(
			{ result: replyWithin(submission, LoginSchema, { formErrors: [suspensionMessage(suspension)], hideFields: ['password'] }) },
			{ status: 403 },
		)
	}
	const destination = await destinationAfterLogin(safeRedirect(redirectTo), account.id)
	const response = await startSessionAndRedirect(request, account.id, context.clientIp, destination.to)
	response.headers.append('Set-Cookie', rememberDeviceHeader(cookieHeader, account))
	const notice = await takeAccountNotice(account.id)
	if (notice) response.headers.append('Set-Cookie', await toastHeader({ type: 'info', ...notice }))
	else if (destination.welcome) response.headers.append('Set-Cookie', await toastHeader({ title: destination.welcome }))
	return response
}

function refused(message: string, retryAfterSeconds: number, submission?: Submission<unknown>) {
	const result = submission
		? replyWithin(submission, LoginSchema, { formErrors: [message], hideFields: ['password'] })
		: // Refused before the form was read: nothing to give back but the message.
			({ status: 'error', error: { '': [message] } } satisfies SubmissionResult)
	return data({ result }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } })
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
	// Sign-up lands here whether or not the email was new (see signup.tsx), so this says nothing
	// that would differ between the two.
	const signedUp = searchParams.get('signedUp') === '1'
	return (
		<AuthPanel
			title="Log in to PeerPower"
			intro={
				signedUp ? (
					<p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
						<strong>Thanks for signing up.</strong> Log in with your email and the password you just chose to continue. If
						this email already had a PeerPower account, nothing about it has changed: use its existing password.
					</p>
				) : null
			}
		>
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
			<details className="mt-4 text-sm text-slate-600">
				<summary className="cursor-pointer text-brand-700">Forgot your password?</summary>
				<p className="mt-2">
					PeerPower cannot send password-reset emails yet: ask your site admin for help. If you were refused after
					too many failed attempts, that only holds back devices that never logged in to your account: a browser you
					have logged in from before still gets in, and new devices can try again after the wait shown.
				</p>
			</details>
			<p className="mt-4 text-center text-sm text-slate-600">
				New here? <Link to={signupHref}>Create an account</Link>
			</p>
		</AuthPanel>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
