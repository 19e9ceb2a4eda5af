import { z } from 'zod'
import { BLOCKERS, LIMITS } from './constants.ts'

// The lessons library's vocabulary, shared by its loader and its page.
export const LESSON_SORTS = ['newest', 'helpful'] as const
export type LessonSort = (typeof LESSON_SORTS)[number]

export const LESSON_SORT_LABELS: Record<LessonSort, string> = {
	newest: 'Newest',
	helpful: 'Most helpful',
}

// GET parameters from links: an unknown value falls back to "no filter" rather than an error.
export const LessonParamsSchema = z.object({
	blocker: z.enum(BLOCKERS).optional().catch(undefined),
	tag: z
		.string()
		.trim()
		.toLowerCase()
		.max(LIMITS.tagMax)
		.optional()
		.catch(undefined)
		.transform((tag) => tag || undefined),
	sort: z.enum(LESSON_SORTS).catch('newest'),
})
export type LessonParams = z.infer<typeof LessonParamsSchema>

export function parseLessonParams(params: URLSearchParams): LessonParams {
	return LessonParamsSchema.parse({
		blocker: params.get('blocker') || undefined,
		tag: params.get('tag') || undefined,
		sort: params.get('sort') ?? undefined,
	})
}

/** A link to the library with some parameters changed; any change starts again at page 1. */
export function lessonsHref(current: LessonParams, change: Partial<LessonParams>): string {
	const next = { ...current, ...change }
	const params = new URLSearchParams()
	if (next.blocker) params.set('blocker', next.blocker)
	if (next.tag) params.set('tag', next.tag)
	if (next.sort !== 'newest') params.set('sort', next.sort)
	const query = params.toString()
	return query ? `/lessons?${query}` : '/lessons'
}
