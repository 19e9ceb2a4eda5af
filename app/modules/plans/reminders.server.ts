import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import type { ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { isDoneCheckIn } from './buddies.ts'
import { PLAN_PLAN } from './subjects.server.ts'

const HOUR = 60 * 60 * 1000
// Enough to keep one run short; the rest are found at the next run (their keys are not yet done).
const BATCH = 500

/**
 * The period a reminder belongs to, by the plan's cadence: "2027-03" (monthly, the default) or
 * "2027-Q1" (quarterly). One reminder per plan per period.
 */
export function reminderPeriod(cadence: string, now: Date): string {
	const year = now.getUTCFullYear()
	const month = now.getUTCMonth()
	if (cadence === 'quarterly') return `${year}-Q${Math.floor(month / 3) + 1}`
	return `${year}-${String(month + 1).padStart(2, '0')}`
}

export const reminderKey = (planId: string, period: string) => `plans.reminder:${planId}:${period}`

/**
 * "Check-ins are due": once per period of the plan's cadence, to the owner of each plan of the
 * current year that still has a goal neither dropped nor done. Each reminder is done through
 * `once`, so a rerun, a restart or a second instance never sends it twice.
 */
export const planRemindersJob: ScheduledJob = {
	name: 'plans.reminders',
	everyMs: HOUR,
	async run({ now, once, realtime }) {
		let cursor: string | undefined
		for (;;) {
			const plans = await db.plan.findMany({
				where: {
					year: now.getUTCFullYear(),
					goals: { some: { droppedAt: null } },
					...(cursor ? { id: { gt: cursor } } : {}),
				},
				select: {
					id: true,
					ownerId: true,
					reminderCadence: true,
					goals: {
						where: { droppedAt: null },
						select: {
							checkIns: {
								select: { done: true, status: true },
								orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }],
								take: 1,
							},
						},
					},
				},
				orderBy: { id: 'asc' },
				take: BATCH,
			})
			for (const plan of plans) {
				if (plan.goals.every((goal) => isDoneCheckIn(goal.checkIns[0]))) continue
				const subject = { kind: PLAN_PLAN, id: plan.id }
				await once(reminderKey(plan.id, reminderPeriod(plan.reminderCadence, now)), async (tx) => {
					await recordNotifications(tx, {
						subject,
						actorId: plan.ownerId,
						recipients: [{ userId: plan.ownerId, type: 'reminder' }],
					})
					return () => announceNotifications(realtime, subject, [plan.ownerId])
				})
			}
			if (plans.length < BATCH) return
			cursor = plans[plans.length - 1]!.id
		}
	},
}
