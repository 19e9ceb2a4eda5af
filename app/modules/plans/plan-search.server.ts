// Plans' search documents, written in the transaction that writes what they index (their kinds
// and who may find them: subjects.server.ts). A module of its own: the search registry imports
// the plans' kinds, and this one imports the search index, which reads that registry.
import { indexSubject } from '#app/modules/search/index.server.ts'
import type { DbTransaction } from '#app/utils/db.server.ts'
import { PLAN_CHECK_IN, PLAN_GOAL } from './subjects.server.ts'

/** Writes a goal's search document (its title and why), in the transaction that writes the goal. */
export async function indexGoal(
	tx: DbTransaction,
	goal: { id: string; planId: string; title: string; why: string },
): Promise<void> {
	await indexSubject(tx, {
		kind: PLAN_GOAL,
		id: goal.id,
		scope: goal.planId,
		title: goal.title,
		text: goal.why,
	})
}

/**
 * Writes a check-in's search document: its note and the comments on it, under its goal's title.
 * Called when the check-in is recorded and when someone comments on it; a check-in with neither a
 * note nor a comment has nothing to find.
 */
export async function indexCheckIn(tx: DbTransaction, checkInId: string): Promise<void> {
	const checkIn = await tx.checkIn.findUnique({
		where: { id: checkInId },
		select: {
			note: true,
			goal: { select: { title: true, planId: true } },
			comments: { orderBy: { createdAt: 'asc' }, select: { body: true } },
		},
	})
	if (!checkIn) return
	const text = [checkIn.note, ...checkIn.comments.map((comment) => comment.body)]
		.filter(Boolean)
		.join('\n\n')
	if (!text) return
	await indexSubject(tx, {
		kind: PLAN_CHECK_IN,
		id: checkInId,
		scope: checkIn.goal.planId,
		title: checkIn.goal.title,
		text,
	})
}
