import { z } from 'zod'
import { BLOCKERS, LIMITS, NOTIFICATION_LEVELS, THREAD_KINDS } from './constants.ts'

const EMPTY_POST = 'Write something first: an empty post cannot be sent'

const bodySchema = z
	.string({ error: EMPTY_POST })
	.trim()
	.min(1, EMPTY_POST)
	.max(LIMITS.bodyMax, `Posts can be at most ${LIMITS.bodyMax.toLocaleString('en-US')} characters`)

const lessonPart = (label: string) =>
	z
		.string({ error: `Fill in “${label}”` })
		.trim()
		.min(1, `Fill in “${label}”`)
		.max(LIMITS.lessonPartMax, `“${label}” can be at most ${LIMITS.lessonPartMax.toLocaleString('en-US')} characters`)

export const tagsSchema = z
	.string()
	.optional()
	.transform((value) =>
		[...new Set((value ?? '').split(',').map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))],
	)
	// Checked as a whole, not per element: the form shows the errors of its "tags" field, and a
	// message filed under "tags[1]" would refuse the thread without a word.
	.superRefine((tags, ctx) => {
		if (tags.length > LIMITS.tagsMax) ctx.addIssue({ code: 'custom', message: `Use at most ${LIMITS.tagsMax} tags` })
		if (tags.some((tag) => tag.length > LIMITS.tagMax)) ctx.addIssue({ code: 'custom', message: `Tags can be at most ${LIMITS.tagMax} characters` })
		if (tags.some((tag) => !/^[a-z0-9][a-z0-9-]*$/.test(tag))) ctx.addIssue({ code: 'custom', message: 'Tags use letters, digits and dashes' })
	})

/** The vendor programs a lesson names: one id, several, or none (a multiple select). */
const lessonProgramIds = z.union([z.string().max(100), z.array(z.string().max(100)).max(50)]).optional()

const titleSchema = z
	.string({ error: 'Give the thread a title' })
	.trim()
	.min(LIMITS.titleMin, `Titles need at least ${LIMITS.titleMin} characters`)
	.max(LIMITS.titleMax, `Titles can be at most ${LIMITS.titleMax} characters`)

/** One form for all thread kinds: a lesson needs its blocker and three parts, others a body. */
export const NewThreadSchema = z
	.object({
		kind: z.enum(THREAD_KINDS, { error: 'Choose what kind of thread this is' }),
		title: titleSchema,
		categoryId: z.string({ error: 'Choose a category' }).min(1, 'Choose a category'),
		tags: tagsSchema,
		body: z.string().trim().max(LIMITS.bodyMax, `Posts can be at most ${LIMITS.bodyMax.toLocaleString('en-US')} characters`).optional(),
		blocker: z.enum(BLOCKERS).optional(),
		lessonHappened: z.string().optional(),
		lessonLearned: z.string().optional(),
		lessonDifferently: z.string().optional(),
		/** A lesson's vendor programs (ids; checked against the catalogue when the lesson is written). */
		programIds: lessonProgramIds,
	})
	.superRefine((value, ctx) => {
		if (value.kind !== 'lesson') {
			// The length limit is the body field's own check; repeating it here showed its message twice.
			// A body that is not text (the field sent twice) already has its own issue from the field's check.
			if (value.body === undefined || (typeof value.body === 'string' && !value.body.trim())) {
				ctx.addIssue({ code: 'custom', path: ['body'], message: EMPTY_POST })
			}
			return
		}
		if (!value.blocker) ctx.addIssue({ code: 'custom', path: ['blocker'], message: 'Choose the growth blocker this lesson is about' })
		const parts = [
			['lessonHappened', 'What happened'],
			['lessonLearned', 'What we learned'],
			['lessonDifferently', 'What we would do differently'],
		] as const
		for (const [field, label] of parts) {
			const part = lessonPart(label).safeParse(value[field] ?? '')
			if (!part.success) ctx.addIssue({ code: 'custom', path: [field], message: part.error.issues[0]!.message })
		}
	}, {
		// Check the body and lesson parts even when the title is wrong, so every message shows at once.
		when: (payload) => typeof payload.value === 'object' && payload.value !== null,
	})
export type NewThreadInput = z.infer<typeof NewThreadSchema>

export const ReplySchema = z.object({
	body: bodySchema,
	quotedPostId: z.string().optional(),
})
export type ReplyInput = z.infer<typeof ReplySchema>

// The thread page's small forms (besides the reply), told apart by their `intent`.
export const PostIntentSchema = z.object({
	intent: z.enum(['delete', 'hide', 'unhide', 'accept', 'helpful', 'bookmark']),
	postId: z.string().min(1),
})
export const ThreadIntentSchema = z.object({ intent: z.enum(['lock', 'unlock', 'pin', 'unpin']) })
export const LevelIntentSchema = z.object({ intent: z.literal('level'), level: z.enum(NOTIFICATION_LEVELS) })

export const EditPostSchema = z.object({
	body: bodySchema,
})

export const EditLessonSchema = z.object({
	title: titleSchema,
	blocker: z.enum(BLOCKERS, { error: 'Choose the growth blocker this lesson is about' }),
	lessonHappened: lessonPart('What happened'),
	lessonLearned: lessonPart('What we learned'),
	lessonDifferently: lessonPart('What we would do differently'),
	programIds: lessonProgramIds,
})

export const CategorySchema = z.object({
	name: z.string({ error: 'Name the category' }).trim().min(2, 'Use at least 2 characters').max(40, 'Use at most 40 characters'),
	description: z.string().trim().max(200, 'Use at most 200 characters').optional().default(''),
})

/** The opening post of a lesson, composed from its three parts so it reads, quotes and searches like any post. */
export function composeLessonBody(parts: { lessonHappened: string; lessonLearned: string; lessonDifferently: string }): string {
	return [
		'### What happened',
		parts.lessonHappened.trim(),
		'### What we learned',
		parts.lessonLearned.trim(),
		'### What we would do differently',
		parts.lessonDifferently.trim(),
	].join('\n\n')
}
