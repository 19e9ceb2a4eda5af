// What a search asks of the index, the same for both engines: the reader's forums, the filters,
// and which of them narrow the full-text match itself as filter tokens (facets.ts).
import { facet, type FacetFilter } from './facets.ts'

export type SearchFilters = {
	/** The forums the reader may read: the access rule (forums/access.server.ts), never empty. */
	forumIds: string[]
	forumId?: string
	categoryId?: string
	kind?: string
	blocker?: string
	authorId?: string
	tag?: string
}

/**
 * More readable forums than this and their tokens are left out of the match: an OR over nearly
 * every forum narrows nothing and costs a list merge per match. SQL still checks the forum.
 */
const MAX_FORUM_TOKENS = 16

/** The filter tokens a search's match must carry; each is also checked in SQL afterwards. */
export function facetFilter(filters: SearchFilters): FacetFilter {
	const groups: FacetFilter = []
	if (filters.forumId) groups.push([facet.forum(filters.forumId)])
	else if (filters.forumIds.length <= MAX_FORUM_TOKENS) groups.push(filters.forumIds.map(facet.forum))
	if (filters.authorId) groups.push([facet.author(filters.authorId)])
	// Only lessons have a growth blocker: a blocker filter narrows to lessons first.
	const kind = filters.kind ?? (filters.blocker ? 'lesson' : undefined)
	if (kind) groups.push([facet.kind(kind)])
	return groups
}
