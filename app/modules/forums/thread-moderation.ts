import { z } from 'zod'

// Moving a thread and its slow mode: the forms' schemas and words, for the client and the server.

/** The choices offered for slow mode (minutes; 0 is off); any whole number 1–1440 is accepted. */
export const SLOW_MODE_CHOICES = [0, 1, 5, 15, 60] as const
export const SLOW_MODE_MAX_MINUTES = 1440

const SLOW_MODE_INVALID = 'Use a whole number of minutes from 1 to 1440 (a day), or choose Off'

/**
 * The slow-mode form: a choice from SLOW_MODE_CHOICES (`minutes`) or, when filled in, another
 * number (`customMinutes`), which wins. Either way a whole number 0–1440 comes out.
 */
export const SlowModeSchema = z
	.object({
		intent: z.literal('slow-mode'),
		minutes: z.string().trim().max(10).optional(),
		customMinutes: z.string().trim().max(10).optional(),
	})
	.transform((value, ctx) => {
		const raw = value.customMinutes || value.minutes
		const minutes = raw && /^\d+$/.test(raw) ? Number(raw) : NaN
		if (!Number.isInteger(minutes) || minutes < 0 || minutes > SLOW_MODE_MAX_MINUTES) {
			ctx.addIssue({ code: 'custom', message: SLOW_MODE_INVALID })
			return z.NEVER
		}
		return { minutes }
	})

export const MoveSchema = z.object({
	categoryId: z
		.string({ error: 'Choose where to move the thread' })
		.min(1, 'Choose where to move the thread')
		.max(100),
})

export function minutesWords(minutes: number): string {
	if (minutes === 1) return 'minute'
	if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`
	return `${minutes} minutes`
}

/** "Slow mode: one reply every 5 minutes" */
export function slowModeLabel(minutes: number): string {
	return `Slow mode: one reply every ${minutesWords(minutes)}`
}
