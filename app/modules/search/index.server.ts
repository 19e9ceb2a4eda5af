import type { DbTransaction } from '#app/utils/db.server.ts'


// The search index is one SearchDocument row per visible post; the engine's own full-text index
// (FTS5 on SQLite, a tsvector on PostgreSQL, both made in the migrations) follows the rows.

export async function indexPost(
	tx: DbTransaction,
	doc: { postId: string; threadId: string; forumId: string; title: string; text: string },
): Promise<void> {
	const body = doc.text
	await tx.searchDocument.upsert({
		where: { postId: doc.postId },
		create: { postId: doc.postId, threadId: doc.threadId, forumId: doc.forumId, title: doc.title, body },
		update: { title: doc.title, body, forumId: doc.forumId },
	})
}

export async function unindexPost(tx: DbTransaction, postId: string): Promise<void> {
	await tx.searchDocument.deleteMany({ where: { postId } })
}

export async function reindexThreadTitle(tx: DbTransaction, threadId: string, title: string): Promise<void> {
	await tx.searchDocument.updateMany({ where: { threadId }, data: { title } })
}
