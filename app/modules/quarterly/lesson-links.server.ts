import { listedThreadWhere } from '#app/modules/forums/access.server.ts'
import { getGroupForum } from '#app/modules/forums/forums.server.ts'
import { db } from '#app/utils/db.server.ts'
import { parseQuarter, quarterBounds } from './quarters.ts'

export type LessonChoice = { id: string; title: string; createdAt: Date }

/**
 * The lessons learned a member may link to their update: lesson threads they wrote in this
 * group's forum during the cycle's quarter, that the forums' rule lists to them (not hidden).
 */
export async function lessonChoices(viewer: { id: string }, groupId: string, quarter: string): Promise<LessonChoice[]> {
	const parsed = parseQuarter(quarter)
	const forum = await getGroupForum(groupId)
	if (!parsed || !forum) return []
	const { start, end } = quarterBounds(parsed)
	return db.thread.findMany({
		where: {
			AND: [
				await listedThreadWhere(viewer.id),
				{ forumId: forum.id, kind: 'lesson', authorId: viewer.id, createdAt: { gte: start, lt: end } },
			],
		},
		orderBy: { createdAt: 'desc' },
		select: { id: true, title: true, createdAt: true },
		take: 20,
	})
}

/** A linked lesson as a reader of the update sees it: its title, if the reader may read it. */
export async function linkedLesson(viewer: { id: string }, threadId: string | null): Promise<{ id: string; title: string } | null> {
	if (!threadId) return null
	return db.thread.findFirst({ where: { AND: [await listedThreadWhere(viewer.id), { id: threadId }] }, select: { id: true, title: true } })
}
