import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/edit-post.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { forumCan } from '#app/modules/forums/permissions.ts'
import { ForumError } from '#app/modules/forums/forum-error.ts'
import { editPost, findPostInThread } from '#app/modules/forums/posts.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'
import { EditPostSchema } from '#app/modules/forums/schemas.ts'
import { pageOfPost } from '#app/modules/forums/threads.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Edit post') }]

async function loadEditable(request: Request, threadId: string, postId: string) {
	const { user, thread, access } = await requireReadableThread(request, threadId)
	const post = await findPostInThread(access, thread.id, postId)
	if (!post || !forumCan.editPost(user, access, post)) throw notFound()
	if (thread.kind === 'lesson' && post.number === 1) throw redirect(`/t/${thread.id}/edit-lesson`)
	return { user, thread, post }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { thread, post } = await loadEditable(request, params.threadId, params.postId)
	return { thread: { id: thread.id, title: thread.title }, post: { id: post.id, number: post.number, body: post.body } }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, thread, post } = await loadEditable(request, params.threadId, params.postId)
	const submission = parseWithZod(await request.formData(), { schema: EditPostSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, EditPostSchema) }, { status: 400 })
	try {
		await editPost(user, post.id, submission.value.body, context.realtime)
	} catch (error) {
		if (error instanceof ForumError) return data({ result: replyWithin(submission, EditPostSchema, { formErrors: [error.message] }) }, { status: error.status })
		throw error
	}
	return redirect(`/t/${thread.id}?page=${pageOfPost(post.number)}#post-${post.number}`)
}

export default function EditPost({ loaderData, actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: `edit-${loaderData.post.id}`,
		lastResult: actionData?.result,
		constraint: getZodConstraint(EditPostSchema),
		defaultValue: { body: loaderData.post.body },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EditPostSchema }),
		shouldRevalidate: 'onInput',
	})
	const back = `/t/${loaderData.thread.id}?post=${loaderData.post.number}`
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader title="Edit post" description={<>In “{loaderData.thread.title}”. Moderators can see earlier versions.</>} />
			<Card>
				<Form method="post" className="space-y-4" {...getFormProps(form)}>
					<FormErrors errors={form.errors} />
					<TextareaField label="Post" errors={fields.body.errors} textareaProps={{ ...getTextareaProps(fields.body), rows: 12 }} />
					<div className="flex items-center gap-3">
						<Button disabled={navigation.state === 'submitting'}>Save changes</Button>
						<Link to={back} className="text-sm">
							Cancel
						</Link>
					</div>
				</Form>
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
