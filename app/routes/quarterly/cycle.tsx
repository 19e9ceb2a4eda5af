import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, type ShouldRevalidateFunctionArgs } from 'react-router'
import type { Route } from './+types/cycle.ts'
import { StaleBadge, StatusBadge } from '#app/components/plans/badges.tsx'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { PhaseBadge } from '#app/components/quarterly/phase-badge.tsx'
import { UpdateForm } from '#app/components/quarterly/update-form.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { closeCycleNow, getCycle, openCycleNow } from '#app/modules/quarterly/cycles.server.ts'
import { setMeetingDay } from '#app/modules/quarterly/meeting-day.server.ts'
import { formatDay } from '#app/modules/quarterly/days.ts'
import { lessonChoices } from '#app/modules/quarterly/lesson-links.server.ts'
import { acceptsUpdates, cyclePhase } from '#app/modules/quarterly/lifecycle.ts'
import { sharedPlanGoals } from '#app/modules/quarterly/plan-status.server.ts'
import { QuarterlyError } from '#app/modules/quarterly/quarterly-error.ts'
import { parseQuarter } from '#app/modules/quarterly/quarters.ts'
import { MeetingDaySchema, updateSchema, VISIBILITY_LABELS } from '#app/modules/quarterly/schemas.ts'
import { getOwnUpdate, listReadableUpdates, saveUpdate } from '#app/modules/quarterly/submissions.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCycle, requireCycleModerator } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { CycleNav } from '#app/components/quarterly/cycle-nav.tsx'
import { MeetingDayForm } from '#app/components/quarterly/meeting-day-form.tsx'
import { refuse, refuseWith } from './form-reply.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data ? `The ${data.cycle.quarter} review` : 'Review', data?.group.name ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, access } = await requireCycle(request, params.slug, params.cycleId)
	const cycle = await getCycle(access.cycleId)
	if (!cycle) throw notFound()
	const now = new Date()
	const open = acceptsUpdates(cycle, now)
	const year = parseQuarter(cycle.quarter)?.year ?? now.getUTCFullYear()
	const [own, updates, lessons, plans] = await Promise.all([
		getOwnUpdate(cycle.id, user.id),
		listReadableUpdates(access, user),
		open ? lessonChoices(user, group.id, cycle.quarter) : Promise.resolve([]),
		cycle.status === 'draft' ? Promise.resolve([]) : sharedPlanGoals(user, user.id, year, now),
	])
	return {
		viewerId: user.id,
		group: { slug: group.slug, name: group.name },
		canManage: access.canManage,
		canReadOthers: access.canReadOthers,
		cycle: {
			id: cycle.id,
			quarter: cycle.quarter,
			status: cycle.status,
			phase: cyclePhase(cycle, now),
			acceptsUpdates: open,
			opensOn: formatDay(cycle.opensOn),
			dueOn: formatDay(cycle.dueOn),
			visibility: cycle.visibility,
			questions: cycle.questions,
			meeting: {
				on: cycle.meetingOn ? isoDay(cycle.meetingOn) : null,
				onText: cycle.meetingOn ? formatDay(cycle.meetingOn) : null,
				place: cycle.meetingPlace,
				// Moderators set the day until the meeting has ended.
				canSchedule: access.canManage && cycle.meetingStatus !== 'ended',
			},
		},
		own: own ? { status: own.status, answers: own.answers, lessonThreadId: own.lessonThreadId, updatedAt: own.updatedAt.toISOString() } : null,
		updates: updates.map((update) => ({ memberId: update.memberId, name: update.member.name, company: update.member.company, status: update.status, submittedAt: update.submittedAt ? formatDay(update.submittedAt) : null })),
		lessons: lessons.map((lesson) => ({ id: lesson.id, title: lesson.title })),
		plans,
	}
}

// The autosave posts to the draft route with a fetcher: the page's data need not reload for it.
export function shouldRevalidate({ formAction, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
	if (formAction?.endsWith('/draft')) return false
	return defaultShouldRevalidate
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'open' || intent === 'close') {
		const { user, group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
		try {
			if (intent === 'open') await openCycleNow(access.cycleId, { now: new Date(), actorId: user.id, realtime: context.realtime })
			else await closeCycleNow(access.cycleId, { now: new Date() })
		} catch (error) {
			if (error instanceof QuarterlyError) return refuseWith(intent, error.message)
			throw error
		}
		return redirectWithToast(`/g/${group.slug}/reviews/${access.cycleId}`, intent === 'open' ? { title: 'The cycle is open', description: 'Members have been notified.' } : { title: 'The cycle is closed' })
	}
	if (intent === 'meeting-day') {
		const { user, group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
		const submission = parseWithZod(formData, { schema: MeetingDaySchema })
		if (submission.status !== 'success') return refuse(intent, submission, MeetingDaySchema)
		try {
			const change = await setMeetingDay(access.cycleId, submission.value, { now: new Date(), actorId: user.id, realtime: context.realtime })
			const title = change === 'cleared' ? 'The meeting day is cleared' : change === 'unchanged' ? 'Nothing changed' : 'The meeting day is saved'
			// A draft is the moderators' alone: its members read the day once it opens.
			const told = access.status === 'draft' ? 'The other moderators have been notified.' : 'The members have been notified.'
			const description = change === 'set' || change === 'moved' ? told : undefined
			return redirectWithToast(`/g/${group.slug}/reviews/${access.cycleId}`, { title, description })
		} catch (error) {
			if (error instanceof QuarterlyError) return refuse(intent, submission, MeetingDaySchema, error)
			throw error
		}
	}
	if (intent === 'save-draft' || intent === 'submit') {
		const { user, group, access } = await requireCycle(request, params.slug, params.cycleId)
		const cycle = await getCycle(access.cycleId)
		if (!cycle) throw notFound()
		const mode = intent === 'submit' ? 'submit' : 'draft'
		const schema = updateSchema(cycle.questions, mode)
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return refuse(intent, submission, schema)
		try {
			const saved = await saveUpdate({ cycleId: cycle.id, memberId: user.id, input: submission.value, mode, now: new Date(), realtime: context.realtime })
			return redirectWithToast(`/g/${group.slug}/reviews/${cycle.id}`, { title: mode === 'draft' ? 'Draft saved' : saved.status === 'submitted' ? 'Update submitted' : 'Update saved' })
		} catch (error) {
			if (error instanceof QuarterlyError) return refuse(intent, submission, schema, error)
			throw error
		}
	}
	return refuseWith(intent, 'That request was not understood')
}

export default function CyclePage({ loaderData, actionData }: Route.ComponentProps) {
	const { group, cycle, own, updates, plans } = loaderData
	const base = `/g/${group.slug}/reviews/${cycle.id}`
	const buttonError = actionData && !actionData.result ? actionData.error : null
	const meetingReply = actionData?.intent === 'meeting-day' ? actionData.result : undefined
	const updateReply = actionData?.intent === 'submit' || actionData?.intent === 'save-draft' ? actionData.result : undefined
	return (
		<main className="space-y-6">
			<p className="text-sm">
				<Link to={`/g/${group.slug}/reviews`}>← Quarterly reviews</Link>
			</p>
			<PageHeader
				title={`The ${cycle.quarter} review`}
				description={
					<span className="flex flex-wrap items-center gap-2">
						<PhaseBadge phase={cycle.phase} /> Opens {cycle.opensOn}, due {cycle.dueOn}.
						{cycle.meeting.onText ? ` The group meets on ${cycle.meeting.onText}${cycle.meeting.place ? `, ${cycle.meeting.place}` : ''}.` : null}
					</span>
				}
			/>
			{cycle.status !== 'draft' ? <CycleNav slug={group.slug} cycleId={cycle.id} canManage={loaderData.canManage} /> : null}
			{buttonError ? <FormErrors errors={[buttonError]} /> : null}
			{loaderData.canManage ? (
				<Card className="space-y-3">
					<h2 className="font-semibold text-slate-900">Cycle settings</h2>
					<dl className="grid gap-3 text-sm sm:grid-cols-3">
						<div>
							<dt className="text-slate-500">Readers</dt>
							<dd className="text-slate-900">{VISIBILITY_LABELS[cycle.visibility]}</dd>
						</div>
						<div>
							<dt className="text-slate-500">Questions</dt>
							<dd className="text-slate-900">{cycle.questions.length}</dd>
						</div>
						<div>
							<dt className="text-slate-500">Status</dt>
							<dd className="text-slate-900">
								{cycle.status === 'draft' ? `Draft: it opens by itself on ${cycle.opensOn}` : cycle.status === 'open' ? `Open: it closes by itself after ${cycle.dueOn}` : 'Closed'}
							</dd>
						</div>
					</dl>
					{cycle.meeting.canSchedule ? (
						<MeetingDayForm key={`${cycle.meeting.on}:${cycle.meeting.place}`} meetingOn={cycle.meeting.on} meetingPlace={cycle.meeting.place} lastResult={meetingReply} />
					) : null}
					<div className="flex flex-wrap gap-2">
						{cycle.status === 'draft' ? (
							<>
								<Link to={`${base}/edit`} className={buttonClasses('secondary')}>
									Edit dates and questions
								</Link>
								<Form method="post">
									<input type="hidden" name="intent" value="open" />
									<Button>Open the cycle now</Button>
								</Form>
							</>
						) : null}
						{cycle.status === 'open' ? (
							<Form method="post">
								<input type="hidden" name="intent" value="close" />
								<Button variant="secondary">Close the cycle now</Button>
							</Form>
						) : null}
					</div>
				</Card>
			) : null}
			{cycle.status === 'draft' ? null : (
				<div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
					<Card className="space-y-4">
						<h2 className="font-semibold text-slate-900">Your update</h2>
						{cycle.acceptsUpdates ? (
							<>
								<p className="text-sm text-slate-600">
									{own?.status === 'submitted'
										? `Submitted. You can change it until the end of ${cycle.dueOn}.`
										: 'Your draft is saved as you type; only you can read it until you submit.'}
								</p>
								<UpdateForm
									key={own?.updatedAt ?? 'new'}
									cycleId={cycle.id}
									draftAction={`${base}/draft`}
									questions={cycle.questions}
									answers={own?.answers ?? {}}
									lessonThreadId={own?.lessonThreadId ?? null}
									lessons={loaderData.lessons}
									submitted={own?.status === 'submitted'}
									lastResult={updateReply}
								/>
							</>
						) : own ? (
							<p className="text-sm text-slate-600">
								The cycle is closed.{' '}
								<Link to={`${base}/updates/${loaderData.viewerId}`}>Read your {own.status === 'submitted' ? 'update' : 'unsubmitted draft'}</Link>.
							</p>
						) : (
							<p className="text-sm text-slate-600">The cycle is closed; you did not write an update for it.</p>
						)}
					</Card>
					<aside className="space-y-6">
						<Card>
							<h2 className="font-semibold text-slate-900">Your plan’s goals</h2>
							{plans.length === 0 ? (
								<p className="mt-2 text-sm text-slate-600">
									When you share your annual plan with your moderators, its goals’ latest status shows here. <Link to="/plans">Your plans</Link>
								</p>
							) : (
								plans.map((plan) => (
									<div key={plan.id} className="mt-3">
										<p className="text-sm font-medium text-slate-700">
											<Link to={`/plans/${plan.id}`}>{plan.title}</Link>
										</p>
										<ul className="mt-2 space-y-2">
											{plan.goals.map((goal) => (
												<li key={goal.id} className="text-sm">
													<p className="text-slate-900">{goal.title}</p>
													<p className="mt-0.5 flex flex-wrap gap-1">
														<StatusBadge status={goal.status} />
														{goal.stale ? <StaleBadge /> : null}
													</p>
												</li>
											))}
										</ul>
									</div>
								))
							)}
						</Card>
						<Card>
							<h2 className="font-semibold text-slate-900">Updates you can read</h2>
							{updates.length === 0 ? (
								<p className="mt-2 text-sm text-slate-600">
									{loaderData.canReadOthers ? 'No update submitted yet.' : 'Only the moderators read the members’ updates in this cycle.'}
								</p>
							) : (
								<ul className="mt-2 space-y-2" aria-label="Updates">
									{updates.map((update) => (
										<li key={update.memberId} className="text-sm">
											<Link to={`${base}/updates/${update.memberId}`}>
												{update.name}
												{update.memberId === loaderData.viewerId ? ' (you)' : ''}
											</Link>
											<span className="text-slate-500"> · {update.status === 'submitted' ? `submitted ${update.submittedAt}` : 'draft'}</span>
										</li>
									))}
								</ul>
							)}
						</Card>
					</aside>
				</div>
			)}
			{cycle.status === 'draft' && !loaderData.canManage ? <EmptyState title="This cycle is not open yet" /> : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
