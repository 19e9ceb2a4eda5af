import { describe, expect, test } from 'vitest'
import {
	addMonths,
	calendarDaysOf,
	deadlineNoticeText,
	deadlineNoticeType,
	monthRange,
	parseMonth,
	programTitle,
} from './program-dates.ts'

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

describe('how a deadline notice reads', () => {
	test.each([
		[14, 'in 14 days'],
		[2, 'in 2 days'],
		[1, 'tomorrow'],
		[0, 'today'],
	])('%s days left', (daysLeft, when) => {
		const type = deadlineNoticeType({ kind: 'enrollCloses', daysLeft, on: day('2026-12-15') })
		expect(deadlineNoticeText(type, 'HP Flex MDF')).toBe(
			`HP Flex MDF: enrollment closes ${when} (15 Dec)`,
		)
	})

	test('other notifications are not deadline notices', () => {
		expect(deadlineNoticeText('reply', 'A thread')).toBeNull()
		expect(deadlineNoticeText('deadline:somethingElse:3:2026-12-15', 'X')).toBeNull()
	})

	test('the vendor’s name comes first, once', () => {
		expect(programTitle('HP', 'Flex MDF')).toBe('HP Flex MDF')
		expect(programTitle('HP', 'HP Flex MDF')).toBe('HP Flex MDF')
	})
})

describe('months', () => {
	test.each(['2026-13', '2026-00', '1999-12', '2101-01', '2026-1', 'banana', '', null])(
		'%s names no month',
		(value) => {
			expect(parseMonth(value)).toBeNull()
		},
	)

	test('a month, its neighbours and its days', () => {
		expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 })
		expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 })
		expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 })
		expect(monthRange({ year: 2026, month: 12 })).toEqual({
			from: day('2026-12-01'),
			to: day('2027-01-01'),
		})
	})
})

test('a program’s days in date order, those not set left out', () => {
	expect(
		calendarDaysOf({
			enrollOpensOn: day('2026-11-01'),
			enrollClosesOn: day('2026-12-15'),
			claimOpensOn: null,
			claimClosesOn: null,
			proofDueOn: day('2026-12-01'),
		}).map((d) => d.key),
	).toEqual(['enroll-opens', 'proof-due', 'enroll-closes'])
})
