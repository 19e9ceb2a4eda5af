import { Link } from 'react-router'
import type { Route } from './+types/deadlines.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { catalogueViewer } from '#app/modules/vendors/access.server.ts'
import { deadlinesInMonth, followsAny } from '#app/modules/vendors/calendar.server.ts'
import {
	addMonths,
	daysLeftText,
	formatDay,
	monthLabel,
	monthOf,
	monthParam,
	parseMonth,
} from '#app/modules/vendors/program-dates.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'

// "Deadlines this month" across the programs the member follows, a month at a time
// (?month=2026-12; anything else shows this month). Only programs they may still see.

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Deadlines, ${data.monthLabel}` : 'Deadlines', 'Vendor programs') },
]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	// The catalogue is the community's: someone in no group gets 404, as on the catalogue.
	if (!(await catalogueViewer(user))) throw notFound()
	const now = new Date()
	const month = parseMonth(new URL(request.url).searchParams.get('month')) ?? monthOf(now)
	const [deadlines, following] = await Promise.all([
		deadlinesInMonth(user, month, now),
		followsAny(user.id),
	])
	const days = new Map<string, typeof deadlines>()
	for (const deadline of deadlines) {
		const day = deadline.on.toISOString().slice(0, 10)
		days.set(day, [...(days.get(day) ?? []), deadline])
	}
	return {
		month: monthParam(month),
		monthLabel: monthLabel(month),
		isThisMonth: monthParam(month) === monthParam(monthOf(now)),
		previous: monthParam(addMonths(month, -1)),
		next: monthParam(addMonths(month, 1)),
		following,
		days: [...days].map(([day, rows]) => ({
			day,
			label: formatDay(new Date(`${day}T00:00:00Z`)),
			deadlines: rows.map((row) => ({
				programId: row.programId,
				programName: row.programName,
				vendorName: row.vendorName,
				key: row.key,
				label: row.label,
				daysLeft: row.daysLeft,
				when: daysLeftText(row.daysLeft),
			})),
		})),
	}
}

export default function DeadlinesPage({ loaderData }: Route.ComponentProps) {
	const { days, monthLabel, previous, next, following, isThisMonth } = loaderData
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<PageHeader
				title={isThisMonth ? 'Deadlines this month' : `Deadlines in ${monthLabel}`}
				description="When enrollment opens and closes, claim windows and proof of performance, for the programs you follow."
				actions={
					<Link to="/settings/calendar" className={buttonClasses('secondary', 'sm')}>
						Add to your calendar
					</Link>
				}
			/>
			<nav aria-label="Months" className="flex items-center justify-between gap-2">
				<Link
					to={`/programs/deadlines?month=${previous}`}
					className={buttonClasses('ghost', 'sm')}
					rel="prev"
				>
					← Previous month
				</Link>
				<h2 className="text-lg font-semibold text-slate-900" aria-live="polite">
					{monthLabel}
				</h2>
				<Link
					to={`/programs/deadlines?month=${next}`}
					className={buttonClasses('ghost', 'sm')}
					rel="next"
				>
					Next month →
				</Link>
			</nav>
			{days.length === 0 ? (
				<EmptyState
					title={following ? `No deadlines in ${monthLabel}` : 'You follow no programs yet'}
				>
					{following ? (
						<p>
							None of the programs you follow has a date this month. Look at the next month, or{' '}
							<Link to="/programs">find more programs to follow</Link>.
						</p>
					) : (
						<p>
							Open a program in the <Link to="/programs">vendor programs</Link> and choose “Follow”:
							its deadlines show here, you are told 14 and 2 days before each, and they can go in
							your calendar.
						</p>
					)}
				</EmptyState>
			) : (
				<div className="space-y-4" data-testid="deadline-days">
					{days.map((day) => (
						<Card key={day.day} className="p-0">
							<h3 className="border-b border-slate-100 px-5 py-2 text-sm font-semibold text-slate-700">
								<time dateTime={day.day}>{day.label}</time>
							</h3>
							<ul className="divide-y divide-slate-100">
								{day.deadlines.map((row) => (
									<li
										key={`${row.programId}-${row.key}`}
										className="flex flex-wrap items-baseline justify-between gap-2 px-5 py-3"
									>
										<span>
											<Link to={`/programs/${row.programId}`} className="font-medium">
												{row.programName}
											</Link>{' '}
											<span className="text-sm text-slate-600">· {row.vendorName}</span>
											<span className="block text-sm text-slate-700">{row.label}</span>
										</span>
										<span
											className={cn(
												'text-sm',
												row.daysLeft < 0
													? 'text-slate-500'
													: row.daysLeft <= 2
														? 'font-medium text-red-700'
														: row.daysLeft <= 14
															? 'text-amber-700'
															: 'text-slate-600',
											)}
										>
											{row.when}
										</span>
									</li>
								))}
							</ul>
						</Card>
					))}
				</div>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
