import type { DbTransaction } from '#app/utils/db.server.ts'
import { facetTokens } from './facets.ts'


// The search index is one SearchDocument row per visible post; the engine's own full-text index
// (FTS5 on SQLite, a tsvector on PostgreSQL, both made in the migrations) follows the rows.

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
		create: { postId: doc.postId, threadId: doc.threadId, forumId: doc.forumId, title: doc.title, body, facets },
		update: { title: doc.title, body, forumId: doc.forumId, facets },
	})
}

export async function unindexPost(tx: DbTransaction, postId: string): Promise<void> {
	await tx.searchDocument.deleteMany({ where: { postId } })
}

export async function reindexThreadTitle(tx: DbTransaction, threadId: string, title: string): Promise<void> {
	await tx.searchDocument.updateMany({ where: { threadId }, data: { title } })
}
