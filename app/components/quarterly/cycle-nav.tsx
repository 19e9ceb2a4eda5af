import { NavLink } from 'react-router'
import { cn } from '#app/utils/misc.ts'

/** The tabs of a cycle's pages: a member has the cycle, the numbers and the meeting; moderators the rest too. */
export function CycleNav({ slug, cycleId, canManage }: { slug: string; cycleId: string; canManage: boolean }) {
	const base = `/g/${slug}/reviews/${cycleId}`
	const tabs = canManage
		? [
				{ to: base, label: 'Cycle' },
				{ to: `${base}/dashboard`, label: 'Completion' },
				{ to: `${base}/numbers`, label: 'Key numbers' },
				{ to: `${base}/agenda`, label: 'Agenda' },
				{ to: `${base}/meeting`, label: 'Meeting' },
				{ to: `${base}/print`, label: 'Print' },
			]
		: [
				{ to: base, label: 'Cycle' },
				{ to: `${base}/numbers`, label: 'Key numbers' },
				{ to: `${base}/meeting`, label: 'Meeting' },
			]
	return (
		<nav aria-label="Review cycle" className="mb-6 flex flex-wrap items-center gap-1 border-b border-slate-200 print:hidden">
			{tabs.map((tab) => (
				<NavLink
					key={tab.to}
					to={tab.to}
					end
					className={({ isActive }) =>
						cn(
							'-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium no-underline hover:no-underline',
							isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
						)
					}
				>
					{tab.label}
				</NavLink>
			))}
			{canManage ? (
				// A download, not a page: a plain link so the browser saves the file.
				<a href={`${base}/export.csv`} download className="ml-auto px-3 py-2 text-sm">
					Export CSV
				</a>
			) : null}
		</nav>
	)
}
