import { Link } from 'react-router'
import type { Route } from './+types/print.ts'
import { CycleNav } from '#app/components/quarterly/cycle-nav.tsx'
import { DateTime } from '#app/components/time.tsx'
import { listAgenda } from '#app/modules/quarterly/agenda.server.ts'
import { AGENDA_KIND_LABELS } from '#app/modules/quarterly/dashboard.ts'
import { cycleCompletion } from '#app/modules/quarterly/completion.server.ts'
import { cycleReport } from '#app/modules/quarterly/export.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCycleModerator } from '#app/utils/permissions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `${data.report.quarter} review, to print` : 'Print', data?.group.name ?? 'Group') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const [report, agenda, completion] = await Promise.all([
		cycleReport(user, access),
		listAgenda(access.cycleId),
		cycleCompletion(access.cycleId, access.groupId),
	])
	return {
		group: { slug: group.slug, name: group.name },
		cycleId: access.cycleId,
		report: { ...report, updates: report.updates.filter((update) => update.status === 'submitted') },
		agenda,
		counts: completion.counts,
	}
}

/**
 * The cycle on paper: the agenda, then each submitted update on its own page. Screen-only parts
 * (navigation, the print hint) carry Tailwind's print:hidden; page breaks use break-before.
 */
export default function PrintCycle({ loaderData }: Route.ComponentProps) {
	const { group, cycleId, report, agenda, counts } = loaderData
	return (
		<main className="mx-auto max-w-3xl text-slate-900 print:max-w-none print:text-[11pt]">
			<div className="print:hidden">
				<p className="mb-2 text-sm">
					<Link to={`/g/${group.slug}/reviews`}>← {group.name}’s reviews</Link>
				</p>
				<CycleNav slug={group.slug} cycleId={cycleId} canManage />
				<p className="mb-6 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
					This page is laid out for paper: use your browser’s Print (Ctrl+P or ⌘P). Each update starts on a new page.
				</p>
			</div>
			<header className="border-b border-slate-300 pb-3">
				<h1 className="text-2xl font-bold">
					{group.name}: {report.quarter} review
				</h1>
				<p className="text-sm text-slate-600">
					{counts.submitted} of {counts.expected} updates submitted · printed{' '}
					<DateTime date={new Date()} pattern="d MMM yyyy" />
				</p>
			</header>

			<section aria-labelledby="print-agenda" className="mt-6">
				<h2 id="print-agenda" className="text-lg font-semibold">
					Agenda
				</h2>
				{agenda.length === 0 ? (
					<p className="mt-1 text-sm text-slate-600">
						No agenda yet. <Link to={`/g/${group.slug}/reviews/${cycleId}/agenda`} className="print:hidden">Generate it</Link>
					</p>
				) : (
					<ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
						{agenda.map((item) => (
							<li key={item.id} className="break-inside-avoid">
								<span className="font-medium">{item.title}</span>{' '}
								<span className="text-slate-600">
									({AGENDA_KIND_LABELS[item.kind].toLowerCase()}, {item.minutes} min)
								</span>
								{item.note ? <p className="whitespace-pre-line text-slate-700">{item.note}</p> : null}
							</li>
						))}
					</ol>
				)}
			</section>

			{report.updates.length === 0 ? (
				<p className="mt-8 text-sm text-slate-600">No update has been submitted yet.</p>
			) : (
				report.updates.map((update) => (
					<article key={update.memberId} className="mt-10 break-before-page print:mt-0" aria-labelledby={`update-${update.memberId}`}>
						<h2 id={`update-${update.memberId}`} className="border-b border-slate-200 pb-1 text-lg font-semibold">
							{update.name}
						</h2>
						<dl className="mt-3 space-y-3">
							{report.questions.map((question, index) => (
								<div key={question.id} className="break-inside-avoid">
									<dt className="text-sm font-medium text-slate-600">{question.label}</dt>
									<dd className="whitespace-pre-line">{update.answers[index] || '—'}</dd>
								</div>
							))}
						</dl>
					</article>
				))
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
