// Program deadlines in calendars: a member's private feed of the programs they follow (a link a
// calendar app subscribes to, without a session: the token in the link is the key), one
// program's file, and "deadlines this month". Every list is of programs the member may still see
// (the vendors access rule), so a feed stops showing a program its owner lost access to.
import ical, { ICalEventTransparency } from 'ical-generator'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { generateToken, hashToken } from '#app/modules/auth/sessions.server.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { catalogueViewer, visibleProgramsWhere } from './access.server.ts'
import {
	calendarDaysOf,
	formatDay,
	monthRange,
	programTitle,
	type CalendarDayKey,
	type Month,
} from './program-dates.ts'
import { daysUntil, type ProgramDates } from './status.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

const DAY_MS = 24 * 60 * 60 * 1000

export type CalendarProgram = ProgramDates & {
	id: string
	name: string
	updatedAt: Date
	vendor: { name: string }
}

const programFields = {
	id: true,
	name: true,
	updatedAt: true,
	enrollOpensOn: true,
	enrollClosesOn: true,
	claimOpensOn: true,
	claimClosesOn: true,
	proofDueOn: true,
	vendor: { select: { name: true } },
} as const

// ---------------------------------------------------------------------------------------------
// The private feed link: one per member, its token shown once; only the token's SHA-256 is kept
// (as for sessions), so a leaked database row cannot be replayed as a link.

/** Makes the member's link, replacing the one they had (which stops working): the token, to show once. */
export async function createCalendarFeed(userId: string): Promise<string> {
	const token = generateToken()
	const tokenHash = hashToken(token)
	await db.calendarFeed.upsert({
		where: { userId },
		create: { userId, tokenHash },
		update: { tokenHash, createdAt: new Date() },
	})
	return token
}

/** Revokes the member's link; false when they had none. */
export async function revokeCalendarFeed(userId: string): Promise<boolean> {
	return (await db.calendarFeed.deleteMany({ where: { userId } })).count > 0
}

export async function calendarFeedOf(userId: string): Promise<{ createdAt: Date } | null> {
	return db.calendarFeed.findUnique({ where: { userId }, select: { createdAt: true } })
}

/** The member a feed token belongs to, or null (unknown, revoked or replaced). */
export async function calendarFeedOwner(token: string): Promise<Viewer | null> {
	if (token.length === 0 || token.length > 100) return null
	const feed = await db.calendarFeed.findUnique({
		where: { tokenHash: hashToken(token) },
		select: { user: { select: { id: true, isSiteAdmin: true } } },
	})
	return feed?.user ?? null
}

// Calendar apps fetch a feed every few minutes to every few hours; a link fetched more often than
// this is being hammered (a leaked link, a broken client). Per link, and per address for links
// that do not exist. In memory, per instance, like the other limits.
export const CALENDAR_FEED_LIMITS = {
	perFeedPerHour: { points: 60, duration: 60 * 60 },
	perIpPerHour: { points: 600, duration: 60 * 60 },
} as const

const globalForLimits = globalThis as unknown as {
	__peerpowerCalendarLimiters?: Record<keyof typeof CALENDAR_FEED_LIMITS, RateLimiterMemory>
}

function feedLimiters() {
	globalForLimits.__peerpowerCalendarLimiters ??= {
		perFeedPerHour: new RateLimiterMemory({
			keyPrefix: 'calendar-feed',
			...CALENDAR_FEED_LIMITS.perFeedPerHour,
		}),
		perIpPerHour: new RateLimiterMemory({
			keyPrefix: 'calendar-ip',
			...CALENDAR_FEED_LIMITS.perIpPerHour,
		}),
	}
	return globalForLimits.__peerpowerCalendarLimiters
}

/** Takes a point for one fetch of a feed; the seconds to wait when the limit is spent. */
export async function chargeFeedFetch(
	token: string,
	ip: string,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
	const limiters = feedLimiters()
	try {
		await limiters.perIpPerHour.consume(ip || 'unknown')
		await limiters.perFeedPerHour.consume(hashToken(token))
		return { allowed: true }
	} catch (error) {
		if (!(error instanceof RateLimiterRes)) throw error
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
	}
}

// ---------------------------------------------------------------------------------------------
// Which programs.

/** The programs the member follows and may still see, by name. */
export async function followedPrograms(viewer: Viewer): Promise<CalendarProgram[]> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return []
	return db.vendorProgram.findMany({
		where: { AND: [visibleProgramsWhere(cv), { follows: { some: { userId: viewer.id } } }] },
		select: programFields,
		orderBy: { name: 'asc' },
	})
}

export async function programForCalendar(programId: string): Promise<CalendarProgram | null> {
	return db.vendorProgram.findUnique({ where: { id: programId }, select: programFields })
}

// ---------------------------------------------------------------------------------------------
// The iCalendar text.

/** A stable UID per program and day kind: a calendar app updates the event when the day moves. */
export function eventUid(programId: string, key: CalendarDayKey): string {
	return `${programId}-${key}@peerpower`
}

/**
 * The programs' days as all-day events: "HP Flex MDF: Enrollment closes", the program's address,
 * and a stable UID. `origin` makes the addresses absolute (a calendar app has no page to resolve
 * them against).
 */
export function programsCalendar(
	programs: CalendarProgram[],
	options: { name: string; origin: string },
): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'PeerPower', product: 'Program deadlines', language: 'EN' },
		// How often a subscribing app should look again.
		ttl: 60 * 60 * 6,
	})
	for (const program of programs) {
		const title = programTitle(program.vendor.name, program.name)
		const url = `${options.origin}/programs/${program.id}`
		const days = calendarDaysOf(program)
		for (const day of days) {
			calendar.createEvent({
				id: eventUid(program.id, day.key),
				allDay: true,
				start: day.on,
				end: new Date(day.on.getTime() + DAY_MS),
				stamp: program.updatedAt,
				summary: `${title}: ${day.label}`,
				description: [
					`${day.label}: ${formatDay(day.on)}.`,
					...days
						.filter((other) => other !== day)
						.map((other) => `${other.label}: ${formatDay(other.on)}`),
					'',
					url,
				].join('\n'),
				url,
				// A deadline is a reminder, not a meeting: it leaves the day free.
				transparency: ICalEventTransparency.TRANSPARENT,
			})
		}
	}
	return calendar.toString()
}

/** The answer that serves a calendar: a file to open (`attachment`), or a feed to subscribe to. */
export function calendarResponse(
	body: string,
	filename: string,
	init: { attachment?: boolean } = {},
) {
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `${init.attachment ? 'attachment' : 'inline'}; filename="${filename}"`,
			// Private either way: the feed is one member's, a program's file is for who may see it.
			'Cache-Control': 'private, no-store',
		},
	})
}

// ---------------------------------------------------------------------------------------------
// Deadlines this month.

export type MonthDeadline = {
	programId: string
	programName: string
	vendorName: string
	key: CalendarDayKey
	label: string
	on: Date
	daysLeft: number
}

/** The followed programs' days that fall in the month, in date order, then by program name. */
export async function deadlinesInMonth(
	viewer: Viewer,
	month: Month,
	now: Date,
): Promise<MonthDeadline[]> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return []
	const { from, to } = monthRange(month)
	const span = { gte: from, lt: to }
	const programs = await db.vendorProgram.findMany({
		where: {
			AND: [
				visibleProgramsWhere(cv),
				{ follows: { some: { userId: viewer.id } } },
				{
					OR: [
						{ enrollOpensOn: span },
						{ enrollClosesOn: span },
						{ claimOpensOn: span },
						{ claimClosesOn: span },
						{ proofDueOn: span },
					],
				},
			],
		},
		select: programFields,
	})
	return programs
		.flatMap((program) =>
			calendarDaysOf(program)
				.filter((day) => day.on >= from && day.on < to)
				.map((day) => ({
					programId: program.id,
					programName: program.name,
					vendorName: program.vendor.name,
					key: day.key,
					label: day.label,
					on: day.on,
					daysLeft: daysUntil(day.on, now),
				})),
		)
		.sort((a, b) => a.on.getTime() - b.on.getTime() || a.programName.localeCompare(b.programName))
}

/** Whether the member follows any program at all (the empty month says how to start). */
export async function followsAny(userId: string): Promise<boolean> {
	return (await db.programFollow.count({ where: { userId } })) > 0
}
