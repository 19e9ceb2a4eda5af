// The vocabulary of vendor partner programs, shared by the forms, the pages and the server.

export const PROGRAM_KINDS = [
	'marketing_funds',
	'rebate',
	'promotion',
	'certification',
	'training',
	'partner_tier',
	'award',
	'other',
] as const
export type ProgramKind = (typeof PROGRAM_KINDS)[number]
export const PROGRAM_KIND_LABELS: Record<ProgramKind, string> = {
	marketing_funds: 'Marketing funds',
	rebate: 'Rebate',
	promotion: 'Promotion',
	certification: 'Certification or compliance',
	training: 'Training',
	partner_tier: 'Partner tier',
	award: 'Award',
	other: 'Other',
}

/** A program's place in the catalogue: proposals are seen by their author and approvers only. */
export const PROGRAM_STATES = ['proposed', 'approved', 'merged'] as const
export type ProgramState = (typeof PROGRAM_STATES)[number]

/** The aspects a rating scores besides the overall stars (each 1–5, optional). */
export const ASPECTS = ['valueScore', 'easeScore', 'supportScore', 'roiScore'] as const
export type Aspect = (typeof ASPECTS)[number]
export const ASPECT_LABELS: Record<Aspect, string> = {
	valueScore: 'Value for the effort',
	easeScore: 'Ease of claiming and paperwork',
	supportScore: 'Vendor support',
	roiScore: 'Return on investment',
}
export const SCORE_MIN = 1
export const SCORE_MAX = 5

/** Who sees a rating: the whole community, or the rater's group only. */
export const RATING_VISIBILITIES = ['community', 'group'] as const
export type RatingVisibility = (typeof RATING_VISIBILITIES)[number]
/** How a rating is signed: the member's name and company, or "a member of <group>". */
export const RATING_SHOWN_AS = ['name', 'group'] as const
export type RatingShownAs = (typeof RATING_SHOWN_AS)[number]

/**
 * Community-wide figures count group-only ratings only once this many groups have rated the
 * program: below it, one group's private opinion could be read off the average.
 */
export const GROUPS_BEFORE_GROUP_ONLY_COUNT = 3

/** A program whose last day to take part is this close is "ending soon". */
export const ENDING_SOON_DAYS = 14
/** Followers are told this many days before each deadline. */
export const DEADLINE_NOTICE_DAYS = [14, 2] as const

export const VENDOR_LIMITS = {
	nameMax: 120,
	descriptionMax: 5000,
	linkMax: 500,
	textMax: 2000,
	reviewMax: 5000,
	reasonMax: 1000,
} as const
