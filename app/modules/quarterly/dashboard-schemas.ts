import { z } from 'zod'

// The forms of the moderators' dashboard, agenda and export pages: one schema each, shared by the
// page (conform's constraints) and the action (parseWithZod).

export const AGENDA_LIMITS = { titleMax: 200, noteMax: 2000, minutesMin: 1, minutesMax: 180 } as const

const minutes = z.coerce
	.number({ error: 'Give the minutes as a number' })
	.int('Whole minutes')
	.min(AGENDA_LIMITS.minutesMin, `At least ${AGENDA_LIMITS.minutesMin} minute`)
	.max(AGENDA_LIMITS.minutesMax, `At most ${AGENDA_LIMITS.minutesMax} minutes`)

const itemId = z.string({ error: 'Choose an item' }).min(1).max(100)

export const AddAgendaItemSchema = z.object({
	title: z
		.string({ error: 'Give the item a title' })
		.trim()
		.min(1, 'Give the item a title')
		.max(AGENDA_LIMITS.titleMax, `At most ${AGENDA_LIMITS.titleMax} characters`),
	minutes: minutes.default(10),
	note: z.string().trim().max(AGENDA_LIMITS.noteMax, `At most ${AGENDA_LIMITS.noteMax} characters`).default(''),
})

export const EditAgendaItemSchema = z.object({
	itemId,
	minutes,
	note: z.string().trim().max(AGENDA_LIMITS.noteMax, `At most ${AGENDA_LIMITS.noteMax} characters`).default(''),
})

export const MoveAgendaItemSchema = z.object({ itemId, direction: z.enum(['up', 'down']) })

export const RemoveAgendaItemSchema = z.object({ itemId })

export const GenerateAgendaSchema = z.object({
	/** Present once the moderator has confirmed that the agenda they have may be replaced. */
	replace: z.literal('yes').optional(),
})
