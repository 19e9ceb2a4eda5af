import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/edit-lesson.ts'
import { LessonFields } from '#app/components/forum/lesson-fields.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { ForumError } from '#app/modules/forums/forum-error.ts'
import { getEditableLesson } from '#app/modules/forums/lessons.server.ts'
import { editLesson } from '#app/modules/forums/posts.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'
import { EditLessonSchema } from '#app/modules/forums/schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { lessonProgramChoices, lessonProgramIds } from '#app/modules/vendors/lessons.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Edit lesson') }]

async function loadLesson(request: Request, threadId: string) {
	const { user, thread, access } = await requireReadableThread(request, threadId)
	const lesson = await getEditableLesson(user, access, thread.id)
	if (!lesson) throw notFound()
	return { user, thread, lesson }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, thread, lesson } = await loadLesson(request, params.threadId)
	const [programs, programIds] = await Promise.all([lessonProgramChoices(user), lessonProgramIds(thread.id)])
	return { threadId: thread.id, lesson, programs, programIds }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, thread } = await loadLesson(request, params.threadId)
	const submission = parseWithZod(await request.formData(), { schema: EditLessonSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, EditLessonSchema) }, { status: 400 })
	try {
		await editLesson(user, thread.id, submission.value, context.realtime)
	} catch (error) {
		if (error instanceof ForumError) return data({ result: replyWithin(submission, EditLessonSchema, { formErrors: [error.message] }) }, { status: error.status })
		throw error
	}
	return redirect(`/t/${thread.id}`)
}

export default function EditLesson({ loaderData, actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const { lesson } = loaderData
	const [form, fields] = useForm({
		id: `edit-lesson-${loaderData.threadId}`,
		lastResult: actionData?.result,
		constraint: getZodConstraint(EditLessonSchema),
		defaultValue: {
			title: lesson.title,
			blocker: lesson.blocker ?? '',
			lessonHappened: lesson.lessonHappened ?? '',
			lessonLearned: lesson.lessonLearned ?? '',
			lessonDifferently: lesson.lessonDifferently ?? '',
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EditLessonSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader title="Edit lesson learned" />
			<Card>
				<Form method="post" className="space-y-4" {...getFormProps(form)}>
					<FormErrors errors={form.errors} />
					<Field label="Title" errors={fields.title.errors} inputProps={getInputProps(fields.title, { type: 'text' })} />
					<LessonFields fields={fields} defaultBlocker={lesson.blocker ?? ''} programs={loaderData.programs} defaultProgramIds={loaderData.programIds} />
					<div className="flex items-center gap-3">
						<Button disabled={navigation.state === 'submitting'}>Save lesson</Button>
						<Link to={`/t/${loaderData.threadId}`} className="text-sm">
							Cancel
						</Link>
					</div>
				</Form>
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
