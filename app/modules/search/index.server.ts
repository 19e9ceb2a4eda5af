import type { DbTransaction } from '#app/utils/db.server.ts'
import { facet, facetTokens } from './facets.ts'
import { FORUM_POST } from './plan.ts'
import { searchSubject } from './subjects.server.ts'

// The search index is one SearchDocument row per visible post, and per subject of another kind
// (subjects.server.ts); the engine's own full-text index (FTS5 on SQLite, a tsvector on
// PostgreSQL, both made in the migrations) follows the rows.

export async function indexPost(
	tx: DbTransaction,
	doc: { postId: string; threadId: string; forumId: string; title: string; text: string },
): Promise<void> {
	const body = doc.text
	// The filter tokens come from the rows themselves, so no caller can pass stale ones. Author
	// and kind never change once written; the forum is the thread's (facets.ts).
	const post = await tx.post.findUniqueOrThrow({
		where: { id: doc.postId },
		select: { authorId: true, thread: { select: { kind: true, forumId: true } } },
	})
	const facets = facetTokens({ forumId: post.thread.forumId, authorId: post.authorId, kind: post.thread.kind })
	await tx.searchDocument.upsert({
		where: { postId: doc.postId },
		create: {
			subjectKind: FORUM_POST,
			subjectId: doc.postId,
			scope: doc.forumId,
			postId: doc.postId,
			threadId: doc.threadId,
			title: doc.title,
			body,
			facets,
		},
		update: { title: doc.title, body, scope: doc.forumId, facets },
	})
}

/**
 * Indexes (or indexes again) a subject of a registered kind other than forum posts: its scope is
 * what the kind's `scopes` grant readers by. The domain calls it in the transaction that writes
 * the subject, and unindexSubject when the subject goes or may no longer be found.
 */
export async function indexSubject(
	tx: DbTransaction,
	doc: { kind: string; id: string; scope: string; title: string; text: string },
): Promise<void> {
	if (doc.kind === FORUM_POST || !searchSubject(doc.kind)) throw new Error(`Not a search subject kind for indexSubject: "${doc.kind}"`)
	const facets = facet.subject(doc.kind)
	await tx.searchDocument.upsert({
		where: { subjectKind_subjectId: { subjectKind: doc.kind, subjectId: doc.id } },
		create: { subjectKind: doc.kind, subjectId: doc.id, scope: doc.scope, title: doc.title, body: doc.text, facets },
		update: { scope: doc.scope, title: doc.title, body: doc.text, facets },
	})
}

export async function unindexSubject(tx: DbTransaction, kind: string, ids: string[]): Promise<void> {
	if (ids.length > 0) await tx.searchDocument.deleteMany({ where: { subjectKind: kind, subjectId: { in: ids } } })
}

export async function unindexPost(tx: DbTransaction, postId: string): Promise<void> {
	await tx.searchDocument.deleteMany({ where: { postId } })
}

export async function reindexThreadTitle(tx: DbTransaction, threadId: string, title: string): Promise<void> {
	await tx.searchDocument.updateMany({ where: { threadId }, data: { title } })
}
