import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import type { CycleAccess } from './access.server.ts'
import { pendingMemberIds } from './completion.server.ts'
import { QUARTERLY_REMINDER } from './dashboard-subjects.server.ts'

// "Remind everyone pending": a moderator's nudge to every member whose update is a draft or not
// started, at most once in 24 hours per cycle, whichever moderator sends it. The limit is claimed
// by one conditional update of ReviewCycle.lastRemindedAt, so two moderators pressing at once on
// two instances send one reminder, not two (on SQLite and PostgreSQL alike).

export const REMIND_INTERVAL_MS = 24 * 60 * 60 * 1000

export type RemindOutcome =
	| { ok: true; reminded: number }
	| { ok: false; reason: 'not-open' }
	| { ok: false; reason: 'nobody-pending' }
	| { ok: false; reason: 'limit'; lastAt: Date; nextAt: Date }

export async function remindPending(
	access: CycleAccess,
	actor: { id: string },
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<RemindOutcome> {
	if (!access.canManage) throw new Error('Only moderators remind')
	const cycle = await db.reviewCycle.findUniqueOrThrow({
		where: { id: access.cycleId },
		select: { status: true, lastRemindedAt: true },
	})
	if (cycle.status !== 'open') return { ok: false, reason: 'not-open' }
	const limited = (lastAt: Date) => ({
		ok: false as const,
		reason: 'limit' as const,
		lastAt,
		nextAt: new Date(lastAt.getTime() + REMIND_INTERVAL_MS),
	})
	if (cycle.lastRemindedAt && now.getTime() - cycle.lastRemindedAt.getTime() < REMIND_INTERVAL_MS)
		return limited(cycle.lastRemindedAt)
	const recipients = await pendingMemberIds(access.cycleId, access.groupId)
	if (recipients.length === 0) return { ok: false, reason: 'nobody-pending' }
	const subject = { kind: QUARTERLY_REMINDER, id: access.cycleId }
	const claimed = await db.$transaction(async (tx) => {
		const { count } = await tx.reviewCycle.updateMany({
			where: {
				id: access.cycleId,
				status: 'open',
				OR: [{ lastRemindedAt: null }, { lastRemindedAt: { lte: new Date(now.getTime() - REMIND_INTERVAL_MS) } }],
			},
			data: { lastRemindedAt: now },
		})
		if (count === 0) return false
		await recordNotifications(tx, {
			subject,
			actorId: actor.id,
			recipients: recipients.map((userId) => ({ userId, type: 'review-reminder' })),
		})
		return true
	})
	if (!claimed) {
		// Another moderator reminded between our read and our write: theirs is the one.
		const after = await db.reviewCycle.findUniqueOrThrow({
			where: { id: access.cycleId },
			select: { lastRemindedAt: true, status: true },
		})
		if (after.status !== 'open' || !after.lastRemindedAt) return { ok: false, reason: 'not-open' }
		return limited(after.lastRemindedAt)
	}
	announceNotifications(realtime, subject, recipients)
	return { ok: true, reminded: recipients.length }
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false })
const dayNumber = (date: Date) => Math.floor(date.getTime() / (24 * 60 * 60 * 1000))

/** "today", "yesterday", "tomorrow" or "on 3 Dec", as a UTC day seen from `now`. */
function dayWord(date: Date, now: Date): string {
	const offset = dayNumber(date) - dayNumber(now)
	if (offset === 0) return 'today'
	if (offset === -1) return 'yesterday'
	if (offset === 1) return 'tomorrow'
	return `on ${date.getUTCDate()} ${date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}`
}

/** The sentence a refusal shows (times in UTC, as every quarterly date is). */
export function remindRefusal(outcome: Extract<RemindOutcome, { ok: false }>, now: Date = new Date()): string {
	if (outcome.reason === 'not-open') return 'Reminders go out only while the cycle is open.'
	if (outcome.reason === 'nobody-pending') return 'Everyone has submitted: there is nobody to remind.'
	return `Everyone pending was reminded at ${clock.format(outcome.lastAt)} UTC ${dayWord(outcome.lastAt, now)}; the next reminder is possible after ${clock.format(outcome.nextAt)} UTC ${dayWord(outcome.nextAt, now)}.`
}
