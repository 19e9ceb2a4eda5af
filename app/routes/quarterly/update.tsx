import { Link } from 'react-router'
import type { Route } from './+types/update.ts'
import { StaleBadge, StatusBadge } from '#app/components/plans/badges.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { canReadSubmission } from '#app/modules/quarterly/access.server.ts'
import { getCycle } from '#app/modules/quarterly/cycles.server.ts'
import { formatDay } from '#app/modules/quarterly/days.ts'
import { linkedLesson } from '#app/modules/quarterly/lesson-links.server.ts'
import { sharedPlanGoals } from '#app/modules/quarterly/plan-status.server.ts'
import { parseQuarter } from '#app/modules/quarterly/quarters.ts'
import { METRIC_UNITS, REVIEW_BLOCKER_LABELS, type Question } from '#app/modules/quarterly/questions.ts'
import { getUpdate } from '#app/modules/quarterly/submissions.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCycle } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data ? `${data.update.name}’s ${data.quarter} update` : 'Update') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, access } = await requireCycle(request, params.slug, params.cycleId)
	const update = await getUpdate(access.cycleId, params.memberId)
	// Someone else's draft, or an update the cycle keeps for the moderators: as if it did not exist.
	if (!update || !canReadSubmission(access, user, update)) throw notFound()
	const cycle = await getCycle(access.cycleId)
	if (!cycle) throw notFound()
	const year = parseQuarter(cycle.quarter)?.year ?? new Date().getUTCFullYear()
	const [lesson, plans] = await Promise.all([linkedLesson(user, update.lessonThreadId), sharedPlanGoals(user, update.memberId, year)])
	return {
		group: { slug: group.slug },
		cycleId: cycle.id,
		quarter: cycle.quarter,
		questions: cycle.questions,
		isOwn: update.memberId === user.id,
		update: {
			name: update.member.name,
			company: update.member.company,
			status: update.status,
			submittedAt: update.submittedAt ? formatDay(update.submittedAt) : null,
			answers: update.answers,
		},
		lesson,
		plans,
	}
}

function answerText(question: Question, value: number | string | undefined): string {
	if (value === undefined || value === '') return 'Not answered'
	if (question.kind === 'metric' && typeof value === 'number') return `${value.toLocaleString('en-US')} ${METRIC_UNITS[question.metric]}`
	if (question.kind === 'blocker') return REVIEW_BLOCKER_LABELS[value as keyof typeof REVIEW_BLOCKER_LABELS] ?? String(value)
	return String(value)
}

export default function UpdatePage({ loaderData }: Route.ComponentProps) {
	const { update, questions, plans, lesson } = loaderData
	const cyclePage = `/g/${loaderData.group.slug}/reviews/${loaderData.cycleId}`
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={cyclePage}>← The {loaderData.quarter} review</Link>
			</p>
			<PageHeader
				title={loaderData.isOwn ? `Your ${loaderData.quarter} update` : `${update.name}’s ${loaderData.quarter} update`}
				description={`${update.company} · ${update.status === 'submitted' ? `submitted ${update.submittedAt}` : 'a draft, not submitted'}`}
			/>
			<Card>
				<dl className="space-y-4">
					{questions.map((question) => (
						<div key={question.id}>
							<dt className="text-sm font-medium text-slate-700">{question.label}</dt>
							<dd className="mt-0.5 whitespace-pre-line text-sm text-slate-900">{answerText(question, update.answers[question.id])}</dd>
						</div>
					))}
					{lesson ? (
						<div>
							<dt className="text-sm font-medium text-slate-700">Lesson learned</dt>
							<dd className="mt-0.5 text-sm">
								<Link to={`/t/${lesson.id}`}>{lesson.title}</Link>
							</dd>
						</div>
					) : null}
				</dl>
			</Card>
			{plans.length > 0 ? (
				<Card>
					<h2 className="font-semibold text-slate-900">Annual plan goals</h2>
					{plans.map((plan) => (
						<ul key={plan.id} className="mt-2 space-y-2" aria-label={plan.title}>
							{plan.goals.map((goal) => (
								<li key={goal.id} className="flex flex-wrap items-center gap-2 text-sm">
									<span className="text-slate-900">{goal.title}</span>
									<StatusBadge status={goal.status} />
									{goal.stale ? <StaleBadge /> : null}
								</li>
							))}
						</ul>
					))}
				</Card>
			) : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
