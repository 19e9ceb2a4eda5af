import { Surface } from 'recharts'
import { GOAL_STATUSES, type GoalStatus } from '#app/modules/plans/progress.ts'
import { StatusMarker } from './status-marker.tsx'
import { STATUS_LABELS } from './status.ts'

/** The statuses a chart shows, each with its marker, in the statuses' own order. */
export function StatusLegend({ statuses }: { statuses: Array<GoalStatus | null> }) {
	const shown = GOAL_STATUSES.filter((status) => statuses.includes(status))
	if (shown.length === 0) return null
	return (
		<ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Statuses">
			{shown.map((status) => (
				<li key={status} className="flex items-center gap-1.5">
					<Surface
						width={12}
						height={12}
						viewBox={{ x: 0, y: 0, width: 12, height: 12 }}
						aria-hidden="true"
					>
						<StatusMarker status={status} cx={6} cy={6} r={4.5} />
					</Surface>
					{STATUS_LABELS[status]}
				</li>
			))}
		</ul>
	)
}
