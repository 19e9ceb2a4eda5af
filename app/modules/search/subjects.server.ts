// The kinds of subject search can find, in one place. Every kind's documents are rows of
// SearchDocument (subjectKind, subjectId) with a `scope`: a kind says which scopes a reader may
// find (one call per search: the filter the candidate query applies inside the index walk, so
// the candidates stay bounded), and, for a page of results, which of them the reader may read
// now and where they lead (one batch per kind). Domains declare their kinds in their own module;
// this list is the only place that registers them, so every process, worker, test and script
// has them without depending on what happened to be imported first.
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { forumSearchSubjects } from '#app/modules/forums/subjects.server.ts'
import { planSearchSubjects } from '#app/modules/plans/subjects.server.ts'
import { quarterlySearchSubjects } from '#app/modules/quarterly/subjects.server.ts'
import { vendorSearchSubjects } from '#app/modules/vendors/subjects.server.ts'
import { FORUM_POST } from './plan.ts'

export type SearchViewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

/** What a result of a kind shows: its name, a word for what it is, and where it leads. */
export type SearchLink = { href: string; title: string; label: string }

export type SearchSubject = {
	/** "<domain>.<thing>", e.g. "forum.post". */
	kind: string
	/** The scopes (SearchDocument.scope) whose documents the viewer may find; none leaves the kind out. */
	scopes(viewer: SearchViewer): Promise<string[]>
	/**
	 * Of a page of results, those the viewer may read now, with their links: one query for the
	 * batch. Forum posts have none: search reads their results with the post, its thread and its
	 * forum, and checks their access in the same statements (search.server.ts).
	 */
	results?(viewer: SearchViewer, subjectIds: string[]): Promise<Map<string, SearchLink>>
}

export { FORUM_POST }

const kinds = new Map<string, SearchSubject>()

/** Adds a kind; answers a function that removes it again (for tests that add their own). */
export function registerSearchSubject(subject: SearchSubject): () => void {
	if (kinds.has(subject.kind))
		throw new Error(`Search subject kind "${subject.kind}" is registered twice`)
	if (subject.kind !== FORUM_POST && !subject.results)
		throw new Error(`Search subject kind "${subject.kind}" needs results()`)
	kinds.set(subject.kind, subject)
	return () => {
		kinds.delete(subject.kind)
	}
}

export function searchSubject(kind: string): SearchSubject | undefined {
	return kinds.get(kind)
}

export function searchSubjects(): SearchSubject[] {
	return [...kinds.values()]
}

for (const subject of [
	...forumSearchSubjects,
	...planSearchSubjects,
	...quarterlySearchSubjects,
	...vendorSearchSubjects,
])
	registerSearchSubject(subject)
