import { CartesianAxis, Curve, Dot, Layer } from 'recharts'
import { ChartDataTable, ChartSurface } from '#app/components/charts/chart-frame.tsx'
import { linearScale, valueTicks } from '#app/components/charts/chart-scale.ts'
import { formatMetric } from '#app/modules/quarterly/numbers.ts'
import { METRIC_LABELS, type Metric } from '#app/modules/quarterly/questions.ts'

export type MetricHistoryPoint = { quarter: string; median: number; count: number }

const MARGIN = { top: 20, right: 20, bottom: 28, left: 64 }
const AXIS_TEXT = { fontSize: 13, fill: '#475569' } // slate-600
const GRID = '#e2e8f0' // slate-200
const LINE = '#4f46e5' // indigo-600

/**
 * The group's median of one key number, quarter by quarter. Drawn on the server with recharts'
 * store-free pieces (see components/charts/chart-scale.ts for why), named by its <title>, its gist
 * in <desc> and in words the page can read, and every point in a data table.
 */
export function MetricHistoryChart({
	metric,
	points,
	width = 520,
	height = 220,
}: {
	metric: Metric
	points: MetricHistoryPoint[]
	width?: number
	height?: number
}) {
	const title = `${METRIC_LABELS[metric]}: the group’s median by quarter`
	if (points.length === 0) {
		return (
			<figure className="rounded-lg border border-dashed border-slate-300 p-4">
				<figcaption className="font-medium text-slate-900">{METRIC_LABELS[metric]}</figcaption>
				<p className="mt-1 text-sm text-slate-600">No figures submitted yet</p>
			</figure>
		)
	}
	const first = points[0]!
	const last = points.at(-1)!
	const description =
		points.length === 1
			? `${METRIC_LABELS[metric]}: median ${formatMetric(metric, last.median)} in ${last.quarter}, from ${last.count} ${last.count === 1 ? 'update' : 'updates'}.`
			: `${METRIC_LABELS[metric]}: median ${formatMetric(metric, first.median)} in ${first.quarter}, ${formatMetric(metric, last.median)} in ${last.quarter}, over ${points.length} quarters.`
	const plot = {
		left: MARGIN.left,
		top: MARGIN.top,
		width: width - MARGIN.left - MARGIN.right,
		height: height - MARGIN.top - MARGIN.bottom,
	}
	// Quarters evenly spaced, each in the middle of its slot.
	const slot = plot.width / points.length
	const x = (index: number) => Math.round((plot.left + slot * (index + 0.5)) * 100) / 100
	const values = points.map((point) => point.median)
	const ticks = valueTicks(Math.min(...values, 0), Math.max(...values))
	const y = linearScale([ticks[0]!, ticks.at(-1)!], [plot.top + plot.height, plot.top])
	const viewBox = { x: 0, y: 0, width, height }
	const axisNumber = (value: number) => formatMetric(metric, value).replace(/ (days|people)$/, '')
	return (
		<figure className="space-y-2">
			<figcaption className="text-sm">
				<span className="font-medium text-slate-900">{METRIC_LABELS[metric]}</span>
				<span className="text-slate-600">
					: median {formatMetric(metric, last.median)} in {last.quarter}
				</span>
			</figcaption>
			<ChartSurface
				width={width}
				height={height}
				title={title}
				description={description}
				className="max-w-[33rem]"
			>
				<Layer className="metric-chart-grid">
					{ticks.map((tick) => (
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
					ticks={ticks.map((tick, index) => ({ value: tick, coordinate: y(tick), index }))}
					tickFormatter={axisNumber}
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
					ticks={points.map((point, index) => ({
						value: point.quarter,
						coordinate: x(index),
						index,
					}))}
					interval={0}
					tickLine={false}
					stroke="#cbd5e1"
					tick={AXIS_TEXT}
				/>
				{points.length > 1 ? (
					<Curve
						type="linear"
						points={points.map((point, index) => ({ x: x(index), y: y(point.median) }))}
						stroke={LINE}
						strokeWidth={2}
						fill="none"
					/>
				) : null}
				<Layer className="metric-chart-points">
					{points.map((point, index) => (
						<g key={point.quarter} className="metric-point">
							<title>{`${point.quarter}: median ${formatMetric(metric, point.median)} (${point.count} ${point.count === 1 ? 'update' : 'updates'})`}</title>
							<Dot
								cx={x(index)}
								cy={y(point.median)}
								r={5}
								fill={LINE}
								stroke="#fff"
								strokeWidth={1.5}
							/>
						</g>
					))}
				</Layer>
			</ChartSurface>
			<ChartDataTable
				caption={title}
				columns={[
					{ label: 'Quarter' },
					{ label: 'Median', numeric: true },
					{ label: 'Updates', numeric: true },
				]}
				rows={points.map((point) => ({
					key: point.quarter,
					cells: [point.quarter, formatMetric(metric, point.median, { exact: true }), point.count],
				}))}
			/>
		</figure>
	)
}
