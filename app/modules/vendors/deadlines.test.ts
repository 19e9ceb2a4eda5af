import { describe, expect, test } from 'vitest'
import { noticeKey, noticesDue } from './deadlines.ts'
import type { ProgramDates } from './status.ts'

const none: ProgramDates = {
	enrollOpensOn: null,
	enrollClosesOn: null,
	claimOpensOn: null,
	claimClosesOn: null,
	proofDueOn: null,
}
const dates: ProgramDates = { ...none, enrollClosesOn: new Date('2026-12-31T00:00:00Z') }
const at = (iso: string) => new Date(`${iso}T09:00:00Z`)

describe('deadline notices', () => {
	test.each([
		['2026-12-16', []], // 15 days left: nothing yet
		['2026-12-17', [{ window: 14, daysLeft: 14 }]],
		['2026-12-28', [{ window: 14, daysLeft: 3 }]],
		['2026-12-29', [{ window: 2, daysLeft: 2 }]],
		['2026-12-31', [{ window: 2, daysLeft: 0 }]],
		['2027-01-01', []], // past
	])('on %s', (day, expected) => {
		expect(
			noticesDue(dates, at(day)).map(({ window, daysLeft }) => ({ window, daysLeft })),
		).toEqual(expected)
	})

	test('the key is the same all through a window, and differs between windows and followers', () => {
		const key = (day: string, user = 'u1') => noticeKey('p1', noticesDue(dates, at(day))[0]!, user)
		expect(key('2026-12-17')).toBe(key('2026-12-28'))
		expect(key('2026-12-29')).not.toBe(key('2026-12-28'))
		expect(key('2026-12-17', 'u2')).not.toBe(key('2026-12-17'))
	})

	test('every deadline of a program counts on its own', () => {
		const several: ProgramDates = {
			...none,
			claimClosesOn: new Date('2026-12-20T00:00:00Z'),
			proofDueOn: new Date('2026-12-11T00:00:00Z'),
		}
		expect(noticesDue(several, at('2026-12-10')).map((n) => [n.kind, n.window])).toEqual([
			['proofDue', 2],
			['claimCloses', 14],
		])
	})
})
