// Filter tokens: a search document carries, beside its words, one token each for its forum, its
// author and its thread's kind (the facets column). A filter then becomes part of the full-text
// match itself, so the engine's index intersects "customer" (400,000 posts) with "this author"
// (1,000 posts) by skipping through both lists, instead of the database joining every one of the
// 400,000 matches to its post and thread to test the filter. Only values that seldom change once a
// post is written are tokens (a post's forum, author and thread kind); moving a thread to another
// forum rewrites its documents' forum token and scope in the move's transaction
// (forums/thread-moderation.server.ts). The filters on values that change more often (category,
// blocker, tags) stay in SQL, and SQL re-checks every filter and the reader's access after the
// match in any case: a token only narrows, it never grants.
//
// The user's words are matched in the title and body only (see terms.ts), so nobody can reach
// the tokens by typing them.

export type FacetSource = { forumId: string; authorId: string; kind: string }

/** Letters and digits only, lower-cased: one token for both engines' tokenizers. */
function tokenPart(value: string): string {
	return value.toLowerCase().replace(/[^a-z0-9]/g, '')
}

export const facet = {
	forum: (forumId: string) => `ppforum${tokenPart(forumId)}`,
	author: (authorId: string) => `ppauthor${tokenPart(authorId)}`,
	kind: (kind: string) => `ppkind${tokenPart(kind)}`,
	/** A document of a subject kind other than forum posts carries its kind's token (indexSubject). */
	subject: (subjectKind: string) => `ppsubject${tokenPart(subjectKind)}`,
}

/** The facets column of a search document (the migration search_facets writes the same). */
export function facetTokens(source: FacetSource): string {
	return [facet.forum(source.forumId), facet.author(source.authorId), facet.kind(source.kind)].join(' ')
}

/**
 * What a search requires of the tokens: every group is an OR of tokens, the groups are ANDed.
 * Empty groups are left out; an empty list means "no narrowing".
 */
export type FacetFilter = string[][]
