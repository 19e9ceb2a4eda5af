import { markdownToText, MarkdownRefusedError } from '#app/modules/markdown/renderer.server.ts'
import type { ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { logger } from '#app/utils/logger.server.ts'

const BATCH = 200
/** Its key among the scheduler's work done, once a pass has filled in everything. */
export const PLAIN_TEXT_BACKFILL = 'forums.plain-text-backfill'

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
 * background: the scheduler's first run after a start (pages work meanwhile) (walking by id, so a post whose text is empty is not read twice).
 * Every post written since has its text, so once a pass has finished it is recorded, and later
 * starts skip the pass with one lookup instead of reading through every post.
 * Returns how many rows were filled.
 */
export async function backfillPlainText(): Promise<number> {
	if (await db.scheduledWorkDone.findUnique({ where: { key: PLAIN_TEXT_BACKFILL }, select: { key: true } })) return 0
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
	await db.scheduledWorkDone.upsert({
		where: { key: PLAIN_TEXT_BACKFILL },
		create: { key: PLAIN_TEXT_BACKFILL, job: PLAIN_TEXT_BACKFILL },
		update: {},
	})
	return filled + lessons.length
}

/** The backfill as scheduled work: a no-op lookup once it has finished. */
export const plainTextBackfillJob: ScheduledJob = {
	name: PLAIN_TEXT_BACKFILL,
	everyMs: 24 * 60 * 60 * 1000,
	async run() {
		const filled = await backfillPlainText()
		if (filled > 0) logger.info({ filled }, 'stored plain text of earlier posts')
	},
}
