import { describe, expect, test } from 'vitest'
import { deadlinesOf, lastDayOf, programStatus, type ProgramDates } from './status.ts'

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)
const none: ProgramDates = {
	enrollOpensOn: null,
	enrollClosesOn: null,
	claimOpensOn: null,
	claimClosesOn: null,
	proofDueOn: null,
}

describe('a program’s status follows from its dates', () => {
	const promo: ProgramDates = {
		...none,
		enrollOpensOn: day('2026-10-01'),
		enrollClosesOn: day('2026-12-31'),
	}
	test.each([
		['2026-09-30T23:59:59Z', 'upcoming'],
		['2026-10-01T00:00:00Z', 'open'],
		['2026-12-16T12:00:00Z', 'open'], // 15 days left
		['2026-12-17T00:00:00Z', 'ending_soon'], // 14 days left
		['2026-12-31T23:59:59Z', 'ending_soon'], // its last day
		['2027-01-01T00:00:00Z', 'ended'],
	])('at %s it is %s', (now, status) => {
		expect(programStatus(promo, new Date(now))).toBe(status)
	})

	test('with no dates at all a program is simply open', () => {
		expect(programStatus(none, new Date('2026-06-01T00:00:00Z'))).toBe('open')
	})

	test('the last day is the later of enrollment and claims closing; proof due only when neither is set', () => {
		expect(
			lastDayOf({
				...none,
				enrollClosesOn: day('2026-11-30'),
				claimClosesOn: day('2027-01-31'),
				proofDueOn: day('2027-03-01'),
			}),
		).toEqual(day('2027-01-31'))
		expect(lastDayOf({ ...none, proofDueOn: day('2027-03-01') })).toEqual(day('2027-03-01'))
		expect(lastDayOf(none)).toBeNull()
	})

	test('a claim window alone opens and closes the program', () => {
		const claims: ProgramDates = {
			...none,
			claimOpensOn: day('2027-01-10'),
			claimClosesOn: day('2027-02-10'),
		}
		expect(programStatus(claims, new Date('2027-01-09T10:00:00Z'))).toBe('upcoming')
		expect(programStatus(claims, new Date('2027-01-10T10:00:00Z'))).toBe('open')
		expect(programStatus(claims, new Date('2027-02-11T10:00:00Z'))).toBe('ended')
	})

	test('deadlines come in date order, without the days not set', () => {
		const dates: ProgramDates = {
			...none,
			enrollClosesOn: day('2026-12-31'),
			proofDueOn: day('2026-12-15'),
		}
		expect(deadlinesOf(dates)).toEqual([
			{ kind: 'proofDue', on: day('2026-12-15') },
			{ kind: 'enrollCloses', on: day('2026-12-31') },
		])
	})
})
