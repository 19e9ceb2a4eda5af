import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from 'react-router'
import type { Route } from './+types/new-thread.ts'
import { NewThreadForm } from '#app/components/forum/new-thread-form.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { loadNewThread, postNewThread } from '#app/modules/forums/new-thread.server.ts'
import { NewThreadSchema } from '#app/modules/forums/schemas.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { IDEMPOTENCY_FIELD } from '#app/utils/idempotency.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireForum } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'

// One page for a group's forum (/g/:slug/forum/new) and the community's (/community/new).
export const meta: Route.MetaFunction = ({ data, params }) => [
	{ title: pageTitle('New thread', data?.groupName ?? (params.slug ? 'Group' : 'Community')) },
]

async function requirePoster(request: Request, slug: string | undefined) {
	const found = await requireForum(request, slug)
	if (!found.access.canPost) throw notFound()
	return found
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, groupName, forum, home } = await requirePoster(request, params.slug)
	return { groupName, home, form: await loadNewThread(user, forum.id, new URL(request.url).searchParams) }
}

/** Posts the new thread, or gives the form back with its errors and everything typed. */
export async function action({ request, params, context }: Route.ActionArgs) {
	// Who may post is checked with the write (createThread), which answers with the form.
	const { user, forum } = await requireForum(request, params.slug)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: NewThreadSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, NewThreadSchema) }, { status: 400 })
	const outcome = await postNewThread(user, forum.id, submission.value, formData.get(IDEMPOTENCY_FIELD), context.realtime)
	if ('location' in outcome) return redirect(outcome.location)
	const { message, status } = outcome.refusal
	return data({ result: replyWithin(submission, NewThreadSchema, { formErrors: [message] }) }, { status })
}

export default function NewThread({ loaderData, actionData }: Route.ComponentProps) {
	const { groupName } = loaderData
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader
				title="New thread"
				description={
					groupName === null
						? 'In the community forum, visible to members of every group.'
						: `In ${groupName}’s forum, visible to its members only.`
				}
			/>
			<Card>
				<NewThreadForm {...loaderData.form} lastResult={actionData?.result} cancelHref={loaderData.home} />
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
