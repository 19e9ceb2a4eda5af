import { Layer, Rectangle, Text } from 'recharts'
import { ChartDataTable, ChartSurface } from '#app/components/charts/chart-frame.tsx'
import { GOAL_STATUSES, type GoalStatus } from '#app/modules/plans/progress.ts'
import { StatusLegend } from './status-legend.tsx'
import { StatusMarker } from './status-marker.tsx'
import { STATUS_LABELS, statusColor, statusLabel } from './status.ts'

export type PlanOverviewGoal = {
	id: string
	title: string
	/** 0..1, from `goalProgress` */
	progress: number
	/** the last check-in's status; null before the first check-in */
	status: GoalStatus | null
	/** the goal's reading, e.g. "1.9M of 2.4M USD" or "Not done yet" */
	label: string
}

export type PlanOverviewChartProps = {
	goals: PlanOverviewGoal[]
	/** The chart's name, for screen readers and the data table's caption. */
	title?: string
	/** The drawing's width in SVG units: its width on a wide screen; it shrinks with a narrower container. */
	width?: number
}

const ROW = 60
const PAD = 8
const BAR_HEIGHT = 10
const LABEL_SPACE = 160 // right of the bars, for the reading
const CHAR_WIDTH = 8 // about one character of 14px text: long titles are cut to the space they have
const TRACK = '#e2e8f0' // slate-200
const TITLE = '#0f172a' // slate-900
const TEXT = '#475569' // slate-600

/**
 * Each goal's progress toward its target as a horizontal bar, coloured and marked by its last
 * status, with the status and the reading in words. Server-rendered SVG, with a data table.
 */
export function PlanOverviewChart({
	goals,
	title = 'Progress toward each goal',
	width = 560,
}: PlanOverviewChartProps) {
	if (goals.length === 0) {
		return (
			<figure className="rounded-lg border border-dashed border-slate-300 p-4">
				<figcaption className="font-medium text-slate-900">{title}</figcaption>
				<p className="mt-1 text-sm text-slate-600">No goals yet</p>
			</figure>
		)
	}

	const description = describe(goals)
	const height = PAD * 2 + goals.length * ROW
	const barWidth = width - LABEL_SPACE
	const titleChars = Math.floor((width - 110) / CHAR_WIDTH)

	return (
		<figure className="space-y-2">
			<ChartSurface
				width={width}
				height={height}
				title={title}
				description={description}
				className="max-w-[35rem]"
			>
				{goals.map((goal, index) => {
					const top = PAD + index * ROW
					const progress = clamp01(goal.progress)
					const barY = top + 28
					const fill = progress * barWidth
					return (
						<Layer key={goal.id} className="plan-goal">
							<title>{`${goal.title}: ${goal.label}, ${statusLabel(goal.status).toLowerCase()}`}</title>
							<Text x={0} y={top + 10} verticalAnchor="middle" fontSize={15} fill={TITLE}>
								{truncate(goal.title, titleChars)}
							</Text>
							<Text
								x={width - 18}
								y={top + 10}
								verticalAnchor="middle"
								textAnchor="end"
								fontSize={14}
								fill={TEXT}
							>
								{statusLabel(goal.status)}
							</Text>
							{goal.status ? (
								<StatusMarker status={goal.status} cx={width - 6} cy={top + 10} r={5} />
							) : (
								<circle
									cx={width - 6}
									cy={top + 10}
									r={4.5}
									fill="none"
									stroke={statusColor(null)}
									strokeWidth={1.5}
								/>
							)}
							<Rectangle
								x={0}
								y={barY}
								width={barWidth}
								height={BAR_HEIGHT}
								radius={BAR_HEIGHT / 2}
								fill={TRACK}
							/>
							{fill > 0 ? (
								<Rectangle
									className="plan-goal-bar"
									x={0}
									y={barY}
									width={fill}
									height={BAR_HEIGHT}
									radius={Math.min(BAR_HEIGHT / 2, fill / 2)}
									fill={statusColor(goal.status)}
								/>
							) : null}
							<Text
								x={width}
								y={barY + BAR_HEIGHT / 2}
								verticalAnchor="middle"
								textAnchor="end"
								fontSize={14}
								fill={TEXT}
							>
								{goal.label}
							</Text>
						</Layer>
					)
				})}
			</ChartSurface>
			<StatusLegend statuses={goals.map((goal) => goal.status)} />
			<ChartDataTable
				caption={title}
				columns={[{ label: 'Goal' }, { label: 'Progress', numeric: true }, { label: 'Status' }]}
				rows={goals.map((goal) => ({
					key: goal.id,
					cells: [
						goal.title,
						`${goal.label} (${Math.round(clamp01(goal.progress) * 100)} %)`,
						statusLabel(goal.status),
					],
				}))}
			/>
		</figure>
	)
}

/** "4 goals: 2 on track, 1 at risk, 1 without a check-in." */
function describe(goals: PlanOverviewGoal[]): string {
	const counts = [...GOAL_STATUSES, null]
		.map((status) => ({ status, count: goals.filter((goal) => goal.status === status).length }))
		.filter(({ count }) => count > 0)
		.map(
			({ status, count }) =>
				`${count} ${status ? STATUS_LABELS[status].toLowerCase() : 'without a check-in'}`,
		)
	return `${goals.length} ${goals.length === 1 ? 'goal' : 'goals'}: ${counts.join(', ')}.`
}

function truncate(text: string, chars: number): string {
	return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1)).trimEnd()}…`
}

function clamp01(x: number): number {
	return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0
}
