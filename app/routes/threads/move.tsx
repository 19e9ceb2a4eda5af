import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/move.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ForumError } from '#app/modules/forums/forum-error.ts'
import { MoveSchema } from '#app/modules/forums/thread-moderation.ts'
import { moveDestinations, moveThread } from '#app/modules/forums/thread-moderation.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle('Move thread', data?.thread.title ?? '') },
]

/** Where a moderator may move a thread: moderators only (for everyone else the page does not exist). */
export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, access } = await requireReadableThread(request, params.threadId)
	if (!access.canModerate) throw notFound()
	const { thread, currentCategoryId, destinations } = await moveDestinations(user, params.threadId)
	return { thread: { id: thread.id, title: thread.title }, currentCategoryId, destinations }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, access } = await requireReadableThread(request, params.threadId)
	if (!access.canModerate) throw notFound()
	const parsed = MoveSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success)
		return data(
			{ error: parsed.error.issues[0]?.message ?? 'Choose where to move the thread.' },
			{ status: 400 },
		)
	try {
		const moved = await moveThread(user, params.threadId, parsed.data.categoryId, context.realtime)
		return redirectWithToast(`/t/${params.threadId}`, {
			title: 'Thread moved',
			description: `It is now in ${moved.place}.`,
		})
	} catch (error) {
		if (error instanceof ForumError) return data({ error: error.message }, { status: error.status })
		throw error
	}
}

export default function MoveThread({ loaderData, actionData }: Route.ComponentProps) {
	const { thread, destinations } = loaderData
	const navigation = useNavigation()
	return (
		<main className="mx-auto max-w-2xl">
			<PageHeader
				title="Move thread"
				description={
					<>
						Move <Link to={`/t/${thread.id}`}>{thread.title}</Link> to another category, or to
						another forum you moderate. Its links keep working; readers who cannot read the new
						forum lose it.
					</>
				}
			/>
			{actionData?.error ? (
				<p
					role="alert"
					className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
				>
					{actionData.error}
				</p>
			) : null}
			{destinations.length === 0 ? (
				<EmptyState title="Nowhere to move it">
					This forum has no other category and you moderate no other forum.{' '}
					<Link to={`/t/${thread.id}`}>Back to the thread</Link>
				</EmptyState>
			) : (
				<Card>
					<Form method="post" className="space-y-4">
						<div className="space-y-1">
							<label htmlFor="move-category" className="block text-sm font-medium text-slate-800">
								Move to
							</label>
							<select
								id="move-category"
								name="categoryId"
								required
								className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
							>
								{destinations.map((forum) => (
									<optgroup key={forum.forumId} label={forum.forumName}>
										{forum.categories.map((category) => (
											<option key={category.id} value={category.id}>
												{`${forum.forumName} › ${category.name}`}
											</option>
										))}
									</optgroup>
								))}
							</select>
						</div>
						<div className="flex items-center gap-3">
							<Button disabled={navigation.state === 'submitting'}>Move thread</Button>
							<Link to={`/t/${thread.id}`}>Cancel</Link>
						</div>
					</Form>
				</Card>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
