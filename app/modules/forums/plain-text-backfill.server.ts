import { markdownToText, MarkdownRefusedError } from '#app/modules/markdown/renderer.server.ts'
import { db } from '#app/utils/db.server.ts'

const BATCH = 200
/** Its row in MaintenanceTask once a pass has filled in everything. */
export const PLAIN_TEXT_BACKFILL = 'plain-text-backfill'

async function textOf(markdown: string): Promise<string> {
	try {
		return await markdownToText(markdown)
	} catch (error) {
		// A body the renderer refuses today was accepted before the limits: its raw words will do.
		if (error instanceof MarkdownRefusedError) return markdown.slice(0, 5_000)
		throw error
	}
}

/**
 * Posts and lessons written before plain text was stored beside the HTML get it once, in the
 * background after start (walking by id, so a post whose text is empty is not read twice).
 * Every post written since has its text, so once a pass has finished it is recorded, and later
 * starts skip the pass with one lookup instead of reading through every post.
 * Returns how many rows were filled.
 */
export async function backfillPlainText(): Promise<number> {
	if (await db.maintenanceTask.findUnique({ where: { name: PLAIN_TEXT_BACKFILL }, select: { name: true } })) return 0
	let filled = 0
	let after = ''
	for (;;) {
		const posts = await db.post.findMany({
			where: { id: { gt: after }, bodyText: '', NOT: { body: '' } },
			orderBy: { id: 'asc' },
			take: BATCH,
			select: { id: true, body: true },
		})
		if (posts.length === 0) break
		for (const post of posts) {
			await db.post.update({ where: { id: post.id }, data: { bodyText: await textOf(post.body) } })
		}
		filled += posts.length
		after = posts.at(-1)!.id
	}
	const lessons = await db.thread.findMany({
		where: { lessonLearnedText: null, NOT: { lessonLearned: null } },
		select: { id: true, lessonLearned: true },
	})
	for (const lesson of lessons) {
		await db.thread.update({ where: { id: lesson.id }, data: { lessonLearnedText: await textOf(lesson.lessonLearned!) } })
	}
	await db.maintenanceTask.upsert({ where: { name: PLAIN_TEXT_BACKFILL }, create: { name: PLAIN_TEXT_BACKFILL }, update: {} })
	return filled + lessons.length
}
