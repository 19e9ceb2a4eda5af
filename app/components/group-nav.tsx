import { NavLink } from 'react-router'
import { cn } from '#app/utils/misc.ts'

export type GroupArea = { to: string; label: string; end?: boolean }

/** The areas of a group that exist for this viewer; each later area adds itself here. */
export function groupAreas(slug: string, options: { isModerator: boolean }): GroupArea[] {
	const areas: GroupArea[] = [
		{ to: `/g/${slug}/forum`, label: 'Forum' },
		{ to: `/g/${slug}/reviews`, label: 'Reviews' },
		{ to: `/g/${slug}`, label: 'Members', end: true },
	]
	areas.push({ to: `/g/${slug}/agreement`, label: 'Agreement' })
	if (options.isModerator) {
		areas.push({ to: `/g/${slug}/invitations`, label: 'Invitations' })
		areas.push({ to: `/g/${slug}/audit`, label: 'Audit log' })
	}
	return areas
}

export function GroupNav({ areas }: { areas: GroupArea[] }) {
	return (
		<nav aria-label="Group" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200">
			{areas.map((area) => (
				<NavLink
					key={area.to}
					to={area.to}
					end={area.end}
					className={({ isActive }) =>
						cn(
							'-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium no-underline hover:no-underline',
							isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900',
						)
					}
				>
					{area.label}
				</NavLink>
			))}
		</nav>
	)
}
