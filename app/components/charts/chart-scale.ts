import { getNiceTickValues } from 'recharts'

// Recharts 3 draws its composed charts (LineChart, BarChart…) only after effects have measured and
// registered every part in its store, so on the server they render an empty <div> (recharts issue
// #5997, still so in 3.10.1). The plans' charts must show without JavaScript, so they are drawn
// with recharts' store-free pieces (Surface, CartesianAxis, Curve, Dot, Polygon, Rectangle, Text),
// which render the same SVG on the server and in the browser. Those pieces take pixel positions:
// this is the one mapping from values to pixels they need; nice tick values come from recharts.

/**
 * A linear map from a domain of values onto a range of pixels (either may be reversed), to a
 * hundredth of a pixel: recharts' CommonJS build (which Node loads on the server) and its ES build
 * (which the browser gets) print a line's path with different precision, and agree on short numbers.
 */
export function linearScale(
	[d0, d1]: readonly [number, number],
	[r0, r1]: readonly [number, number],
) {
	const span = d1 - d0
	return (value: number) => {
		const pixel = span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0)
		return Math.round(pixel * 100) / 100
	}
}

/**
 * Tick values for a value axis, from recharts: of its suggestions for 5, 6 or 4 ticks, the first
 * whose step is round (1, 2, 2.5 or 5 times a power of ten), since for some ranges it steps by 7.
 */
export function valueTicks(low: number, high: number): number[] {
	const domain: [number, number] = low === high ? [low - 1, high + 1] : [low, high]
	const candidates = [5, 6, 4].map((count) => getNiceTickValues(domain, count, true))
	return (
		candidates.find((ticks) => ticks.length > 1 && isRoundStep(ticks[1]! - ticks[0]!)) ??
		candidates[0]!
	)
}

function isRoundStep(step: number): boolean {
	if (!(step > 0)) return false
	const mantissa = step / 10 ** Math.floor(Math.log10(step))
	return [1, 2, 2.5, 5, 10].some((round) => Math.abs(mantissa - round) < 1e-6)
}

// Fixed locale and time zone: the server's and the browser's text must agree at hydration, and an
// ISO date is a calendar day wherever the reader is.
// The day before the month as in en-GB, with en-US's three-letter months (en-GB writes "Sept").
const month = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' })

/** "12 Sep" */
export function formatDay(date: Date): string {
	return `${date.getUTCDate()} ${month.format(date)}`
}

/** "12 Sep 2026" */
export function formatFullDay(date: Date): string {
	return `${formatDay(date)} ${date.getUTCFullYear()}`
}

/** "Sep" */
export function formatMonth(date: Date): string {
	return month.format(date)
}
