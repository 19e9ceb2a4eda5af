import { Layer, Rectangle, Text } from 'recharts'
import { ChartDataTable, ChartSurface } from '#app/components/charts/chart-frame.tsx'

const ROW = 28
const PAD = 6
const LABEL = 70
const COUNT = 70
const BAR_HEIGHT = 14
const TRACK = '#e2e8f0' // slate-200
const BAR = '#f59e0b' // amber-500
const TEXT = '#334155' // slate-700

/**
 * How many ratings gave five, four… one stars, as horizontal bars (five at the top, as review sites
 * show it). Server-rendered SVG with its figures in a data table.
 */
export function StarDistributionChart({
	distribution,
	title = 'Ratings by stars',
	width = 420,
}: {
	/** Counts for 1…5 stars (index 0 is one star). */
	distribution: number[]
	title?: string
	width?: number
}) {
	const total = distribution.reduce((sum, count) => sum + count, 0)
	const rows = [5, 4, 3, 2, 1].map((stars) => ({ stars, count: distribution[stars - 1] ?? 0 }))
	const height = PAD * 2 + rows.length * ROW
	const barWidth = width - LABEL - COUNT
	const description = `${total} ${total === 1 ? 'rating' : 'ratings'}: ${rows
		.map(({ stars, count }) => `${count} with ${stars} ${stars === 1 ? 'star' : 'stars'}`)
		.join(', ')}.`
	const percent = (count: number) => (total === 0 ? 0 : Math.round((100 * count) / total))
	return (
		<figure className="space-y-2" data-testid="star-distribution">
			<ChartSurface
				width={width}
				height={height}
				title={title}
				description={description}
				className="max-w-[26rem]"
			>
				{rows.map(({ stars, count }, index) => {
					const top = PAD + index * ROW
					const fill = total === 0 ? 0 : (count / total) * barWidth
					return (
						<Layer key={stars}>
							<Text x={0} y={top + ROW / 2} verticalAnchor="middle" fontSize={14} fill={TEXT}>
								{`${stars} ${stars === 1 ? 'star' : 'stars'}`}
							</Text>
							<Rectangle
								x={LABEL}
								y={top + (ROW - BAR_HEIGHT) / 2}
								width={barWidth}
								height={BAR_HEIGHT}
								radius={4}
								fill={TRACK}
							/>
							{fill > 0 ? (
								<Rectangle
									x={LABEL}
									y={top + (ROW - BAR_HEIGHT) / 2}
									width={fill}
									height={BAR_HEIGHT}
									radius={Math.min(4, fill / 2)}
									fill={BAR}
								/>
							) : null}
							<Text
								x={width}
								y={top + ROW / 2}
								verticalAnchor="middle"
								textAnchor="end"
								fontSize={14}
								fill={TEXT}
							>
								{`${count} (${percent(count)} %)`}
							</Text>
						</Layer>
					)
				})}
			</ChartSurface>
			<ChartDataTable
				caption={title}
				columns={[
					{ label: 'Stars' },
					{ label: 'Ratings', numeric: true },
					{ label: 'Share', numeric: true },
				]}
				rows={rows.map(({ stars, count }) => ({
					key: stars,
					cells: [String(stars), String(count), `${percent(count)} %`],
				}))}
			/>
		</figure>
	)
}
