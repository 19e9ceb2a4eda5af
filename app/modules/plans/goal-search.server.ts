// A goal's search document, written in the transaction that writes the goal (its kind and who may
// find it: subjects.server.ts). A module of its own: the search registry imports the plans' kinds,
// and this one imports the search index, which reads that registry.
import { indexSubject } from '#app/modules/search/index.server.ts'
import type { DbTransaction } from '#app/utils/db.server.ts'
import { PLAN_GOAL } from './subjects.server.ts'

/** Writes a goal's search document, in the transaction that writes the goal. */
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
