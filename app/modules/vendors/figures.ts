import { ASPECTS, SCORE_MAX, type Aspect } from './constants.ts'

// A program's figures from the ratings that count for a viewer (figures.server.ts chooses them by
// the access rule). Pure arithmetic on rows, so the page, the list and the tests agree.

export type CountedRating = {
	overall: number
	valueScore: number | null
	easeScore: number | null
	supportScore: number | null
	roiScore: number | null
	wouldRecommend: boolean
	amountClaimed: number | null
	amountPaid: number | null
	daysToPayout: number | null
	hoursSpent: number | null
	rejected: boolean
}

export type ProgramFigures = {
	count: number
	/** Mean of the overall stars, null with no rating. */
	average: number | null
	/** How many ratings gave 1, 2, 3, 4 and 5 stars (index 0 is one star). */
	distribution: number[]
	aspects: Record<Aspect, { average: number | null; count: number }>
	/** Share of ratings that would recommend it, 0–100, null with no rating. */
	recommendPercent: number | null
	outcomes: {
		/** Ratings that report a claim: an amount claimed, or a rejection. */
		claims: number
		/** Share of those claims that were paid, 0–100. */
		paidPercent: number | null
		medianDaysToPayout: number | null
		medianHours: number | null
	}
}

export function median(values: number[]): number | null {
	if (values.length === 0) return null
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const mean = (values: number[]): number | null =>
	values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length

const percent = (part: number, whole: number): number | null =>
	whole === 0 ? null : (100 * part) / whole

export function figuresOf(ratings: CountedRating[]): ProgramFigures {
	const distribution = Array.from({ length: SCORE_MAX }, () => 0)
	for (const rating of ratings) distribution[rating.overall - 1]! += 1
	const aspects = Object.fromEntries(
		ASPECTS.map((aspect) => {
			const scores = ratings.flatMap((rating) => (rating[aspect] === null ? [] : [rating[aspect]!]))
			return [aspect, { average: mean(scores), count: scores.length }]
		}),
	) as ProgramFigures['aspects']
	const claims = ratings.filter((rating) => rating.amountClaimed !== null || rating.rejected)
	const paid = claims.filter((rating) => !rating.rejected && (rating.amountPaid ?? 0) > 0)
	return {
		count: ratings.length,
		average: mean(ratings.map((rating) => rating.overall)),
		distribution,
		aspects,
		recommendPercent: percent(
			ratings.filter((rating) => rating.wouldRecommend).length,
			ratings.length,
		),
		outcomes: {
			claims: claims.length,
			paidPercent: percent(paid.length, claims.length),
			medianDaysToPayout: median(
				paid.flatMap((rating) => (rating.daysToPayout === null ? [] : [rating.daysToPayout])),
			),
			medianHours: median(
				ratings.flatMap((rating) => (rating.hoursSpent === null ? [] : [rating.hoursSpent])),
			),
		},
	}
}
