import { db } from '#app/utils/db.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import type { CompletionStatus } from './dashboard.ts'

// Who has sent their update for a cycle: the moderators' completion view and the reminder's
// recipients read the same list. A draft is its author's alone (access.server.ts): moderators see
// only that one exists and when it was last saved, never what it says.

export { COMPLETION_LABELS, type CompletionStatus } from './dashboard.ts'

export type CompletionRow = {
	memberId: string
	name: string
	status: CompletionStatus
	/** When the update was sent (submitted) or last saved (draft); null when not started. */
	at: Date | null
}

export type Completion = {
	rows: CompletionRow[]
	counts: Record<CompletionStatus, number> & { expected: number }
}

/**
 * The cycle's expected updates: one from each member of the group (role "member"), and from a
 * moderator only when they have started one (a facilitator who is also an owner in the group).
 * Submitted first, then drafts, then those not started; by name within each.
 */
export async function cycleCompletion(cycleId: string, groupId: string): Promise<Completion> {
	const [memberships, submissions] = await Promise.all([
		db.membership.findMany({
			where: activeMembershipWhere({ groupId }),
			select: { role: true, user: { select: { id: true, name: true } } },
		}),
		db.reviewSubmission.findMany({
			where: { cycleId, member: { memberships: { some: activeMembershipWhere({ groupId }) } } },
			select: { memberId: true, status: true, submittedAt: true, updatedAt: true },
		}),
	])
	const byMember = new Map(submissions.map((submission) => [submission.memberId, submission]))
	const order: Record<CompletionStatus, number> = { submitted: 0, draft: 1, not_started: 2 }
	const rows = memberships
		.filter((membership) => membership.role !== 'moderator' || byMember.has(membership.user.id))
		.map((membership): CompletionRow => {
			const submission = byMember.get(membership.user.id)
			const status: CompletionStatus = !submission
				? 'not_started'
				: submission.status === 'submitted'
					? 'submitted'
					: 'draft'
			return {
				memberId: membership.user.id,
				name: membership.user.name,
				status,
				at: submission ? (status === 'submitted' ? (submission.submittedAt ?? submission.updatedAt) : submission.updatedAt) : null,
			}
		})
		.sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name))
	const counts = { submitted: 0, draft: 0, not_started: 0, expected: rows.length }
	for (const row of rows) counts[row.status] += 1
	return { rows, counts }
}

/** Those who have not submitted yet (a draft or nothing): whom "remind" notifies. */
export async function pendingMemberIds(cycleId: string, groupId: string): Promise<string[]> {
	const { rows } = await cycleCompletion(cycleId, groupId)
	return rows.filter((row) => row.status !== 'submitted').map((row) => row.memberId)
}

/** What the moderators' pages show of the cycle itself. */
export async function cycleOverview(cycleId: string) {
	return db.reviewCycle.findUniqueOrThrow({
		where: { id: cycleId },
		select: { id: true, quarter: true, status: true, visibility: true, opensOn: true, dueOn: true, lastRemindedAt: true },
	})
}
