import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/profile.ts'
import { Avatar } from '#app/components/avatar.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, TextareaField } from '#app/components/ui/field.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import { ProfileSchema } from '#app/modules/auth/schemas.ts'
import { getProfile, updateProfile } from '#app/modules/users/users.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Your profile', 'Settings') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const profile = await getProfile(user.id)
	if (!profile) throw notFound()
	return { profile: { id: profile.id, name: profile.name, company: profile.company, bio: profile.bio } }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const submission = parseWithZod(await request.formData(), { schema: ProfileSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, ProfileSchema) }, { status: 400 })
	await updateProfile(user.id, submission.value)
	return redirectWithToast('/settings/profile', { title: 'Profile saved' })
}

export default function ProfileSettings({ loaderData, actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'profile',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ProfileSchema),
		defaultValue: loaderData.profile,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<main>
			<PageHeader
				title="Your profile"
				description={
					<>
						What members of your groups see. <Link to={`/u/${loaderData.profile.id}`}>View your profile</Link>
					</>
				}
			/>
			<Card>
				<div className="mb-5 flex items-center gap-3">
					<Avatar name={loaderData.profile.name} seed={loaderData.profile.id} size="lg" />
					<p className="text-sm text-slate-600">Your avatar shows your initials.</p>
				</div>
				<Form method="post" className="space-y-4" {...getFormProps(form)}>
					<Field label="Name" errors={fields.name.errors} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} />
					<Field
						label="Company"
						errors={fields.company.errors}
						inputProps={{ ...getInputProps(fields.company, { type: 'text' }), autoComplete: 'organization' }}
					/>
					<TextareaField
						label="About you"
						hint="A few lines: your business, your focus this year. Up to 1,000 characters."
						errors={fields.bio.errors}
						textareaProps={getTextareaProps(fields.bio)}
					/>
					<Button disabled={navigation.state === 'submitting'}>Save profile</Button>
				</Form>
			</Card>
		</main>
	)
}
