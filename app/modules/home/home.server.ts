import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { listUnreadThreads } from '#app/modules/forums/reading.server.ts'
import { listGroupsOf, recentlyActiveMembers } from '#app/modules/groups/groups.server.ts'
import { listUnreadNotifications } from '#app/modules/notifications/notifications.server.ts'
import { PLAN_KIND_LABELS } from '#app/modules/plans/constants.ts'
import { listYearPlans } from '#app/modules/plans/plans.server.ts'
import { listOpenActionItems } from '#app/modules/quarterly/action-items.server.ts'
import { quarterlyNow } from '#app/modules/quarterly/cycles.server.ts'
import { followedPrograms } from '#app/modules/vendors/calendar.server.ts'
import { calendarDaysOf, programTitle } from '#app/modules/vendors/program-dates.ts'
import { daysUntil } from '#app/modules/vendors/status.ts'

// A member's day at a glance: each section asks its own domain, whose access module decides what
// the member may see (a group they left, a hidden thread, someone else's plan never shows here).
// Everything is read at once; no section reads per item of another.

export const HOME_LIMITS = {
	unreadThreads: 8,
	mentions: 6,
	actionItems: 5,
	activeMembers: 12,
	/** Followed programs' days this far ahead (today included). */
	deadlineDays: 30,
	deadlines: 6,
} as const

/** The notifications that are about the member's own words: the home page's "mentions and replies". */
export const MENTION_TYPES = ['mention', 'reply', 'quote'] as const

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

export async function memberHome(viewer: Viewer, now: Date = new Date()) {
	const [memberships, actionItems, unreadThreads, mentions, quarterly, plans, programs, active] =
		await Promise.all([
			listGroupsOf(viewer.id),
			listOpenActionItems(viewer),
			listUnreadThreads(viewer.id, { limit: HOME_LIMITS.unreadThreads, now }),
			listUnreadNotifications(viewer.id, { types: MENTION_TYPES, limit: HOME_LIMITS.mentions }),
			quarterlyNow(viewer, now),
			listYearPlans(viewer.id, now),
			followedPrograms(viewer),
			recentlyActiveMembers(viewer.id, { limit: HOME_LIMITS.activeMembers, now }),
		])
	const year = now.getUTCFullYear()
	const deadlines = programs
		.flatMap((program) =>
			calendarDaysOf(program).map((day) => ({
				programId: program.id,
				title: programTitle(program.vendor.name, program.name),
				label: day.label,
				on: day.on,
				daysLeft: daysUntil(day.on, now),
			})),
		)
		.filter((day) => day.daysLeft >= 0 && day.daysLeft <= HOME_LIMITS.deadlineDays)
		.sort((a, b) => a.on.getTime() - b.on.getTime() || a.title.localeCompare(b.title))
	return {
		groups: memberships.map(({ role, group }) => ({ ...group, role })),
		// Shown until done: the first few, the rest on /actions.
		actionItems: actionItems.slice(0, HOME_LIMITS.actionItems).map((item) => ({
			id: item.id,
			text: item.text,
			dueOn: item.dueOn,
			group: item.group.name,
		})),
		moreActionItems: Math.max(0, actionItems.length - HOME_LIMITS.actionItems),
		unreadThreads,
		mentions: mentions.map((n) => ({
			id: n.id,
			type: n.type,
			createdAt: n.createdAt,
			actor: n.actor,
			title: n.link.title,
		})),
		updatesToSend: quarterly.updatesToSend,
		liveMeetings: quarterly.liveMeetings,
		meetingsAhead: quarterly.meetingsAhead.map((meeting) => ({
			...meeting,
			daysLeft: daysUntil(meeting.on, now),
		})),
		// This year's plans with goals nobody has checked in on for a while.
		checkInsDue: plans
			.filter((ofYear) => ofYear.year === year)
			.flatMap((ofYear) => ofYear.plans)
			.filter((plan) => plan.staleCount > 0)
			.map((plan) => ({
				id: plan.id,
				title: `${PLAN_KIND_LABELS[plan.kind]} ${plan.year}`,
				staleCount: plan.staleCount,
			})),
		deadlines: deadlines.slice(0, HOME_LIMITS.deadlines),
		followsPrograms: programs.length > 0,
		activeMembers: active,
	}
}

export type MemberHome = Awaited<ReturnType<typeof memberHome>>
