import { z } from 'zod'

// The plans' live events, declared once for both sides (app/utils/realtime.ts combines the
// families). A plan has one room; only those the plans access rule lets see the plan are in it.

export const PLAN_EVENTS = {
	checkIn: 'plan:check-in',
	review: 'plan:review',
	comment: 'plan:comment',
} as const

/** A new check-in on one of the plan's goals. */
export type PlanCheckInEvent = { planId: string; goalId: string; checkInId: string }
/** A buddy gave or changed a verdict on a check-in. */
export type PlanReviewEvent = {
	planId: string
	checkInId: string
	buddyId: string
	verdict: string
}
/** Someone commented on a check-in. */
export type PlanCommentEvent = { planId: string; checkInId: string; commentId: string }

export type PlanServerEvents = {
	[PLAN_EVENTS.checkIn]: PlanCheckInEvent
	[PLAN_EVENTS.review]: PlanReviewEvent
	[PLAN_EVENTS.comment]: PlanCommentEvent
}

const planRoom = z.object({ planId: z.string().min(1).max(100) })

export const planClientEvents = {
	'plan:join': planRoom,
	'plan:leave': planRoom,
}
