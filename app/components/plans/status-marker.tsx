import { Dot, Polygon } from 'recharts'
import { type GoalStatus } from '#app/modules/plans/progress.ts'
import { STATUS_COLORS, STATUS_SHAPES } from './status.ts'

// The outline of each shape around (0, 0), for a marker of radius 1: drawn a little larger than
// the circle, whose area they would otherwise fall short of.
const ARM = 0.45
const OUTLINES: Record<'triangle' | 'plus' | 'star', Array<[number, number]>> = {
	triangle: [
		[0, -1.6],
		[1.4, 0.85],
		[-1.4, 0.85],
	],
	plus: [
		[-ARM, -1.25],
		[ARM, -1.25],
		[ARM, -ARM],
		[1.25, -ARM],
		[1.25, ARM],
		[ARM, ARM],
		[ARM, 1.25],
		[-ARM, 1.25],
		[-ARM, ARM],
		[-1.25, ARM],
		[-1.25, -ARM],
		[-ARM, -ARM],
	],
	// Five points: outer radius 1.7, inner 0.75, the first pointing up.
	star: Array.from({ length: 10 }, (_, i): [number, number] => {
		const radius = i % 2 === 0 ? 1.7 : 0.75
		const angle = -Math.PI / 2 + (i * Math.PI) / 5
		return [radius * Math.cos(angle), radius * Math.sin(angle)]
	}),
}

/**
 * A status's marker: its colour and its shape. Drawn with recharts' Dot and Polygon rather than
 * Symbols, whose paths come from d3-shape: recharts' CommonJS build (what Node loads on the
 * server) bundles an older d3-path than its ES build (what the browser gets), and the two write
 * the same path with different precision, which breaks hydration.
 */
export function StatusMarker({
	status,
	cx,
	cy,
	r,
	outline,
}: {
	status: GoalStatus
	cx: number
	cy: number
	r: number
	/** a ring around the marker, to set it off from a line it sits on */
	outline?: string
}) {
	const shape = STATUS_SHAPES[status]
	const paint = {
		fill: STATUS_COLORS[status],
		...(outline ? { stroke: outline, strokeWidth: 1.5 } : {}),
	}
	if (shape === 'circle') return <Dot cx={cx} cy={cy} r={r} {...paint} />
	const points = OUTLINES[shape].map(([x, y]) => ({ x: round(cx + x * r), y: round(cy + y * r) }))
	return <Polygon points={points} {...paint} />
}

function round(value: number): number {
	return Math.round(value * 100) / 100
}
