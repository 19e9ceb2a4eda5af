// The orders of the catalogue and of a program's reviews: shared by the pages and the server.

export const PROGRAM_SORTS = ['top', 'most', 'ending', 'newest'] as const
export type ProgramSort = (typeof PROGRAM_SORTS)[number]
export const PROGRAM_SORT_LABELS: Record<ProgramSort, string> = {
	top: 'Top rated',
	most: 'Most rated',
	ending: 'Ending soonest',
	newest: 'Newest',
}

export const RATING_SORTS = ['newest', 'helpful'] as const
export type RatingSort = (typeof RATING_SORTS)[number]
export const RATING_SORT_LABELS: Record<RatingSort, string> = {
	newest: 'Newest',
	helpful: 'Most helpful',
}
