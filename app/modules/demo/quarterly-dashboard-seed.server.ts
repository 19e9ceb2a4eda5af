// Demo content of the moderators' dashboard: the agenda of a cycle, drawn from its submitted
// updates as a moderator would draw it, with a facilitator's note on the most common blocker and
// a closing round of commitments, so that a moderator can start the demo meeting at once. Skips a
// cycle that already has an agenda (seeders run again on every `npm run demo`).
import { accessFromFacts } from '#app/modules/quarterly/access.server.ts'
import { addAgendaItem, generateAgenda, listAgenda, updateAgendaItem } from '#app/modules/quarterly/agenda.server.ts'
import { db } from '#app/utils/db.server.ts'

export async function seedQuarterlyDashboard(cycleId: string): Promise<void> {
	const cycle = await db.reviewCycle.findUniqueOrThrow({
		where: { id: cycleId },
		select: { id: true, groupId: true, quarter: true, status: true, visibility: true },
	})
	if ((await db.agendaItem.count({ where: { cycleId } })) > 0) return
	// Seeding acts as the group's moderator would: the access rule on the moderator's facts.
	const access = accessFromFacts(cycle, 'moderator')!
	const outcome = await generateAgenda(access, { replace: false })
	if (!outcome.ok) return
	const items = await listAgenda(cycleId)
	const blocker = items.find((item) => item.kind === 'blocker')
	if (blocker)
		await updateAgendaItem(cycleId, blocker.id, {
			minutes: 20,
			note: `${blocker.note ? `${blocker.note}. ` : ''}Open with what each of you tried this quarter; agree one experiment each before moving on.`,
		})
	await addAgendaItem(cycleId, {
		title: 'Commitments for next quarter',
		minutes: 15,
		note: 'Each member names one commitment; capture each as an action item with an owner and a due date.',
	})
}
