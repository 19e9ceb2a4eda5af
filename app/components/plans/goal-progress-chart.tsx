import { CartesianAxis, Curve, Layer, Text } from 'recharts'
import { ChartDataTable, ChartSurface } from '#app/components/charts/chart-frame.tsx'
import { formatGoalValue, type GoalStatus } from '#app/modules/plans/progress.ts'
import {
	formatDay,
	formatFullDay,
	formatMonth,
	linearScale,
	valueTicks,
} from '#app/components/charts/chart-scale.ts'
import { StatusLegend } from './status-legend.tsx'
import { StatusMarker } from './status-marker.tsx'
import { STATUS_LABELS } from './status.ts'

export type GoalChartPoint = { date: string /* ISO */; value: number; status: GoalStatus }

export type GoalProgressChartProps = {
	title: string
	unit: string | null
	startValue: number | null
	targetValue: number | null
	year: number
	points: GoalChartPoint[]
	/** The drawing's size in SVG units: its size on a wide screen; it shrinks with a narrower container. */
	width?: number
	height?: number
}

const MARGIN = { top: 24, right: 16, bottom: 28, left: 60 }
const AXIS_TEXT = { fontSize: 13, fill: '#475569' } // slate-600
const GRID = '#e2e8f0' // slate-200
const LINE = '#64748b' // slate-500
const TARGET = '#334155' // slate-700
// Nice ticks fall on quarters (1.75M): the axis keeps three significant digits where labels keep one decimal.
const axisNumber = new Intl.NumberFormat('en-US', {
	notation: 'compact',
	maximumSignificantDigits: 3,
})

/**
 * A number goal's value over the year, its target as a dashed line, each check-in marked by its
 * status (colour and shape). Server-rendered SVG; the gist in words and every check-in in a table.
 */
export function GoalProgressChart({
	title,
	unit,
	startValue,
	targetValue,
	year,
	points,
	width = 560,
	height = 240,
}: GoalProgressChartProps) {
	const checkIns = points
		.map((point) => ({ ...point, time: Date.parse(point.date) }))
		.filter((point) => Number.isFinite(point.time) && Number.isFinite(point.value))
		.sort((a, b) => a.time - b.time)
	const last = checkIns.at(-1)

	if (!last) {
		return (
			<figure className="rounded-lg border border-dashed border-slate-300 p-4">
				<figcaption className="font-medium text-slate-900">{title}</figcaption>
				<p className="mt-1 text-sm text-slate-600">No check-ins yet</p>
			</figure>
		)
	}

	const reading = `${formatGoalValue(last.value, unit)}${targetValue != null ? ` of ${formatGoalValue(targetValue, unit)}` : ''} on ${formatDay(new Date(last.time))}, ${STATUS_LABELS[last.status].toLowerCase()}`
	const gist = `${title}: ${reading}`
	const details = [
		startValue != null ? `Started at ${formatGoalValue(startValue, unit)}` : null,
		`${checkIns.length} ${checkIns.length === 1 ? 'check-in' : 'check-ins'} in ${year}`,
	].filter(Boolean)
	const description = `${gist}. ${details.join('; ')}.`

	// The year on the x axis, stretched if a check-in falls outside it.
	const x0 = Math.min(Date.UTC(year, 0, 1), checkIns[0]!.time)
	const x1 = Math.max(Date.UTC(year + 1, 0, 1), last.time)
	const plot = {
		left: MARGIN.left,
		top: MARGIN.top,
		width: width - MARGIN.left - MARGIN.right,
		height: height - MARGIN.top - MARGIN.bottom,
	}
	const x = linearScale([x0, x1], [plot.left, plot.left + plot.width])

	const values = [startValue, targetValue, ...checkIns.map((point) => point.value)].filter(
		(value): value is number => value != null && Number.isFinite(value),
	)
	const low = Math.min(...values)
	const high = Math.max(...values)
	const yTicks = valueTicks(low, high)
	const y = linearScale([yTicks[0]!, yTicks.at(-1)!], [plot.top + plot.height, plot.top])

	// Each month's name in the middle of its month, so a check-in on 12 Sep sits over "Sep".
	const monthTicks = Array.from({ length: 12 }, (_, m) => ({
		start: Date.UTC(year, m, 1),
		end: Date.UTC(year, m + 1, 1),
	})).map(({ start, end }, index) => ({
		value: start,
		coordinate: x((start + end) / 2),
		index,
	}))
	const viewBox = { x: 0, y: 0, width, height }

	return (
		<figure className="space-y-2">
			<figcaption className="text-sm">
				<span className="font-medium text-slate-900">{title}</span>
				<span className="text-slate-600">: {reading}</span>
			</figcaption>
			<ChartSurface
				width={width}
				height={height}
				title={title}
				description={description}
				className="max-w-[35rem]"
			>
				<Layer className="goal-chart-grid">
					{yTicks.map((tick) => (
						<line
							key={tick}
							x1={plot.left}
							x2={plot.left + plot.width}
							y1={y(tick)}
							y2={y(tick)}
							stroke={GRID}
						/>
					))}
				</Layer>
				<CartesianAxis
					orientation="left"
					x={0}
					y={plot.top}
					width={plot.left}
					height={plot.height}
					viewBox={viewBox}
					ticks={yTicks.map((tick, index) => ({ value: tick, coordinate: y(tick), index }))}
					tickFormatter={(value: number) => axisNumber.format(value)}
					interval={0}
					axisLine={false}
					tickLine={false}
					tick={AXIS_TEXT}
				/>
				<CartesianAxis
					orientation="bottom"
					x={plot.left}
					y={plot.top + plot.height}
					width={plot.width}
					height={MARGIN.bottom}
					viewBox={viewBox}
					ticks={monthTicks}
					tickFormatter={(time: number) => formatMonth(new Date(time))}
					interval={0}
					tickLine={false}
					stroke="#cbd5e1"
					tick={AXIS_TEXT}
				/>
				{targetValue != null ? (
					<Layer className="goal-chart-target">
						<line
							x1={plot.left}
							x2={plot.left + plot.width}
							y1={y(targetValue)}
							y2={y(targetValue)}
							stroke={TARGET}
							strokeWidth={1.5}
							strokeDasharray="6 4"
						/>
						{/* At the start of the line: the latest check-ins, which near the target, are at its end. */}
						<Text x={plot.left + 4} y={y(targetValue) - 6} fontSize={13} fill={TARGET}>
							{`Target ${formatGoalValue(targetValue, unit)}`}
						</Text>
					</Layer>
				) : null}
				<Curve
					type="linear"
					points={checkIns.map((point) => ({ x: x(point.time), y: y(point.value) }))}
					stroke={LINE}
					strokeWidth={2}
					fill="none"
				/>
				<Layer className="goal-chart-points">
					{checkIns.map((point, index) => (
						<g key={index} className="goal-point">
							<title>{`${formatDay(new Date(point.time))}: ${formatGoalValue(point.value, unit)}, ${STATUS_LABELS[point.status].toLowerCase()}`}</title>
							<StatusMarker
								status={point.status}
								cx={x(point.time)}
								cy={y(point.value)}
								r={5.5}
								outline="#fff"
							/>
						</g>
					))}
				</Layer>
			</ChartSurface>
			<StatusLegend statuses={checkIns.map((point) => point.status)} />
			<ChartDataTable
				caption={`${title}: check-ins in ${year}`}
				columns={[{ label: 'Date' }, { label: 'Value', numeric: true }, { label: 'Status' }]}
				rows={checkIns.map((point, index) => ({
					key: index,
					cells: [
						<time key="date" dateTime={point.date}>
							{formatFullDay(new Date(point.time))}
						</time>,
						formatGoalValue(point.value, unit, { exact: true }),
						STATUS_LABELS[point.status],
					],
				}))}
			/>
		</figure>
	)
}
