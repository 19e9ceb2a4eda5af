import type { DeadlineKind, ProgramDates } from './status.ts'
import type { DueNotice } from './deadlines.ts'

// The days of a program a follower puts in a calendar (the feed, one program's file, "deadlines
// this month"), and how a deadline notice reads. Shared by the server and the pages.

export const CALENDAR_DAYS = [
	{ field: 'enrollOpensOn', key: 'enroll-opens', label: 'Enrollment opens' },
	{ field: 'enrollClosesOn', key: 'enroll-closes', label: 'Enrollment closes' },
	{ field: 'claimOpensOn', key: 'claim-opens', label: 'Claim window opens' },
	{ field: 'claimClosesOn', key: 'claim-closes', label: 'Claim window closes' },
	{ field: 'proofDueOn', key: 'proof-due', label: 'Proof of performance due' },
] as const satisfies ReadonlyArray<{ field: keyof ProgramDates; key: string; label: string }>
export type CalendarDayKey = (typeof CALENDAR_DAYS)[number]['key']

export type CalendarDay = { key: CalendarDayKey; label: string; on: Date }

/** The program's days that are set, in date order (a tie keeps the order above). */
export function calendarDaysOf(dates: ProgramDates): CalendarDay[] {
	return CALENDAR_DAYS.flatMap(({ field, key, label }) => {
		const on = dates[field]
		return on ? [{ key, label, on }] : []
	}).sort((a, b) => a.on.getTime() - b.on.getTime())
}

/** "HP Flex MDF": the vendor's name before the program's, unless the program's name has it already. */
export function programTitle(vendorName: string, programName: string): string {
	return programName.toLowerCase().startsWith(vendorName.toLowerCase())
		? programName
		: `${vendorName} ${programName}`
}

/** "15 Dec 2026" (UTC day), as the calendar pages write days. */
export function formatDay(day: Date, options: { year?: boolean } = {}): string {
	return day.toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'short',
		...(options.year === false ? {} : { year: 'numeric' }),
		timeZone: 'UTC',
	})
}

// A deadline notice is a notification about the program (kind "vendors.program") whose type names
// the deadline, its day and the days that were left when it was sent: the list reads it as one
// sentence, "HP Flex MDF: enrollment closes in 14 days (15 Dec)".

const NOTICE_PHRASES: Record<DeadlineKind, string> = {
	enrollCloses: 'enrollment closes',
	claimCloses: 'the claim window closes',
	proofDue: 'proof of performance is due',
}
const NOTICE_TYPE = /^deadline:(enrollCloses|claimCloses|proofDue):(\d{1,3}):(\d{4}-\d{2}-\d{2})$/

export function deadlineNoticeType(notice: Pick<DueNotice, 'kind' | 'daysLeft' | 'on'>): string {
	return `deadline:${notice.kind}:${notice.daysLeft}:${notice.on.toISOString().slice(0, 10)}`
}

/** The sentence of a deadline notice about `title`, or null when the type is not one. */
export function deadlineNoticeText(type: string, title: string): string | null {
	const match = NOTICE_TYPE.exec(type)
	if (!match) return null
	const [, kind, days, day] = match as unknown as [string, DeadlineKind, string, string]
	const left = Number(days)
	const when = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`
	return `${title}: ${NOTICE_PHRASES[kind]} ${when} (${formatDay(new Date(`${day}T00:00:00Z`), { year: false })})`
}

/** "in 3 days", "today", "2 days ago": how far a day is from today. */
export function daysLeftText(daysLeft: number): string {
	if (daysLeft === 0) return 'today'
	if (daysLeft === 1) return 'tomorrow'
	if (daysLeft === -1) return 'yesterday'
	return daysLeft > 0 ? `in ${daysLeft} days` : `${-daysLeft} days ago`
}

/** A month as "2026-12": the ?month= of the deadlines page. */
export type Month = { year: number; month: number }

/** The month a ?month= value names, or null when it names none (any other text, a year out of range). */
export function parseMonth(value: string | null): Month | null {
	const match = value ? /^(\d{4})-(\d{2})$/.exec(value) : null
	if (!match) return null
	const year = Number(match[1])
	const month = Number(match[2])
	if (month < 1 || month > 12 || year < 2000 || year > 2100) return null
	return { year, month }
}

export function monthOf(now: Date): Month {
	return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 }
}

export function monthParam({ year, month }: Month): string {
	return `${year}-${String(month).padStart(2, '0')}`
}

export function addMonths({ year, month }: Month, count: number): Month {
	const index = year * 12 + (month - 1) + count
	return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

/** The first instant of the month and of the next (UTC). */
export function monthRange({ year, month }: Month): { from: Date; to: Date } {
	return { from: new Date(Date.UTC(year, month - 1, 1)), to: new Date(Date.UTC(year, month, 1)) }
}

export function monthLabel({ year, month }: Month): string {
	return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC',
	})
}
