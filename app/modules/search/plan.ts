// What a search asks of the index, the same for both engines: the reader's forums, the filters,
// and which of them narrow the full-text match itself as filter tokens (facets.ts).
import { COMMUNITY_FORUM_ID, FORUM_POST, LISTED_POST_SQL_TEXT } from '#app/modules/forums/constants.ts'
import { facet, type FacetFilter } from './facets.ts'

/** The forums' posts: the documents the post filters (forum, category, kind, author, tag) apply to. */
export { FORUM_POST, LISTED_POST_SQL_TEXT }

export type SearchFilters = {
	/** The forums whose posts the reader may find: the forum.post kind's scopes (may be empty). */
	forumIds: string[]
	/**
	 * The other subject kinds the reader may find, each with its scopes (never empty). None when a
	 * post filter is given: those filters apply to forum posts alone.
	 */
	subjects?: Array<{ kind: string; scopes: string[] }>
	forumId?: string
	categoryId?: string
	kind?: string
	blocker?: string
	authorId?: string
	tag?: string
}

/** More readable forums than this and their OR is left to SQL: it would narrow next to nothing. */
const MAX_FORUM_TOKENS = 16

/**
 * The filter tokens a search's match must carry; each filter is also checked in SQL afterwards.
 *
 * FTS5 (`selectiveOnly`): a token is not free there. Intersecting with it costs the index about
 * 40 ns for every post that carries it (at 1,000,000 posts, a rare word ANDed with the community
 * forum's token, on half the posts, took 19 ms instead of 0.1 ms), while checking a filter in
 * SQL costs a few µs for every match walked past. So a token is used only where it is on few
 * posts: an author (a member writes a sliver of a community's posts), a group's forum, lessons
 * (the rarest kind; a blocker filter implies them). The community forum, the common kinds and
 * the reader's own forums (an OR covering most posts) are left to SQL.
 *
 * PostgreSQL: every token. There the GIN index intersects the posting lists before any row is
 * read, and each row it hands out costs a heap read and a tsvector recheck (about 20,000 reads
 * for "cash flow" alone, 3,400 with the reader's forums and the kind as tokens); on the
 * primary-key walk a token is tested with the row's tsvector, which is read anyway.
 */
export function facetFilter(filters: SearchFilters, options: { selectiveOnly: boolean }): FacetFilter {
	const groups: FacetFilter = []
	if (filters.forumId) {
		if (!options.selectiveOnly || filters.forumId !== COMMUNITY_FORUM_ID) groups.push([facet.forum(filters.forumId)])
	} else if (!options.selectiveOnly && filters.forumIds.length + (filters.subjects?.length ?? 0) <= MAX_FORUM_TOKENS) {
		// The documents of other kinds pass by their kind's token (their scopes are checked in SQL).
		groups.push([...filters.forumIds.map(facet.forum), ...(filters.subjects ?? []).map((s) => facet.subject(s.kind))])
	}
	if (filters.authorId) groups.push([facet.author(filters.authorId)])
	const kind = filters.kind ?? (filters.blocker ? 'lesson' : undefined)
	if (kind && (!options.selectiveOnly || kind === 'lesson')) groups.push([facet.kind(kind)])
	return groups
}
