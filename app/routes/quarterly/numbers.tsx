import { Link } from 'react-router'
import type { Route } from './+types/numbers.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { CycleNav } from '#app/components/quarterly/cycle-nav.tsx'
import { MetricHistoryChart } from '#app/components/quarterly/metric-history-chart.tsx'
import { cycleNumbers } from '#app/modules/quarterly/numbers.server.ts'
import {
	formatChange,
	formatMetric,
	MIN_FIGURES_FOR_QUARTILES,
	STANDING_LABELS,
} from '#app/modules/quarterly/numbers.ts'
import { METRIC_LABELS } from '#app/modules/quarterly/questions.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCycle } from '#app/utils/permissions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Key numbers, ${data.numbers.quarter}` : 'Key numbers', data?.group.name ?? 'Group') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, access } = await requireCycle(request, params.slug, params.cycleId)
	const numbers = await cycleNumbers(user, access)
	return { group: { slug: group.slug, name: group.name }, cycleId: access.cycleId, canManage: access.canManage, numbers }
}

const updates = (count: number) => `${count} submitted ${count === 1 ? 'update' : 'updates'}`

export default function CycleNumbers({ loaderData }: Route.ComponentProps) {
	const { group, cycleId, canManage, numbers } = loaderData
	const { metrics, mine, table, history } = numbers
	return (
		<main className="mx-auto max-w-5xl space-y-6">
			<div>
				<p className="mb-2 text-sm">
					<Link to={`/g/${group.slug}/reviews`}>← {group.name}’s reviews</Link>
				</p>
				<PageHeader
					title={`Key numbers, ${numbers.quarter}`}
					description={`Drawn from ${updates(numbers.submittedCount)}: drafts do not count.`}
				/>
				<CycleNav slug={group.slug} cycleId={cycleId} canManage={canManage} />
			</div>

			{metrics.length === 0 ? (
				<EmptyState title="This cycle asks for no key numbers">Its questions are all written answers.</EmptyState>
			) : numbers.submittedCount === 0 ? (
				<EmptyState title="No update submitted yet">
					The numbers appear here as members submit.{' '}
					<Link to={`/g/${group.slug}/reviews/${cycleId}`}>{canManage ? 'Back to the cycle' : 'Send your update'}</Link>
				</EmptyState>
			) : (
				<>
					<Card>
						<h2 className="font-semibold text-slate-900">Where you stand</h2>
						<p className="mt-1 text-sm text-slate-600">
							The group’s quartiles: a quarter of the figures are below Q1, half below the median, three quarters below
							Q3. Nobody’s figure is shown here, and quartiles appear once at least {MIN_FIGURES_FOR_QUARTILES} members
							have given a number.
						</p>
						<table className="mt-3 w-full text-left text-sm" data-testid="quartiles">
							<caption className="sr-only">The group’s quartiles and your figure</caption>
							<thead className="text-slate-600">
								<tr>
									<th scope="col" className="py-1 pr-3 font-medium">Number</th>
									<th scope="col" className="py-1 pr-3 font-medium">Q1</th>
									<th scope="col" className="py-1 pr-3 font-medium">Median</th>
									<th scope="col" className="py-1 pr-3 font-medium">Q3</th>
									<th scope="col" className="py-1 pr-3 font-medium">Yours</th>
									<th scope="col" className="py-1 font-medium">You are in the</th>
								</tr>
							</thead>
							<tbody>
								{numbers.quartiles.map(({ metric, quartiles: q, count }) => {
									const own = mine?.values[metric]
									const stand = mine?.standings[metric]
									return (
										<tr key={metric} className="border-t border-slate-100" data-metric={metric}>
											<th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">
												{METRIC_LABELS[metric]}
											</th>
											{q ? (
												<>
													<td className="py-1.5 pr-3 tabular-nums">{formatMetric(metric, q.q1)}</td>
													<td className="py-1.5 pr-3 tabular-nums">{formatMetric(metric, q.median)}</td>
													<td className="py-1.5 pr-3 tabular-nums">{formatMetric(metric, q.q3)}</td>
												</>
											) : (
												<td colSpan={3} className="py-1.5 pr-3 text-slate-600">
													{count} of {MIN_FIGURES_FOR_QUARTILES} figures needed
												</td>
											)}
											<td className="py-1.5 pr-3 tabular-nums">{own !== undefined ? formatMetric(metric, own) : '—'}</td>
											<td className="py-1.5">{stand ? STANDING_LABELS[stand] : '—'}</td>
										</tr>
									)
								})}
							</tbody>
						</table>
						{mine ? null : (
							<p className="mt-3 text-sm text-slate-600">
								You have not submitted an update for {numbers.quarter}: once you do, this shows where you stand.
							</p>
						)}
					</Card>

					{table ? (
						<Card>
							<h2 className="font-semibold text-slate-900">The group’s numbers</h2>
							<p className="mt-1 text-sm text-slate-600">
								{numbers.previousQuarter
									? `Each figure with its change from ${numbers.previousQuarter} (percentages change in points).`
									: 'No cycle last quarter to compare with.'}
							</p>
							{/* Wider than a phone: the table scrolls on its own (focusable, so keyboards scroll it too). */}
							<div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="The group’s numbers, scrollable">
								<table className="w-full text-left text-sm" data-testid="numbers-table">
									<caption className="sr-only">Key numbers of each member this quarter</caption>
									<thead className="text-slate-600">
										<tr>
											<th scope="col" className="py-1 pr-3 font-medium">Member</th>
											{metrics.map((metric) => (
												<th key={metric} scope="col" className="py-1 pr-3 font-medium">
													{METRIC_LABELS[metric]}
												</th>
											))}
										</tr>
									</thead>
									<tbody>
										{table.map((row) => (
											<tr key={row.memberId} className="border-t border-slate-100" data-member={row.memberId}>
												<th scope="row" className="py-1.5 pr-3 font-medium text-slate-900">
													{row.name}
												</th>
												{metrics.map((metric) => {
													const value = row.values[metric]
													return (
														<td key={metric} className="py-1.5 pr-3 tabular-nums">
															{value === undefined ? (
																'—'
															) : (
																<>
																	<span className="block text-slate-900">{formatMetric(metric, value)}</span>
																	<span className="block text-xs text-slate-600">{formatChange(metric, row.changes[metric] ?? null)}</span>
																</>
															)}
														</td>
													)
												})}
											</tr>
										))}
									</tbody>
								</table>
							</div>
						</Card>
					) : null}

					{history ? (
						<section aria-labelledby="over-quarters" className="space-y-3">
							<h2 id="over-quarters" className="text-lg font-semibold text-slate-900">
								Over the quarters
							</h2>
							<div className="grid gap-4 md:grid-cols-2">
								{metrics.map((metric) => (
									<Card key={metric}>
										<MetricHistoryChart metric={metric} points={history[metric] ?? []} />
									</Card>
								))}
							</div>
						</section>
					) : null}
				</>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
