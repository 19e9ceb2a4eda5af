import { z } from 'zod'
import {
	RATING_SHOWN_AS,
	RATING_VISIBILITIES,
	SCORE_MAX,
	SCORE_MIN,
	VENDOR_LIMITS,
} from './constants.ts'

// One schema per form, shared by the browser (Conform) and the actions. Conform hands empty fields
// over as undefined and turns numbers and checkboxes into their types before these run.

const max = (limit: number, what: string) =>
	`${what} can be at most ${limit.toLocaleString('en-US')} characters`

const score = (what: string) =>
	z
		.number({ error: `Give ${what} from 1 to 5 stars` })
		.int(`Give ${what} from 1 to 5 stars`)
		.min(SCORE_MIN, `Give ${what} from 1 to 5 stars`)
		.max(SCORE_MAX, `Give ${what} from 1 to 5 stars`)

const text = (limit: number, what: string) =>
	z.string().trim().max(limit, max(limit, what)).optional()

const amount = (what: string) =>
	z
		.number({ error: `${what} must be a number` })
		.refine(Number.isFinite, `${what} must be a number`)
		.min(0, `${what} cannot be negative`)
		.max(1e9, `${what} is too large`)

export function ratingSchema(now: Date = new Date()) {
	const thisYear = now.getUTCFullYear()
	return z.object({
		overall: score('the program'),
		valueScore: score('value for the effort').optional(),
		easeScore: score('ease of claiming').optional(),
		supportScore: score('vendor support').optional(),
		roiScore: score('return on investment').optional(),
		wouldRecommend: z.enum(['yes', 'no'], { error: 'Say whether you would recommend it' }),
		yearTookPart: z
			.number({ error: 'The year must be a number' })
			.int('The year must be a whole number')
			.min(2000, 'Choose a year from 2000 on')
			.max(thisYear, 'Choose a year that has begun')
			.optional(),
		review: text(VENDOR_LIMITS.reviewMax, 'The review'),
		pros: text(VENDOR_LIMITS.textMax, 'Pros'),
		cons: text(VENDOR_LIMITS.textMax, 'Cons'),
		amountClaimed: amount('The amount claimed').optional(),
		amountPaid: amount('The amount paid').optional(),
		daysToPayout: z
			.number({ error: 'Days to payout must be a number' })
			.int('Days to payout must be a whole number')
			.min(0, 'Days to payout cannot be negative')
			.max(3650, 'Days to payout can be at most 3,650')
			.optional(),
		hoursSpent: amount('The hours it took')
			.max(10_000, 'The hours it took can be at most 10,000')
			.optional(),
		rejected: z.boolean().optional(),
		rejectionReason: text(VENDOR_LIMITS.reasonMax, 'The reason'),
		visibility: z
			.enum(RATING_VISIBILITIES, { error: 'Choose who sees your rating' })
			.default('community'),
		shownAs: z.enum(RATING_SHOWN_AS, { error: 'Choose how your rating is signed' }).default('name'),
		/** The member's group the rating is shown as (and seen by, when group-only); their first group when absent. */
		groupId: z.string().trim().max(100).optional(),
	})
}
export type RatingInput = z.output<ReturnType<typeof ratingSchema>>
