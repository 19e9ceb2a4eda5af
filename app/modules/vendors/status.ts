import { ENDING_SOON_DAYS } from './constants.ts'

// A program's status follows from its dates alone (UTC days), never stored: upcoming, open,
// ending soon (its last day to take part is within ENDING_SOON_DAYS) or ended.

export const PROGRAM_STATUSES = ['upcoming', 'open', 'ending_soon', 'ended'] as const
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number]
export const PROGRAM_STATUS_LABELS: Record<ProgramStatus, string> = {
	upcoming: 'Upcoming',
	open: 'Open',
	ending_soon: 'Ending soon',
	ended: 'Ended',
}

export type ProgramDates = {
	enrollOpensOn: Date | null
	enrollClosesOn: Date | null
	claimOpensOn: Date | null
	claimClosesOn: Date | null
	proofDueOn: Date | null
}

export const DEADLINE_KINDS = ['enrollCloses', 'claimCloses', 'proofDue'] as const
export type DeadlineKind = (typeof DEADLINE_KINDS)[number]
export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
	enrollCloses: 'Enrollment closes',
	claimCloses: 'Claims close',
	proofDue: 'Proof of performance due',
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Midnight UTC of the day an instant falls on. */
export function startOfUtcDay(date: Date): Date {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

/** Whole days from today to a day (0 on the day itself, negative once past). */
export function daysUntil(day: Date, now: Date): number {
	return Math.round((startOfUtcDay(day).getTime() - startOfUtcDay(now).getTime()) / DAY_MS)
}

/** The first day one can take part: enrollment opening, or else the claim window's. */
export function opensOn(dates: ProgramDates): Date | null {
	return dates.enrollOpensOn ?? dates.claimOpensOn
}

/**
 * The last day one can take part: the later of enrollment closing and the claim window closing;
 * a program with neither ends with its proof-of-performance day, if it has one.
 */
export function lastDayOf(dates: ProgramDates): Date | null {
	const closing = [dates.enrollClosesOn, dates.claimClosesOn].filter((d): d is Date => d !== null)
	if (closing.length > 0) return new Date(Math.max(...closing.map((d) => d.getTime())))
	return dates.proofDueOn
}

export function programStatus(dates: ProgramDates, now: Date): ProgramStatus {
	const opens = opensOn(dates)
	if (opens && daysUntil(opens, now) > 0) return 'upcoming'
	const last = lastDayOf(dates)
	if (!last) return 'open'
	const left = daysUntil(last, now)
	if (left < 0) return 'ended'
	return left <= ENDING_SOON_DAYS ? 'ending_soon' : 'open'
}

/** The program's deadlines in date order: what followers are told of and what calendars show. */
export function deadlinesOf(dates: ProgramDates): { kind: DeadlineKind; on: Date }[] {
	const all: { kind: DeadlineKind; on: Date | null }[] = [
		{ kind: 'enrollCloses', on: dates.enrollClosesOn },
		{ kind: 'claimCloses', on: dates.claimClosesOn },
		{ kind: 'proofDue', on: dates.proofDueOn },
	]
	return all
		.filter((d): d is { kind: DeadlineKind; on: Date } => d.on !== null)
		.sort((a, b) => a.on.getTime() - b.on.getTime())
}
