import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, useRevalidator } from 'react-router'
import type { Route } from './+types/check-in.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { usePlanRooms } from '#app/components/realtime.tsx'
import { DateTime, RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'
import { COMMENT_MAX, CommentSchema, ReviewSchema, VERDICT_LABELS, type Verdict } from '#app/modules/plans/buddies.ts'
import { checkInView, commentOnCheckIn, reviewCheckIn } from '#app/modules/plans/reviews.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data ? `Check-in: ${data.checkIn.goal.title}` : 'Check-in') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const view = await checkInView(user, params.planId, params.checkInId)
	if (!view) throw notFound()
	return view
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	const here = `/plans/${params.planId}/check-ins/${params.checkInId}`
	// Who may act is the module's answer; first, whether the viewer may see this check-in at all.
	const view = await checkInView(user, params.planId, params.checkInId)
	if (!view) throw notFound()
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'review') {
		if (!view.can.review) throw notFound()
		const submission = parseWithZod(formData, { schema: ReviewSchema })
		if (submission.status !== 'success') return data({ review: replyWithin(submission, ReviewSchema), comment: null }, { status: 400 })
		const done = await reviewCheckIn(user, { planId: params.planId, checkInId: params.checkInId, ...submission.value }, context.realtime)
		if (!done) throw notFound()
		return redirectWithToast(here, { title: submission.value.verdict === 'confirmed' ? 'Progress confirmed' : 'Noted: you would like to talk' })
	}
	if (intent === 'comment') {
		if (!view.can.comment) throw notFound()
		const submission = parseWithZod(formData, { schema: CommentSchema })
		if (submission.status !== 'success') return data({ review: null, comment: replyWithin(submission, CommentSchema) }, { status: 400 })
		const done = await commentOnCheckIn(user, { planId: params.planId, checkInId: params.checkInId, body: submission.value.body }, context.realtime)
		if (!done) throw notFound()
		return redirectWithToast(`${here}#comments`, { title: 'Comment posted' })
	}
	// Only a forged or outdated form gets here.
	throw new Response('This page has no such form', { status: 400 })
}

const STATUS_LABELS: Record<string, string> = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', done: 'Done' }

export default function CheckInPage({ loaderData, actionData }: Route.ComponentProps) {
	const { checkIn, role, can, ownVerdict } = loaderData
	const { goal } = checkIn
	const plan = goal.plan
	const navigation = useNavigation()
	const revalidator = useRevalidator()
	usePlanRooms([plan.id], ['plan:review', 'plan:comment'], () => void revalidator.revalidate())
	const [reviewForm, reviewFields] = useForm({
		id: 'review',
		lastResult: actionData?.review,
		constraint: getZodConstraint(ReviewSchema),
		defaultValue: { verdict: ownVerdict?.verdict ?? '', note: ownVerdict?.note ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
		shouldRevalidate: 'onInput',
	})
	const [commentForm, commentFields] = useForm({
		id: 'comment',
		lastResult: actionData?.comment,
		constraint: getZodConstraint(CommentSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CommentSchema }),
		shouldRevalidate: 'onBlur',
	})
	const busy = navigation.state === 'submitting'
	const owner = role === 'owner' ? 'Your' : `${plan.owner.name}’s`
	const value =
		goal.measure === 'number' && checkIn.value !== null
			? `${checkIn.value}${goal.unit ? ` ${goal.unit}` : ''}${goal.targetValue !== null ? ` of ${goal.targetValue}${goal.unit ? ` ${goal.unit}` : ''}` : ''}`
			: checkIn.done
				? 'Done'
				: 'Not done yet'
	const confirmedBy = checkIn.reviews.filter((review) => review.verdict === 'confirmed')
	return (
		<main className="mx-auto max-w-3xl">
			<p className="mb-2 text-sm">
				<Link to={`/plans/${plan.id}/goals/${goal.id}`}>← {goal.title}</Link>
				{role === 'buddy' ? (
					<>
						{' · '}
						<Link to="/buddies">Buddies</Link>
					</>
				) : null}
			</p>
			<PageHeader title={`Check-in: ${goal.title}`} description={`${owner} ${plan.year} plan`} />
			<Card>
				<dl className="grid gap-3 text-sm sm:grid-cols-3">
					<div>
						<dt className="text-slate-500">Where it stands</dt>
						<dd className="font-medium">{value}</dd>
					</div>
					<div>
						<dt className="text-slate-500">Status</dt>
						<dd className="font-medium">{STATUS_LABELS[checkIn.status] ?? checkIn.status}</dd>
					</div>
					<div>
						<dt className="text-slate-500">Checked in</dt>
						<dd className="font-medium">
							<DateTime date={checkIn.checkedAt} pattern="d MMM yyyy" />
						</dd>
					</div>
				</dl>
				{checkIn.note ? <p className="mt-4 whitespace-pre-line text-slate-800">{checkIn.note}</p> : null}
			</Card>

			<Card className="mt-6">
				<h2 className="font-semibold">Buddies’ verdicts</h2>
				{checkIn.reviews.length === 0 ? (
					<p className="mt-2 text-sm text-slate-600">No buddy has reviewed this check-in yet.</p>
				) : (
					<>
						<p className="mt-2 text-sm text-slate-700">
							{confirmedBy.length > 0
								? `Progress confirmed by ${confirmedBy.map((review) => review.buddy.name).join(', ')}.`
								: 'Nobody has confirmed this progress yet.'}
						</p>
						<ul className="mt-3 space-y-2 text-sm">
							{checkIn.reviews.map((review) => (
								<li key={review.buddyId}>
									<span className="font-medium">{review.buddy.name}</span>: {VERDICT_LABELS[review.verdict as Verdict] ?? review.verdict}
									{review.note ? <span className="text-slate-700"> · “{review.note}”</span> : null}
								</li>
							))}
						</ul>
					</>
				)}
				{can.review ? (
					<Form method="post" className="mt-4 space-y-3 border-t border-slate-100 pt-4" {...getFormProps(reviewForm)}>
						<input type="hidden" name="intent" value="review" />
						<fieldset>
							<legend className="text-sm font-medium">{ownVerdict ? 'Change your verdict' : 'Your verdict'}</legend>
							<div className="mt-1 flex gap-4 text-sm">
								{(['confirmed', 'talk'] as const).map((verdict) => (
									<label key={verdict} className="flex items-center gap-2">
										<input
											type="radio"
											name={reviewFields.verdict.name}
											value={verdict}
											defaultChecked={reviewFields.verdict.initialValue === verdict}
										/>
										{VERDICT_LABELS[verdict]}
									</label>
								))}
							</div>
							<ErrorList id={reviewFields.verdict.errorId} errors={reviewFields.verdict.errors} />
						</fieldset>
						<div>
							<label htmlFor={reviewFields.note.id} className="block text-sm font-medium">
								What would you like to talk about? <span className="font-normal text-slate-500">(needed for “let’s talk”)</span>
							</label>
							<textarea
								{...getTextareaProps(reviewFields.note)}
								key={reviewFields.note.key}
								rows={2}
								className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
							/>
							<ErrorList id={reviewFields.note.errorId} errors={reviewFields.note.errors} />
						</div>
						<Button disabled={busy}>Save verdict</Button>
					</Form>
				) : null}
			</Card>

			<Card className="mt-6">
				<h2 id="comments" className="font-semibold">
					Comments
				</h2>
				{checkIn.comments.length === 0 ? (
					<div className="mt-3">
						<EmptyState title="No comments yet">{can.comment ? 'Start the conversation below.' : null}</EmptyState>
					</div>
				) : (
					<ul className="mt-3 space-y-3">
						{checkIn.comments.map((comment) => (
							<li key={comment.id} className="text-sm">
								<p className="text-slate-500">
									<span className="font-medium text-slate-800">{comment.author.name}</span> · <RelativeTime date={comment.createdAt} />
								</p>
								<p className="whitespace-pre-line">{comment.body}</p>
							</li>
						))}
					</ul>
				)}
				{can.comment ? (
					<Form method="post" className="mt-4 space-y-3 border-t border-slate-100 pt-4" {...getFormProps(commentForm)}>
						<input type="hidden" name="intent" value="comment" />
						<div>
							<label htmlFor={commentFields.body.id} className="block text-sm font-medium">
								Add a comment <span className="font-normal text-slate-500">(up to {COMMENT_MAX.toLocaleString('en')} characters)</span>
							</label>
							<textarea
								{...getTextareaProps(commentFields.body)}
								key={commentFields.body.key}
								rows={3}
								className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
							/>
							<ErrorList id={commentFields.body.errorId} errors={commentFields.body.errors} />
						</div>
						<Button disabled={busy}>Post comment</Button>
					</Form>
				) : null}
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
