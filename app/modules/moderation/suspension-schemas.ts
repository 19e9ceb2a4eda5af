import { z } from 'zod'

/**
 * The suspension form, on the client and the server. The end date is a calendar day (UTC): the
 * suspension ends when that day begins. Whether it lies ahead is checked against the clock by
 * `suspendSchema(now)`, so the server's "now" decides.
 */
export const SUSPENSION_REASON_LIMIT = 500
const MAX_YEARS_AHEAD = 10
const DAY_MS = 24 * 60 * 60 * 1000

const reasonSchema = z
	.string({ error: 'Say why the account is suspended (the member is shown this reason)' })
	.trim()
	.min(1, 'Say why the account is suspended (the member is shown this reason)')
	.max(SUSPENSION_REASON_LIMIT, `Use at most ${SUSPENSION_REASON_LIMIT} characters`)

/** A yyyy-mm-dd day as the instant it begins (UTC), or null when it is not a real day. */
export function startOfDayUtc(day: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
	if (!match) return null
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
	const instant = new Date(Date.UTC(year, month - 1, date))
	return instant.getUTCFullYear() === year &&
		instant.getUTCMonth() === month - 1 &&
		instant.getUTCDate() === date
		? instant
		: null
}

export function suspendSchema(now: Date = new Date()) {
	return z.object({
		intent: z.literal('suspend'),
		reason: reasonSchema,
		until: z
			.string()
			.trim()
			.optional()
			.superRefine((value, ctx) => {
				if (!value) return
				const endsAt = startOfDayUtc(value)
				if (!endsAt)
					return ctx.addIssue({
						code: 'custom',
						message: 'Enter the end date as a day, like 2027-01-05',
					})
				if (endsAt.getTime() <= now.getTime()) {
					return ctx.addIssue({
						code: 'custom',
						message:
							'The end date must be in the future: choose tomorrow or later, or leave it empty to suspend until lifted',
					})
				}
				if (endsAt.getTime() > now.getTime() + MAX_YEARS_AHEAD * 366 * DAY_MS) {
					ctx.addIssue({
						code: 'custom',
						message: `Choose an end date within the next ${MAX_YEARS_AHEAD} years, or leave it empty to suspend until lifted`,
					})
				}
			}),
	})
}
export const SuspendSchema = suspendSchema()

export const LiftSchema = z.object({ intent: z.literal('lift') })

const dayFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'UTC',
	day: 'numeric',
	month: 'short',
	year: 'numeric',
})

/** "5 Jan 2027": how an end date is written to admins and to the member. */
export function formatSuspensionDay(date: Date | string): string {
	return dayFormat.format(new Date(date))
}

/** What a suspended member is told when they log in with the right password. */
export function suspensionMessage(suspension: {
	reason: string
	endsAt: Date | string | null
}): string {
	const until = suspension.endsAt ? ` until ${formatSuspensionDay(suspension.endsAt)}` : ''
	return `Your account is suspended${until}: ${suspension.reason}`
}
