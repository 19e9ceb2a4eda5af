// The signed-in home page: each section through its domain's access rule (a group the member is
// not in, or left, and a hidden thread never show), unread threads that go once read, mentions,
// followed programs' deadlines, open review cycles until the member's update is submitted, quiet
// plan goals, members recently active; and the page in the same few statements however much there is.
import { describe, expect, test } from 'vitest'
import { NEW_THREAD_DAYS, UNREAD_THREAD_DAYS } from '#app/modules/forums/reading.server.ts'
import { memberHome } from '#app/modules/home/home.server.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { saveUpdate } from '#app/modules/quarterly/submissions.server.ts'
import { loader as homeLoader } from '#app/routes/home.tsx'
import { db, onStatement } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { createGroupWith, statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	forumWorld,
	openThread,
	person,
	postNumbered,
	reply,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'
import { addGoal, addPlan, DAY } from '#tests/plan-helpers.ts'

const home = (who: Person) => memberHome(who)
const unreadIds = async (who: Person) => (await home(who)).unreadThreads.map((t) => t.id)

async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
	const seen: string[] = []
	const stop = onStatement((sql) => seen.push(sql))
	try {
		await work()
	} finally {
		stop()
	}
	return seen
}

let vendorCount = 0
async function programWith(fields: Record<string, unknown>) {
	vendorCount += 1
	const author = await person()
	const vendor = await db.vendor.create({
		data: { slug: `vendor-${vendorCount}`, name: `Vendor ${vendorCount}` },
		select: { id: true },
	})
	return (
		await db.vendorProgram.create({
			data: {
				vendorId: vendor.id,
				name: `Program ${vendorCount}`,
				kind: 'rebate',
				state: 'approved',
				proposedById: author.id,
				...fields,
			},
			select: { id: true },
		})
	).id
}

let quarterCount = 0
async function openCycle(groupId: string, createdById: string) {
	quarterCount += 1
	const now = Date.now()
	return (
		await db.reviewCycle.create({
			data: {
				groupId,
				quarter: `${2030 + quarterCount}-Q1`,
				opensOn: new Date(now - 5 * DAY),
				dueOn: new Date(now + 10 * DAY),
				status: 'open',
				questions: JSON.stringify(DEFAULT_QUESTIONS),
				createdById,
			},
			select: { id: true },
		})
	).id
}

describe('unread threads', () => {
	test('a new thread shows until opened; a reply shows again with its count until read', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, { title: 'Cash flow in the winter' })
		const first = (await home(w.bob)).unreadThreads.find((t) => t.id === threadId)
		expect(first).toMatchObject({
			title: 'Cash flow in the winter',
			isNew: true,
			unreadCount: 1,
			group: { slug: w.group.slug, name: w.group.name },
		})
		// Its author has read what they wrote.
		expect(await unreadIds(w.alice)).not.toContain(threadId)

		await openThread(w.bob, threadId)
		expect(await unreadIds(w.bob)).not.toContain(threadId)

		await reply(w.alice, threadId, 'One more thing about invoicing.')
		await reply(w.moderator, threadId, 'And one from me.')
		expect((await home(w.bob)).unreadThreads.find((t) => t.id === threadId)).toMatchObject({
			isNew: false,
			unreadCount: 2,
		})
		await openThread(w.bob, threadId)
		expect(await unreadIds(w.bob)).not.toContain(threadId)
	})

	test('the day at a glance: unread activity older than a month, or a thread never opened older than two weeks, stays in the forum', async () => {
		const w = await forumWorld()
		const opened = await startThread(w.alice, w.group, { title: 'Opened, then quiet' })
		await openThread(w.bob, opened)
		await reply(w.alice, opened, 'Something Bob has not read yet.')
		const neverOpened = await startThread(w.alice, w.group, { title: 'Never opened' })
		expect(await unreadIds(w.bob)).toEqual(expect.arrayContaining([opened, neverOpened]))

		const ago = (days: number) => new Date(Date.now() - days * DAY)
		await db.thread.update({
			where: { id: neverOpened },
			data: { lastActivityAt: ago(NEW_THREAD_DAYS + 1) },
		})
		await db.thread.update({
			where: { id: opened },
			data: { lastActivityAt: ago(UNREAD_THREAD_DAYS - 1) },
		})
		expect(await unreadIds(w.bob)).toContain(opened)
		expect(await unreadIds(w.bob)).not.toContain(neverOpened)
		await db.thread.update({
			where: { id: opened },
			data: { lastActivityAt: ago(UNREAD_THREAD_DAYS + 1) },
		})
		expect(await unreadIds(w.bob)).not.toContain(opened)
	})

	test('threads of a group the member is not in, has left, or hidden by a moderator never show', async () => {
		const w = await forumWorld()
		const elsewhere = await startThread(w.outsider, w.otherGroup, {
			title: 'Only for the other group',
		})
		const hidden = await startThread(w.alice, w.group, { title: 'Soon hidden by Mona' })
		const kept = await startThread(w.alice, w.group, { title: 'Stays for the group' })
		expect(await unreadIds(w.bob)).toEqual(expect.arrayContaining([hidden, kept]))
		expect(await unreadIds(w.bob)).not.toContain(elsewhere)
		expect(await unreadIds(w.outsider)).not.toContain(kept)

		const opening = await postNumbered(hidden, 1)
		expect(
			statusOf(await threadForm(w.moderator, hidden, { intent: 'hide', postId: opening.id })),
		).toBe(302)
		expect(await unreadIds(w.bob)).not.toContain(hidden)
		expect(await unreadIds(w.bob)).toContain(kept)

		await db.membership.deleteMany({ where: { userId: w.bob.id, groupId: w.group.id } })
		expect(await unreadIds(w.bob)).not.toContain(kept)
	})
})

test('a mention of the member shows, leads to its notification, and goes once read', async () => {
	const w = await forumWorld()
	const threadId = await startThread(w.alice, w.group, { title: 'Who knows the rebate rules?' })
	await reply(w.alice, threadId, `@${w.bob.handle} you claimed this last year, how did it go?`)
	const { mentions } = await home(w.bob)
	expect(mentions).toEqual([
		expect.objectContaining({
			type: 'mention',
			title: 'Who knows the rebate rules?',
			actor: { id: w.alice.id, name: w.alice.name },
		}),
	])
	expect((await home(w.outsider)).mentions).toEqual([])

	await openThread(w.bob, threadId)
	expect((await home(w.bob)).mentions).toEqual([])
})

test('a followed program’s deadline in the next 30 days shows; others do not', async () => {
	const w = await forumWorld()
	const soon = new Date(
		Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) +
			10 * DAY,
	)
	const followed = await programWith({ enrollClosesOn: soon })
	const notFollowed = await programWith({ enrollClosesOn: soon })
	const farOff = await programWith({ claimClosesOn: new Date(soon.getTime() + 60 * DAY) })
	const proposed = await programWith({ enrollClosesOn: soon, state: 'proposed' })
	for (const programId of [followed, farOff, proposed])
		await db.programFollow.create({ data: { programId, userId: w.bob.id } })

	const { deadlines, followsPrograms } = await home(w.bob)
	expect(followsPrograms).toBe(true)
	expect(deadlines).toEqual([
		expect.objectContaining({ programId: followed, label: 'Enrollment closes', daysLeft: 10 }),
	])
	expect(deadlines.map((d) => d.programId)).not.toContain(notFollowed)
})

test('an open cycle asks for the member’s update until it is submitted, in their groups only', async () => {
	const w = await forumWorld()
	const cycleId = await openCycle(w.group.id, w.moderator.id)
	const otherCycle = await openCycle(w.otherGroup.id, w.outsider.id)
	const pending = async (who: Person) => (await home(who)).updatesToSend.map((c) => c.id)
	expect(await pending(w.bob)).toContain(cycleId)
	expect(await pending(w.bob)).not.toContain(otherCycle)

	await saveUpdate({
		cycleId,
		memberId: w.bob.id,
		input: { answers: { wins: 'A start' } },
		mode: 'draft',
		now: new Date(),
		realtime: offlinePublisher,
	})
	expect((await home(w.bob)).updatesToSend.find((c) => c.id === cycleId)).toMatchObject({
		started: true,
	})

	await saveUpdate({
		cycleId,
		memberId: w.bob.id,
		input: { answers: { revenue: 10, blocker: 'sales', wins: 'A good quarter' } },
		mode: 'submit',
		now: new Date(),
		realtime: offlinePublisher,
	})
	expect(await pending(w.bob)).not.toContain(cycleId)
	expect(await pending(w.alice)).toContain(cycleId)

	// A meeting running now shows to the group's members, a closed cycle's too; not to others.
	const live = async (who: Person) => (await home(who)).liveMeetings.map((m) => m.cycleId)
	expect(await live(w.bob)).toEqual([])
	await db.reviewCycle.update({ where: { id: cycleId }, data: { status: 'closed' } })
	await db.meeting.create({ data: { cycleId, startedById: w.moderator.id, status: 'live' } })
	expect(await live(w.bob)).toEqual([cycleId])
	expect(await live(w.outsider)).toEqual([])
	await db.meeting.update({ where: { cycleId }, data: { status: 'ended' } })
	expect(await live(w.bob)).toEqual([])
})

test('a plan goal nobody checked in on for 30 days asks for a check-in', async () => {
	const w = await forumWorld()
	const plan = await addPlan(w.bob.id)
	await addGoal(plan.id, { createdAt: new Date(Date.now() - 40 * DAY) })
	await addGoal(plan.id)
	expect((await home(w.bob)).checkInsDue).toEqual([
		{ id: plan.id, title: `Business plan ${plan.year}`, staleCount: 1 },
	])
	expect((await home(w.alice)).checkInsDue).toEqual([])
})

test('members recently active are those of the viewer’s groups, not the viewer, nobody else', async () => {
	const w = await forumWorld()
	const active = (await home(w.bob)).activeMembers.map((m) => m.id)
	expect(active).toEqual(expect.arrayContaining([w.alice.id, w.moderator.id]))
	expect(active).not.toContain(w.bob.id)
	expect(active).not.toContain(w.outsider.id)
	expect(active).not.toContain(w.loner.id)

	// The most recent first, with the time they were seen and the groups they share.
	const seenAt = new Date(Date.now() + 60_000)
	await db.session.updateMany({ where: { userId: w.moderator.id }, data: { lastSeenAt: seenAt } })
	const [first] = (await home(w.bob)).activeMembers
	expect(first).toMatchObject({ id: w.moderator.id, lastSeenAt: seenAt })
	expect(first!.groups.length).toBeGreaterThan(0)

	await db.session.updateMany({
		where: { userId: w.alice.id },
		data: { lastSeenAt: new Date(Date.now() - 60 * 60 * 1000) },
	})
	expect((await home(w.bob)).activeMembers.map((m) => m.id)).not.toContain(w.alice.id)
})

test('the page reads in the same statements with one of each thing and with many', async () => {
	const w = await forumWorld()
	const second = await createGroupWith({ moderator: w.moderator, members: [w.bob, w.alice] })
	const addSome = async (count: number, group: { id: string; slug: string }) => {
		for (let i = 0; i < count; i++) {
			const threadId = await startThread(w.alice, group, { title: `Thread number ${i + 1}` })
			await reply(w.alice, threadId, `@${w.bob.handle} reply ${i + 1}`)
		}
		await openCycle(group.id, w.moderator.id)
		const programId = await programWith({ enrollClosesOn: new Date(Date.now() + 5 * DAY) })
		await db.programFollow.create({ data: { programId, userId: w.bob.id } })
	}
	await addSome(1, w.group)
	// A warm-up: the first call prepares what every later one shares.
	await home(w.bob)
	const one = await statementsOf(() => home(w.bob))

	await addSome(5, second)
	const many = await statementsOf(() => home(w.bob))
	const page = await home(w.bob)
	expect(page.unreadThreads.length).toBe(6)
	expect(page.mentions.length).toBe(6)
	expect(page.updatesToSend.length).toBe(2)
	expect(page.deadlines.length).toBe(2)

	expect(many.length).toBe(one.length)
	// Each section's own statements, all sent at once (Promise.all): no statement per item.
	expect(many.length).toBeLessThanOrEqual(20)
})

describe('the route', () => {
	test('a visitor gets the landing page; a member their day', async () => {
		const w = await forumWorld()
		const anonymous = await callRoute(homeLoader, '/', {})
		expect(anonymous).toMatchObject({ kind: 'anonymous' })
		const member = await callRoute(homeLoader, '/', {}, { as: w.bob })
		expect(member).toMatchObject({
			kind: 'member',
			name: w.bob.name,
			groups: [expect.objectContaining({ id: w.group.id })],
		})
	})
})
