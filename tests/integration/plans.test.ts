// Annual plans: starting plans (next year's from December), goals (add, edit, reorder, drop),
// check-ins and staleness, through the modules with a fixed clock and through the pages' actions.
import { describe, expect, test } from 'vitest'
import { checkInHistory, isStale, recordCheckIn } from '#app/modules/plans/check-ins.server.ts'
import {
	addGoal,
	dropGoal,
	getGoal,
	listGoals,
	moveGoal,
	updateGoal,
} from '#app/modules/plans/goals.server.ts'
import { PlanError } from '#app/modules/plans/plan-error.ts'
import {
	getPlan,
	listYearPlans,
	plannableYears,
	startPlan,
	updatePlanSettings,
} from '#app/modules/plans/plans.server.ts'
import { parseAnswers, START_PROMPTS } from '#app/modules/plans/prompts.ts'
import type { GoalInput } from '#app/modules/plans/schemas.ts'
import { action as editAction, loader as editLoader } from '#app/routes/plans/edit.tsx'
import { action as goalAction, loader as goalLoader } from '#app/routes/plans/goal.tsx'
import { action as planAction, loader as planLoader } from '#app/routes/plans/plan.tsx'
import { action as plansAction, loader as plansLoader } from '#app/routes/plans/plans.tsx'
import { loader as exportLoader } from '#app/routes/plans/export-csv.ts'
import { action as reviewAction } from '#app/routes/plans/review.tsx'
import { carryUnfinishedGoals, planCsv, setClosingNote } from '#app/modules/plans/review.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import {
	createGroupWith,
	createUser,
	dataOf,
	makeRequest,
	runRoute,
	sessionCookieFor,
	settle,
	statusOf,
} from '#tests/helpers.ts'

const DAY = 24 * 60 * 60 * 1000
const year = new Date().getUTCFullYear()
const revenue: GoalInput = {
	title: 'Grow recurring revenue',
	area: 'financial',
	measure: 'number',
	unit: '€',
	startValue: 100_000,
	targetValue: 150_000,
	dueQuarter: 4,
}
const hire: GoalInput = {
	title: 'Hire a sales lead',
	area: 'sales',
	measure: 'milestone',
	dueQuarter: 2,
}

async function ownerWithPlan() {
	const owner = await createUser()
	const plan = await startPlan(owner.id, year, 'business', new Date(Date.UTC(year, 5, 1)))
	return { owner, plan, cookie: await sessionCookieFor(owner.id) }
}

describe('starting plans', () => {
	test('this year only, until December opens next year', () => {
		expect(plannableYears(new Date(Date.UTC(2027, 10, 30, 23)))).toEqual([2027])
		expect(plannableYears(new Date(Date.UTC(2027, 11, 1)))).toEqual([2027, 2028])
	})

	test('a plan is started once per year and kind; next year’s is refused before December', async () => {
		const owner = await createUser()
		const june = new Date(Date.UTC(2030, 5, 15))
		const first = await startPlan(owner.id, 2030, 'business', june)
		expect(await startPlan(owner.id, 2030, 'business', june)).toEqual(first)
		const life = await startPlan(owner.id, 2030, 'life', june)
		expect(life.id).not.toBe(first.id)
		await expect(startPlan(owner.id, 2031, 'business', june)).rejects.toThrow(
			'Next year’s plans open in December',
		)
		await expect(startPlan(owner.id, 2029, 'business', june)).rejects.toBeInstanceOf(PlanError)
		const next = await startPlan(owner.id, 2031, 'business', new Date(Date.UTC(2030, 11, 1)))
		expect(
			await db.plan.findUniqueOrThrow({ where: { id: next.id }, select: { year: true } }),
		).toEqual({ year: 2031 })
	})

	test('a member’s year lists their plans with goal and stale counts, and nothing is created by looking', async () => {
		const owner = await createUser()
		const march = new Date(Date.UTC(2030, 2, 1))
		expect(await listYearPlans(owner.id, march)).toEqual([
			{ year: 2030, plans: [], missingKinds: ['business', 'leadership', 'life', 'legacy'] },
		])
		expect(await db.plan.count({ where: { ownerId: owner.id } })).toBe(0)
		const plan = await startPlan(owner.id, 2030, 'business', march)
		await addGoal(plan.id, revenue)
		await db.goal.updateMany({
			where: { planId: plan.id },
			data: { createdAt: new Date(march.getTime() - 40 * DAY) },
		})
		const [listed] = await listYearPlans(owner.id, march)
		expect(listed!.plans).toMatchObject([
			{ id: plan.id, kind: 'business', goalCount: 1, staleCount: 1 },
		])
		expect(listed!.missingKinds).toEqual(['leadership', 'life', 'legacy'])
		const december = await listYearPlans(owner.id, new Date(Date.UTC(2030, 11, 2)))
		expect(december.map((y) => y.year)).toEqual([2030, 2031])
	})

	test('the start button starts the business plan; the page alone writes nothing', async () => {
		const owner = await createUser()
		const cookie = await sessionCookieFor(owner.id)
		const page = dataOf<Awaited<ReturnType<typeof plansLoader>>>(
			await runRoute(plansLoader, { request: makeRequest('/plans', { cookie }) }),
		)
		expect(page.years[0]!.plans).toEqual([])
		expect(await db.plan.count({ where: { ownerId: owner.id } })).toBe(0)
		const started = (await settle(
			runRoute(plansAction, {
				request: makeRequest('/plans', { cookie, form: { year: String(year), kind: 'business' } }),
			}),
		)) as Response
		const plan = await db.plan.findFirstOrThrow({ where: { ownerId: owner.id } })
		expect(started.headers.get('location')).toBe(`/plans/${plan.id}`)
		const refused = await settle(
			runRoute(plansAction, {
				request: makeRequest('/plans', {
					cookie,
					form: { year: String(year + 5), kind: 'business' },
				}),
			}),
		)
		expect(statusOf(refused)).toBe(400)
	})

	test('settings: theme, vision, answers (read back safely), sharing and cadence', async () => {
		const { plan } = await ownerWithPlan()
		await updatePlanSettings(plan.id, {
			themeWord: 'Focus',
			vision: 'A calmer company',
			startAnswers: {
				triumph: 'Doubling margins',
				theme: '',
				financial: undefined,
				risk: 'Key client leaves',
			},
			reviewAnswers: {},
			sharedWithModerators: true,
			reminderCadence: 'quarterly',
		})
		const saved = await getPlan(plan.id)
		expect(saved).toMatchObject({
			themeWord: 'Focus',
			vision: 'A calmer company',
			sharedWithModerators: true,
			reminderCadence: 'quarterly',
		})
		expect(saved!.startAnswers).toEqual({ triumph: 'Doubling margins', risk: 'Key client leaves' })
		expect(parseAnswers('not json', START_PROMPTS)).toEqual({})
		expect(parseAnswers('[1,2]', START_PROMPTS)).toEqual({})
		expect(parseAnswers('{"triumph": 42, "theme": "Grow", "unknown": "x"}', START_PROMPTS)).toEqual(
			{ theme: 'Grow' },
		)
	})
})

describe('goals', () => {
	test('add, edit, reorder and drop; a dropped goal keeps its history and its reason', async () => {
		const { plan } = await ownerWithPlan()
		const a = await addGoal(plan.id, revenue)
		const b = await addGoal(plan.id, hire)
		const c = await addGoal(plan.id, { ...hire, title: 'Open a second office' })
		const order = async () => (await listGoals(plan.id)).map((goal) => goal.id)
		expect(await order()).toEqual([a.id, b.id, c.id])
		expect(await moveGoal(plan.id, c.id, 'up')).toBe(true)
		expect(await order()).toEqual([a.id, c.id, b.id])
		expect(await moveGoal(plan.id, a.id, 'up')).toBe(false)
		expect(await moveGoal(plan.id, b.id, 'down')).toBe(false)
		expect(await order()).toEqual([a.id, c.id, b.id])

		expect(
			await updateGoal(plan.id, b.id, { ...hire, title: 'Hire two sales leads', dueQuarter: 3 }),
		).toBe(true)
		expect(await getGoal(plan.id, b.id)).toMatchObject({
			title: 'Hire two sales leads',
			dueQuarter: 3,
			unit: null,
			targetValue: null,
		})

		await recordCheckIn(plan.id, a.id, { value: 110_000, status: 'on_track' }, offlinePublisher)
		expect(await dropGoal(plan.id, a.id, 'Sold the product line')).toBe(true)
		expect(await dropGoal(plan.id, a.id, 'again')).toBe(false)
		const dropped = await getGoal(plan.id, a.id)
		expect(dropped).toMatchObject({ dropReason: 'Sold the product line', stale: false })
		expect(dropped!.droppedAt).toBeInstanceOf(Date)
		expect(await checkInHistory(a.id)).toHaveLength(1)
		await expect(
			recordCheckIn(plan.id, a.id, { value: 1, status: 'on_track' }, offlinePublisher),
		).rejects.toThrow('dropped')
	})

	test('a goal of another plan is out of reach through this one', async () => {
		const { plan } = await ownerWithPlan()
		const other = await ownerWithPlan()
		const theirs = await addGoal(other.plan.id, revenue)
		expect(await getGoal(plan.id, theirs.id)).toBeNull()
		expect(await updateGoal(plan.id, theirs.id, hire)).toBe(false)
		expect(await dropGoal(plan.id, theirs.id, 'mine now')).toBe(false)
		expect(await moveGoal(plan.id, theirs.id, 'up')).toBe(false)
		await expect(
			recordCheckIn(plan.id, theirs.id, { value: 1, status: 'on_track' }, offlinePublisher),
		).rejects.toBeInstanceOf(PlanError)
		expect(await getGoal(other.plan.id, theirs.id)).toMatchObject({
			title: revenue.title,
			droppedAt: null,
			lastCheckIn: null,
		})
	})
})

describe('check-ins', () => {
	test('"today" is the member’s day: a day already begun east of UTC is accepted, the one after is not', async () => {
		const { plan } = await ownerWithPlan()
		const goal = await addGoal(plan.id, revenue)
		// 11:00 UTC on 20 June: 01:00 on 21 June in Kiribati (UTC+14), still 20 June everywhere west.
		const now = new Date(Date.UTC(year, 5, 20, 11))
		const east = await recordCheckIn(
			plan.id,
			goal.id,
			{ value: 130_000, status: 'on_track', date: `${year}-06-21` },
			offlinePublisher,
			now,
		)
		expect(east.checkedAt).toEqual(now)
		await expect(
			recordCheckIn(
				plan.id,
				goal.id,
				{ value: 1, status: 'on_track', date: `${year}-06-22` },
				offlinePublisher,
				now,
			),
		).rejects.toMatchObject({ field: 'date', message: 'A check-in cannot be dated in the future' })
		// At 09:00 UTC no place has reached 21 June yet.
		await expect(
			recordCheckIn(
				plan.id,
				goal.id,
				{ value: 1, status: 'on_track', date: `${year}-06-21` },
				offlinePublisher,
				new Date(Date.UTC(year, 5, 20, 9)),
			),
		).rejects.toMatchObject({ field: 'date' })
	})

	test('a value for number goals, done for milestones; history newest first; no future dates', async () => {
		const { plan, owner } = await ownerWithPlan()
		const goal = await addGoal(plan.id, revenue)
		const milestone = await addGoal(plan.id, hire)
		const now = new Date(Date.UTC(year, 5, 20, 9))
		const first = await recordCheckIn(
			plan.id,
			goal.id,
			{ value: 120_000, status: 'on_track', date: `${year}-05-01` },
			offlinePublisher,
			now,
		)
		expect(first).toMatchObject({
			goalId: goal.id,
			planId: plan.id,
			ownerId: owner.id,
			status: 'on_track',
		})
		expect(first.checkedAt.toISOString()).toBe(`${year}-05-01T12:00:00.000Z`)
		const today = await recordCheckIn(
			plan.id,
			goal.id,
			{ value: 125_000, status: 'at_risk', note: 'Slow June' },
			offlinePublisher,
			now,
		)
		expect(today.checkedAt).toEqual(now)
		expect((await checkInHistory(goal.id)).map((c) => [c.value, c.status])).toEqual([
			[125_000, 'at_risk'],
			[120_000, 'on_track'],
		])
		await expect(
			recordCheckIn(plan.id, goal.id, { status: 'on_track' }, offlinePublisher, now),
		).rejects.toMatchObject({ field: 'value' })
		await expect(
			recordCheckIn(
				plan.id,
				goal.id,
				{ value: 1, status: 'on_track', date: `${year}-06-21` },
				offlinePublisher,
				now,
			),
		).rejects.toMatchObject({
			field: 'date',
			message: 'A check-in cannot be dated in the future',
		})
		const done = await recordCheckIn(
			plan.id,
			milestone.id,
			{ done: true, status: 'on_track', value: 99 },
			offlinePublisher,
			now,
		)
		expect(done.status).toBe('done')
		expect(
			await db.checkIn.findUniqueOrThrow({
				where: { id: done.id },
				select: { value: true, done: true },
			}),
		).toEqual({ value: null, done: true })
		expect(await checkInHistory(goal.id)).toHaveLength(2)
	})

	test('a goal goes stale after 30 days without a check-in, counted from its creation while it has none', () => {
		const created = new Date(Date.UTC(2030, 0, 1))
		const goal = { createdAt: created, droppedAt: null }
		expect(isStale(goal, null, new Date(created.getTime() + 29 * DAY))).toBe(false)
		expect(isStale(goal, null, new Date(created.getTime() + 31 * DAY))).toBe(true)
		const checked = new Date(Date.UTC(2030, 3, 1))
		expect(isStale(goal, checked, new Date(checked.getTime() + 29 * DAY))).toBe(false)
		expect(isStale(goal, checked, new Date(checked.getTime() + 31 * DAY))).toBe(true)
		expect(
			isStale({ ...goal, droppedAt: checked }, null, new Date(created.getTime() + 300 * DAY)),
		).toBe(false)
		expect(isStale({ ...goal, done: true }, checked, new Date(checked.getTime() + 300 * DAY))).toBe(
			false,
		)
	})

	test('the plan page shows each goal’s last check-in and the stale badge', async () => {
		const { plan, cookie } = await ownerWithPlan()
		const quiet = await addGoal(plan.id, revenue)
		const fresh = await addGoal(plan.id, hire)
		await db.goal.update({
			where: { id: quiet.id },
			data: { createdAt: new Date(Date.now() - 31 * DAY) },
		})
		await db.goal.update({
			where: { id: fresh.id },
			data: { createdAt: new Date(Date.now() - 40 * DAY) },
		})
		await recordCheckIn(
			plan.id,
			fresh.id,
			{ status: 'at_risk', note: 'Interviews booked' },
			offlinePublisher,
			new Date(Date.now() - 29 * DAY),
		)
		const page = dataOf<Awaited<ReturnType<typeof planLoader>>>(
			await runRoute(planLoader, {
				request: makeRequest(`/plans/${plan.id}`, { cookie }),
				params: { planId: plan.id },
			}),
		)
		expect(
			page.goals.map((goal) => [goal.title, goal.stale, goal.lastCheckIn?.status ?? null]),
		).toEqual([
			[revenue.title, true, null],
			[hire.title, false, 'at_risk'],
		])
		expect(page.isOwner).toBe(true)
	})
})

describe('the pages’ forms', () => {
	test('a refused goal keeps what was typed and says what is wrong, with status 400', async () => {
		const { plan, cookie } = await ownerWithPlan()
		const form = {
			intent: 'add-goal',
			title: '',
			area: 'sales',
			measure: 'number',
			unit: 'clients',
			startValue: '3',
			targetValue: '',
			dueQuarter: '2',
			why: 'More reach',
		}
		const result = await runRoute(planAction, {
			request: makeRequest(`/plans/${plan.id}`, { cookie, form }),
			params: { planId: plan.id },
		})
		expect(statusOf(result)).toBe(400)
		const reply = dataOf<{
			intent: string
			result: { initialValue: Record<string, unknown>; error: Record<string, string[]> }
		}>(result)
		expect(reply.intent).toBe('add-goal')
		expect(reply.result.error).toMatchObject({
			title: ['Give the goal a title'],
			targetValue: ['Say what number you are aiming for'],
		})
		expect(reply.result.initialValue).toMatchObject({
			unit: 'clients',
			startValue: '3',
			why: 'More reach',
			area: 'sales',
		})
		expect(await db.goal.count({ where: { planId: plan.id } })).toBe(0)

		const long = { ...form, title: 'x'.repeat(201), targetValue: '1e999' }
		const tooLong = dataOf<typeof reply>(
			await runRoute(planAction, {
				request: makeRequest(`/plans/${plan.id}`, { cookie, form: long }),
				params: { planId: plan.id },
			}),
		)
		expect(tooLong.result.error.title).toEqual(['Titles can be at most 200 characters'])
		expect(tooLong.result.error.targetValue).toEqual(['The target must be a number'])
	})

	test('a check-in dated after tomorrow is refused on its field, keeping the note', async () => {
		const { plan, cookie } = await ownerWithPlan()
		const goal = await addGoal(plan.id, revenue)
		// Two days ahead of UTC: no time zone has reached that day yet.
		const dayAfterTomorrow = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10)
		const form = {
			intent: 'check-in',
			goalId: goal.id,
			value: '130000',
			status: 'on_track',
			date: dayAfterTomorrow,
			note: 'Big deal signed',
		}
		const result = await runRoute(goalAction, {
			request: makeRequest(`/plans/${plan.id}/goals/${goal.id}`, { cookie, form }),
			params: { planId: plan.id, goalId: goal.id },
		})
		expect(statusOf(result)).toBe(400)
		const reply = dataOf<{
			result: { initialValue: Record<string, unknown>; error: Record<string, string[]> }
		}>(result)
		expect(reply.result.error.date).toEqual(['A check-in cannot be dated in the future'])
		expect(reply.result.initialValue).toMatchObject({ note: 'Big deal signed', value: '130000' })
		expect(await db.checkIn.count({ where: { goalId: goal.id } })).toBe(0)

		const ok = (await runRoute(goalAction, {
			request: makeRequest(`/plans/${plan.id}/goals/${goal.id}`, {
				cookie,
				form: { ...form, date: '' },
			}),
			params: { planId: plan.id, goalId: goal.id },
		})) as Response
		expect(ok.status).toBe(302)
		const page = dataOf<Awaited<ReturnType<typeof goalLoader>>>(
			await runRoute(goalLoader, {
				request: makeRequest(`/plans/${plan.id}/goals/${goal.id}`, { cookie }),
				params: { planId: plan.id, goalId: goal.id },
			}),
		)
		expect(page.history.map((c) => [c.value, c.note])).toEqual([[130000, 'Big deal signed']])
	})

	test('reorder, edit and drop through the forms; a drop needs a reason', async () => {
		const { plan, cookie } = await ownerWithPlan()
		const a = await addGoal(plan.id, revenue)
		const b = await addGoal(plan.id, hire)
		const post = (form: Record<string, string>) =>
			runRoute(planAction, {
				request: makeRequest(`/plans/${plan.id}`, { cookie, form }),
				params: { planId: plan.id },
			})
		expect(
			statusOf(await settle(post({ intent: 'move-goal', goalId: b.id, direction: 'up' }))),
		).toBe(302)
		expect((await listGoals(plan.id)).map((g) => g.id)).toEqual([b.id, a.id])
		expect(
			statusOf(await settle(post({ intent: 'move-goal', goalId: b.id, direction: 'sideways' }))),
		).toBe(400)
		expect(statusOf(await settle(post({ intent: 'frobnicate' })))).toBe(400)

		const onGoal = (form: Record<string, string>) =>
			settle(
				runRoute(goalAction, {
					request: makeRequest(`/plans/${plan.id}/goals/${a.id}`, { cookie, form }),
					params: { planId: plan.id, goalId: a.id },
				}),
			)
		expect(statusOf(await onGoal({ intent: 'drop-goal', reason: '  ' }))).toBe(400)
		expect(
			statusOf(
				await onGoal({
					intent: 'edit-goal',
					title: 'Grow revenue',
					area: 'financial',
					measure: 'number',
					targetValue: '200000',
					dueQuarter: '4',
				}),
			),
		).toBe(302)
		expect(await getGoal(plan.id, a.id)).toMatchObject({
			title: 'Grow revenue',
			targetValue: 200000,
		})
		expect(statusOf(await onGoal({ intent: 'drop-goal', reason: 'Changed strategy' }))).toBe(302)
		expect(await getGoal(plan.id, a.id)).toMatchObject({ dropReason: 'Changed strategy' })
	})

	test('the edit page saves settings; a theme word too long is refused and kept', async () => {
		const { plan, cookie } = await ownerWithPlan()
		const edit = (form: Record<string, string>) =>
			runRoute(editAction, {
				request: makeRequest(`/plans/${plan.id}/edit`, { cookie, form }),
				params: { planId: plan.id },
			})
		const refused = await edit({
			themeWord: 'w'.repeat(41),
			vision: 'Kept vision',
			reminderCadence: 'monthly',
		})
		expect(statusOf(refused)).toBe(400)
		expect(
			dataOf<{ result: { initialValue: Record<string, unknown> } }>(refused).result.initialValue,
		).toMatchObject({ vision: 'Kept vision' })
		const saved = await settle(
			edit({
				themeWord: 'Focus',
				vision: 'Calm growth',
				'startAnswers.triumph': 'A second office',
				sharedWithModerators: 'on',
				reminderCadence: 'quarterly',
			}),
		)
		expect(statusOf(saved)).toBe(302)
		expect(await getPlan(plan.id)).toMatchObject({
			themeWord: 'Focus',
			sharedWithModerators: true,
			reminderCadence: 'quarterly',
			startAnswers: { triumph: 'A second office' },
		})
		const page = dataOf<Awaited<ReturnType<typeof editLoader>>>(
			await runRoute(editLoader, {
				request: makeRequest(`/plans/${plan.id}/edit`, { cookie }),
				params: { planId: plan.id },
			}),
		)
		expect(page.plan.themeWord).toBe('Focus')
		// Unticked: sharing goes off again.
		await settle(edit({ themeWord: 'Focus', reminderCadence: 'quarterly' }))
		expect(await getPlan(plan.id)).toMatchObject({ sharedWithModerators: false })
	})
})

describe('year end', () => {
	test('carry unfinished goals into next year once, from December, starting where they stood', async () => {
		const owner = await createUser()
		const june = new Date(Date.UTC(2030, 5, 1))
		const plan = await startPlan(owner.id, 2030, 'leadership', june)
		const open = await addGoal(plan.id, revenue)
		const done = await addGoal(plan.id, hire)
		const dropped = await addGoal(plan.id, { ...hire, title: 'Move office' })
		await recordCheckIn(
			plan.id,
			open.id,
			{ value: 130_000, status: 'at_risk' },
			offlinePublisher,
			june,
		)
		await recordCheckIn(
			plan.id,
			done.id,
			{ done: true, status: 'on_track' },
			offlinePublisher,
			june,
		)
		await dropGoal(plan.id, dropped.id, 'Stayed put')
		await expect(carryUnfinishedGoals(plan.id, june)).rejects.toThrow(
			'Plans for 2031 open in December 2030',
		)
		const december = new Date(Date.UTC(2030, 11, 3))
		const first = await carryUnfinishedGoals(plan.id, december)
		expect(first.carried).toBe(1)
		const next = await db.plan.findUniqueOrThrow({
			where: { id: first.planId },
			select: { year: true, kind: true, ownerId: true },
		})
		expect(next).toEqual({ year: 2031, kind: 'leadership', ownerId: owner.id })
		expect(await listGoals(first.planId)).toMatchObject([
			{
				title: revenue.title,
				startValue: 130_000,
				targetValue: 150_000,
				carriedFromId: open.id,
				lastCheckIn: null,
			},
		])
		expect(await carryUnfinishedGoals(plan.id, december)).toEqual({
			planId: first.planId,
			carried: 0,
		})
		expect(await db.goal.count({ where: { planId: first.planId } })).toBe(1)
	})

	test('closing notes and the CSV export of plan against actual', async () => {
		const { plan, cookie } = await ownerWithPlan()
		const goal = await addGoal(plan.id, revenue)
		await addGoal(plan.id, { ...hire, title: 'Hire, "senior", lead' })
		await recordCheckIn(plan.id, goal.id, { value: 140_000, status: 'on_track' }, offlinePublisher)
		expect(await setClosingNote(plan.id, goal.id, '  Close, but short.  ')).toBe(true)
		const csv = await planCsv(plan.id)
		const lines = csv.trim().split('\n')
		expect(lines[0]).toBe(
			'goal,area,measure,unit,start,target,due,last_value,status,last_check_in,drop_reason,closing_note',
		)
		expect(lines[1]).toContain(
			'Grow recurring revenue,Financial,number,€,100000,150000,Q4,140000,On track,',
		)
		expect(lines[1]).toMatch(/Close, but short\."?$/)
		expect(lines[2]).toContain('"Hire, ""senior"", lead"')
		const response = (await runRoute(exportLoader, {
			request: makeRequest(`/plans/${plan.id}/export.csv`, { cookie }),
			params: { planId: plan.id },
		})) as Response
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="business-plan-${year}.csv"`,
		)
		expect(await response.text()).toBe(await planCsv(plan.id))

		const tooLong = await runRoute(reviewAction, {
			request: makeRequest(`/plans/${plan.id}/review`, {
				cookie,
				form: { intent: 'closing-note', goalId: goal.id, note: 'x'.repeat(4001) },
			}),
			params: { planId: plan.id },
		})
		expect(statusOf(tooLong)).toBe(400)
		expect((await getGoal(plan.id, goal.id))!.closingNote).toBe('Close, but short.')
	})
})

describe('a check-in reaches the buddies', () => {
	test('recorded through the goal page, it notifies the accepted buddy, live and in the list, and nobody else', async () => {
		const { owner, plan, cookie } = await ownerWithPlan()
		const goal = await addGoal(plan.id, revenue)
		const buddy = await createUser()
		const pending = await createUser()
		await db.buddyPair.create({
			data: { inviterId: owner.id, inviteeId: buddy.id, status: 'accepted' },
		})
		await db.buddyPair.create({
			data: { inviterId: owner.id, inviteeId: pending.id, status: 'pending' },
		})
		const sent: Array<{ rooms: string[]; event: string }> = []
		const realtime = {
			...offlinePublisher,
			toRoom: (room: string, event: string) => void sent.push({ rooms: [room], event }),
			toRooms: (rooms: string[], event: string) => void sent.push({ rooms, event }),
		} as typeof offlinePublisher
		const response = (await runRoute(goalAction, {
			request: makeRequest(`/plans/${plan.id}/goals/${goal.id}`, {
				cookie,
				form: { intent: 'check-in', goalId: goal.id, value: '125000', status: 'on_track' },
			}),
			params: { planId: plan.id, goalId: goal.id },
			context: { clientIp: '10.0.0.1', realtime },
		})) as Response
		expect(response.status).toBe(302)
		const notified = await db.notification.findMany({ select: { userId: true, subjectKind: true } })
		expect(notified).toEqual([{ userId: buddy.id, subjectKind: 'plans.check-in' }])
		// The buddy's bell, and the plan's room (the buddy dashboard and the plan's pages).
		expect(sent.flatMap((s) => s.rooms)).toEqual(
			expect.arrayContaining([`user:${buddy.id}`, `plan:${plan.id}`]),
		)
		expect(sent.flatMap((s) => s.rooms)).not.toContain(`user:${pending.id}`)
	})
})

test('the goal page shows which check-ins a buddy confirmed or questioned, and how many comments each has', async () => {
	const { owner, plan, cookie } = await ownerWithPlan()
	const goal = await addGoal(plan.id, revenue)
	const buddy = await createUser({ name: 'Bea Buddy' })
	await db.buddyPair.create({
		data: { inviterId: owner.id, inviteeId: buddy.id, status: 'accepted' },
	})
	const confirmed = await recordCheckIn(
		plan.id,
		goal.id,
		{ value: 110_000, status: 'on_track', date: `${year}-03-01` },
		offlinePublisher,
	)
	const questioned = await recordCheckIn(
		plan.id,
		goal.id,
		{ value: 120_000, status: 'on_track', date: `${year}-04-01` },
		offlinePublisher,
	)
	await db.checkInReview.create({
		data: { checkInId: confirmed.id, buddyId: buddy.id, verdict: 'confirmed' },
	})
	await db.checkInReview.create({
		data: {
			checkInId: questioned.id,
			buddyId: buddy.id,
			verdict: 'talk',
			note: 'Booked or invoiced?',
		},
	})
	await db.checkInComment.create({
		data: { checkInId: questioned.id, authorId: owner.id, body: 'Invoiced.' },
	})
	const page = dataOf<Awaited<ReturnType<typeof goalLoader>>>(
		await runRoute(goalLoader, {
			request: makeRequest(`/plans/${plan.id}/goals/${goal.id}`, { cookie }),
			params: { planId: plan.id, goalId: goal.id },
		}),
	)
	expect(
		page.history.map((c) => [
			c.value,
			c.reviews.map((r) => `${r.verdict} by ${r.buddy.name}`),
			c._count.comments,
		]),
	).toEqual([
		[120_000, ['talk by Bea Buddy'], 1],
		[110_000, ['confirmed by Bea Buddy'], 0],
	])
})

test('search finds a goal for whoever may see its plan, and for nobody else', async () => {
	const { searchPosts } = await import('#app/modules/search/search.server.ts')
	const { owner, plan } = await ownerWithPlan()
	const [buddy, ended, member, moderator] = await Promise.all([
		createUser(),
		createUser(),
		createUser(),
		createUser(),
	])
	await createGroupWith({ moderator, members: [owner, buddy, ended, member] })
	await db.buddyPair.create({
		data: { inviterId: owner.id, inviteeId: buddy.id, status: 'accepted' },
	})
	await db.buddyPair.create({ data: { inviterId: ended.id, inviteeId: owner.id, status: 'ended' } })
	const goal = await addGoal(plan.id, {
		...revenue,
		title: 'Quokka rollout to every client',
		why: 'The quokka stack pays for itself.',
	})
	const finds = async (user: { id: string }) =>
		(await searchPosts({ id: user.id, isSiteAdmin: false }, { q: 'quokka' })).results.flatMap(
			(r) => (r.type === 'subject' ? [r.href] : []),
		)
	const href = `/plans/${plan.id}/goals/${goal.id}`
	expect(await finds(owner)).toEqual([href])
	expect(await finds(buddy)).toEqual([href])
	for (const outsider of [ended, member, moderator]) expect(await finds(outsider)).toEqual([])
	// Shared with the group's moderators, the plan is found by them too; an edit is found under its new words.
	await updatePlanSettings(plan.id, { reminderCadence: 'monthly', sharedWithModerators: true })
	expect(await finds(moderator)).toEqual([href])
	await updateGoal(plan.id, goal.id, { ...revenue, title: 'Wallaby rollout', why: '' })
	expect(await finds(owner)).toEqual([])
})

test('search finds a check-in by its note and by a comment on it, for whoever may see its plan, and for nobody else', async () => {
	const { searchPosts } = await import('#app/modules/search/search.server.ts')
	const { commentOnCheckIn } = await import('#app/modules/plans/reviews.server.ts')
	const { owner, plan } = await ownerWithPlan()
	const [buddy, member, moderator] = await Promise.all([createUser(), createUser(), createUser()])
	await createGroupWith({ moderator, members: [owner, buddy, member] })
	await db.buddyPair.create({
		data: { inviterId: owner.id, inviteeId: buddy.id, status: 'accepted' },
	})
	const goal = await addGoal(plan.id, revenue)
	const checkIn = await recordCheckIn(
		plan.id,
		goal.id,
		{ value: 140_000, status: 'at_risk', note: 'The narwhal contract slipped to January.' },
		offlinePublisher,
	)
	const finds = async (user: { id: string }, q: string) =>
		(await searchPosts({ id: user.id, isSiteAdmin: false }, { q })).results.flatMap((r) =>
			r.type === 'subject' ? [r.href] : [],
		)
	const href = `/plans/${plan.id}/check-ins/${checkIn.id}`
	expect(await finds(owner, 'narwhal')).toEqual([href])
	expect(await finds(buddy, 'narwhal')).toEqual([href])
	for (const outsider of [member, moderator]) expect(await finds(outsider, 'narwhal')).toEqual([])
	// A buddy's comment is found under its words too, still by the plan's readers only.
	await commentOnCheckIn(
		buddy,
		{ planId: plan.id, checkInId: checkIn.id, body: 'Call the platypus reseller first.' },
		offlinePublisher,
	)
	expect(await finds(owner, 'platypus')).toEqual([href])
	expect(await finds(member, 'platypus')).toEqual([])
	// A check-in with no note and no comment has nothing to find, and writes no document.
	const quiet = await recordCheckIn(
		plan.id,
		goal.id,
		{ value: 141_000, status: 'on_track' },
		offlinePublisher,
	)
	expect(await db.searchDocument.count({ where: { subjectId: quiet.id } })).toBe(0)
})
