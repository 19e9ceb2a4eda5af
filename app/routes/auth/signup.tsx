import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/signup.ts'
import { AuthPanel } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { EmailTakenError, requireAnonymous, signup, startSessionAndRedirect, userCount } from '#app/modules/auth/auth.server.ts'
import { consumeAuthAttempt, rateLimitMessage } from '#app/modules/auth/rate-limit.server.ts'
import { safeRedirect, SignupSchema } from '#app/modules/auth/schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { toastHeader } from '#app/utils/toast.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { passOnHeaders } from '#app/utils/route-headers.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Sign up') }]

// Retry-After on a 429 must reach the client.
export const headers = passOnHeaders

export async function loader({ request }: Route.LoaderArgs) {
	await requireAnonymous(request)
	return { firstAccount: (await userCount()) === 0 }
}

export async function action({ request, context }: Route.ActionArgs) {
	await requireAnonymous(request)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: SignupSchema })
	if (submission.status !== 'success') {
		return data({ result: replyWithin(submission, SignupSchema, { hideFields: ['password'] }) }, { status: 400 })
	}
	const { email, redirectTo } = submission.value
	const limit = await consumeAuthAttempt(context.clientIp, email)
	if (!limit.allowed) {
		return data(
			{ result: replyWithin(submission, SignupSchema, { formErrors: [rateLimitMessage(limit.retryAfterSeconds)], hideFields: ['password'] }) },
			{ status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
		)
	}
	try {
		const user = await signup(submission.value)
		const response = await startSessionAndRedirect(request, user.id, context.clientIp, safeRedirect(redirectTo))
		response.headers.append(
			'Set-Cookie',
			await toastHeader(
				user.isSiteAdmin
					? { title: 'Welcome to PeerPower', description: 'You are the site admin: create the first peer group.' }
					: { title: 'Welcome to PeerPower' },
			),
		)
		return response
	} catch (error) {
		if (error instanceof EmailTakenError) {
			return data(
				{
					result: replyWithin(submission, SignupSchema, {
						fieldErrors: { email: ['An account with this email already exists. Log in instead?'] },
						hideFields: ['password'],
					}),
				},
				{ status: 400 },
			)
		}
		throw error
	}
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
