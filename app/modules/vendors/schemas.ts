import { z } from 'zod'
import {
	PROGRAM_KINDS,
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

const optionalDay = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
	// A day that exists: Date.parse takes 2027-02-30 for 2 March.
	.refine((day) => {
		const time = Date.parse(`${day}T00:00:00Z`)
		return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day
	}, 'Enter a real date')
	.optional()

const CURRENCY = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, e.g. USD')
	.optional()

/** A program as proposed or edited. Every mistake shows at once, dates out of order included. */
export const ProgramSchema = z
	.object({
		vendorName: z
			.string({ error: 'Name the vendor' })
			.trim()
			.min(1, 'Name the vendor')
			.max(VENDOR_LIMITS.nameMax, max(VENDOR_LIMITS.nameMax, 'The vendor’s name')),
		name: z
			.string({ error: 'Give the program its name' })
			.trim()
			.min(1, 'Give the program its name')
			.max(VENDOR_LIMITS.nameMax, max(VENDOR_LIMITS.nameMax, 'The name')),
		kind: z.enum(PROGRAM_KINDS, { error: 'Choose the kind of program' }),
		description: text(VENDOR_LIMITS.descriptionMax, 'The description'),
		link: z
			.url({ protocol: /^https?$/, error: 'Enter a web address starting with http:// or https://' })
			.max(VENDOR_LIMITS.linkMax, max(VENDOR_LIMITS.linkMax, 'The link'))
			.optional(),
		benefitAmount: amount('The benefit').optional(),
		benefitCurrency: CURRENCY,
		benefitText: text(VENDOR_LIMITS.textMax, 'The benefit'),
		feeAmount: amount('The fee').optional(),
		feeCurrency: CURRENCY,
		hours: amount('The hours it takes')
			.max(10_000, 'The hours it takes can be at most 10,000')
			.optional(),
		requirements: text(VENDOR_LIMITS.textMax, 'Requirements'),
		eligibility: text(VENDOR_LIMITS.textMax, 'Eligibility'),
		capacityLimited: z.boolean().optional(),
		enrollOpensOn: optionalDay,
		enrollClosesOn: optionalDay,
		claimOpensOn: optionalDay,
		claimClosesOn: optionalDay,
		proofDueOn: optionalDay,
	})
	.refine((p) => !p.enrollOpensOn || !p.enrollClosesOn || p.enrollClosesOn >= p.enrollOpensOn, {
		path: ['enrollClosesOn'],
		message: 'Enrollment cannot close before it opens',
		when: () => true,
	})
	.refine((p) => !p.claimOpensOn || !p.claimClosesOn || p.claimClosesOn >= p.claimOpensOn, {
		path: ['claimClosesOn'],
		message: 'The claim window cannot close before it opens',
		when: () => true,
	})
	.refine((p) => p.benefitAmount === undefined || p.benefitCurrency !== undefined, {
		path: ['benefitCurrency'],
		message: 'Give the currency of the benefit',
		when: () => true,
	})
	.refine((p) => p.feeAmount === undefined || p.feeCurrency !== undefined, {
		path: ['feeCurrency'],
		message: 'Give the currency of the fee',
		when: () => true,
	})
export type ProgramInput = z.output<typeof ProgramSchema>
