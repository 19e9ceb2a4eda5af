import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useNavigation } from 'react-router'
import type { Route } from './+types/password.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { findLoginAccount } from '#app/modules/auth/auth.server.ts'
import { requireAuth } from '#app/utils/auth.server.ts'
import { rememberDeviceHeader } from '#app/modules/auth/known-devices.server.ts'
import { attemptPasswordCheck, clearPasswordChecks, rateLimitMessage } from '#app/modules/auth/rate-limit.server.ts'
import { ChangePasswordSchema } from '#app/modules/auth/schemas.ts'
import { changePassword } from '#app/modules/users/users.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { passOnHeaders } from '#app/utils/route-headers.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Change password', 'Settings') }]

// Retry-After on a 429 must reach the client.
export const headers = passOnHeaders

const hidden = ['currentPassword', 'newPassword', 'confirmPassword']

export async function loader({ request }: Route.LoaderArgs) {
	await requireAuth(request)
	return null
}

export async function action({ request, context }: Route.ActionArgs) {
	const { user, session } = await requireAuth(request)
	// Checking the current password is a log-in guess made with a (possibly stolen) session: limited
	// per member, before the form is read and the hash checked.
	const check = await attemptPasswordCheck(user.id)
	if (!check.allowed) {
		const result: SubmissionResult = { status: 'error', error: { '': [rateLimitMessage(check.retryAfterSeconds)] } }
		return data({ result }, { status: 429, headers: { 'Retry-After': String(check.retryAfterSeconds) } })
	}
	const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, ChangePasswordSchema, { hideFields: hidden }) }, { status: 400 })
	const outcome = await changePassword(user.id, session.id, submission.value)
	if (!outcome.ok) {
		return data(
			{ result: replyWithin(submission, ChangePasswordSchema, { fieldErrors: { currentPassword: ['That is not your current password'] }, hideFields: hidden }) },
			{ status: 400 },
		)
	}
	await clearPasswordChecks(user.id)
	// The other devices' live connections end with their sessions.
	await context.realtime.disconnectUser(user.id, { exceptSessionId: session.id })
	// The new password forgets every known device (their tags were keyed by the old one); this
	// browser, where the owner just proved they know both, stays known.
	const account = await findLoginAccount(user.email)
	const headers = account ? { 'Set-Cookie': rememberDeviceHeader(request.headers.get('cookie'), account) } : undefined
	return redirectWithToast('/settings/password', {
		title: 'Password changed',
		description:
			outcome.endedSessions > 0
				? `You were logged out everywhere else (${outcome.endedSessions} other session${outcome.endedSessions === 1 ? '' : 's'}).`
				: undefined,
	}, { headers })
}

export default function PasswordSettings({ actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'change-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ChangePasswordSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<main>
			<PageHeader title="Change password" description="Changing your password logs you out on every other device." />
			<Card>
				<Form method="post" className="max-w-md space-y-4" {...getFormProps(form)}>
					<FormErrors errors={form.errors} />
					<Field
						label="Current password"
						errors={fields.currentPassword.errors}
						inputProps={{ ...getInputProps(fields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
					/>
					<Field
						label="New password"
						hint="At least 10 characters."
						errors={fields.newPassword.errors}
						inputProps={{ ...getInputProps(fields.newPassword, { type: 'password' }), autoComplete: 'new-password' }}
					/>
					<Field
						label="Repeat the new password"
						errors={fields.confirmPassword.errors}
						inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
					/>
					<Button disabled={navigation.state === 'submitting'}>Change password</Button>
				</Form>
			</Card>
		</main>
	)
}
