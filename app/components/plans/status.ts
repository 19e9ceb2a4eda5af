import { STATUS_LABELS, type GoalStatus } from '#app/modules/plans/constants.ts'

// How a check-in's status looks, in one place for the charts and the pages. Colour is never the
// only carrier: every status also has a word and, on charts, a shape of its own.

export { STATUS_LABELS }

/** For a goal without a check-in yet. */
export const NO_STATUS_LABEL = 'No check-in yet'

// Okabe and Ito's palette, which stays distinct for the common colour-vision deficiencies:
// bluish green, orange, vermillion, blue. Orange and vermillion also differ in lightness.
export const STATUS_COLORS: Record<GoalStatus, string> = {
	on_track: '#009E73',
	at_risk: '#E69F00',
	off_track: '#D55E00',
	done: '#0072B2',
}

/** slate-400: a goal nobody has checked in on yet. */
export const NO_STATUS_COLOR = '#94a3b8'

/** Marker shapes (`StatusMarker` draws them), so a status reads without its colour. */
export const STATUS_SHAPES: Record<GoalStatus, 'circle' | 'triangle' | 'plus' | 'star'> = {
	on_track: 'circle',
	at_risk: 'triangle',
	off_track: 'plus',
	done: 'star',
}

export function statusLabel(status: GoalStatus | null): string {
	return status ? STATUS_LABELS[status] : NO_STATUS_LABEL
}

export function statusColor(status: GoalStatus | null): string {
	return status ? STATUS_COLORS[status] : NO_STATUS_COLOR
}
