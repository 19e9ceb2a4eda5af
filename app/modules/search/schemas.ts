import { z } from 'zod'
import { BLOCKERS, LIMITS, THREAD_KINDS } from '#app/modules/forums/constants.ts'

// The search page's GET parameters. A link may carry anything: a value that is not one of ours is
// dropped (the search runs without that filter) rather than refused.
const optional = <T extends z.ZodType>(schema: T) =>
	z
		.preprocess(
			(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
			schema.optional(),
		)
		.catch(undefined)

export const SearchParamsSchema = z.object({
	q: z.string().trim().max(200).catch(''),
	forum: optional(z.string().max(40)),
	kind: optional(z.enum(THREAD_KINDS)),
	blocker: optional(z.enum(BLOCKERS)),
	tag: optional(
		z
			.string()
			.trim()
			.toLowerCase()
			.max(LIMITS.tagMax + 1)
			.transform((tag) => tag.replace(/^#/, '') || undefined),
	),
	author: optional(
		z
			.string()
			.trim()
			.toLowerCase()
			.max(60)
			.transform((handle) => handle.replace(/^@/, '') || undefined),
	),
})
export type SearchParams = z.infer<typeof SearchParamsSchema>

export function parseSearchParams(params: URLSearchParams): SearchParams {
	return SearchParamsSchema.parse({
		q: params.get('q') ?? '',
		forum: params.get('forum') ?? undefined,
		kind: params.get('kind') ?? undefined,
		blocker: params.get('blocker') ?? undefined,
		tag: params.get('tag') ?? undefined,
		author: params.get('author') ?? undefined,
	})
}
