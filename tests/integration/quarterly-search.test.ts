// Search finds a submitted quarterly update for exactly those who may read it
// (quarterly/access.server.ts), and never a draft.
import { beforeAll, expect, test } from 'vitest'
import { saveUpdate } from '#app/modules/quarterly/submissions.server.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { searchPosts } from '#app/modules/search/search.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { createGroupWith, createUser } from '#tests/helpers.ts'

type Person = { id: string; isSiteAdmin: boolean }
let people: Record<'author' | 'member' | 'moderator' | 'otherModerator' | 'admin', Person>
let groupId: string
const now = new Date()

beforeAll(async () => {
	const [author, member, moderator, otherModerator, admin] = await Promise.all([
		createUser({ name: 'Ann Author' }),
		createUser(),
		createUser(),
		createUser(),
		createUser({ isSiteAdmin: true }),
	])
	groupId = (await createGroupWith({ moderator, members: [author, member] })).id
	await createGroupWith({ moderator: otherModerator })
	people = { author, member, moderator, otherModerator, admin }
})

async function openCycle(quarter: string, visibility: 'group' | 'moderators') {
	return db.reviewCycle.create({
		data: {
			groupId,
			quarter,
			visibility,
			status: 'open',
			opensOn: new Date(now.getTime() - 86_400_000),
			dueOn: new Date(now.getTime() + 7 * 86_400_000),
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: people.moderator.id,
		},
		select: { id: true },
	})
}

const submit = (cycleId: string, ask: string, mode: 'draft' | 'submit' = 'submit') =>
	saveUpdate({
		cycleId,
		memberId: people.author.id,
		input: {
			answers: {
				revenue: 100,
				gross_margin: 40,
				recurring_revenue: 60,
				cash_days: 90,
				headcount: 8,
				blocker: 'sales',
				ask,
			},
		},
		mode,
		now,
		realtime: offlinePublisher,
	})

async function finders(word: string) {
	const found: Record<string, boolean> = {}
	for (const [role, who] of Object.entries(people)) {
		const { results } = await searchPosts(who, { q: word })
		found[role] = results.some(
			(r) => r.type === 'subject' && r.subjectKind === 'quarterly.submission',
		)
	}
	return found
}

test('an update visible to the group is found by its members and moderators only', async () => {
	const cycle = await openCycle('2040-Q1', 'group')
	await submit(cycle.id, 'An introduction to a wombat distributor')
	expect(await finders('wombat')).toEqual({
		author: true,
		member: true,
		moderator: true,
		otherModerator: false,
		admin: false,
	})
})

test('an update for moderators only is found by its author and the moderators', async () => {
	const cycle = await openCycle('2040-Q2', 'moderators')
	await submit(cycle.id, 'Advice on the ocelot lease')
	expect(await finders('ocelot')).toEqual({
		author: true,
		member: false,
		moderator: true,
		otherModerator: false,
		admin: false,
	})
})

test('a draft is found by nobody, not even its author', async () => {
	const cycle = await openCycle('2040-Q3', 'group')
	await submit(cycle.id, 'A second look at the quetzal pricing', 'draft')
	expect(await finders('quetzal')).toEqual({
		author: false,
		member: false,
		moderator: false,
		otherModerator: false,
		admin: false,
	})
	expect(
		await db.searchDocument.count({
			where: { subjectKind: 'quarterly.submission', title: { contains: '2040-Q3' } },
		}),
	).toBe(0)
})

test('an author who leaves the group no longer finds their update: nothing of a group shows outside it', async () => {
	const cycle = await openCycle('2040-Q4', 'group')
	await submit(cycle.id, 'Terms for the axolotl contract')
	expect((await finders('axolotl')).author).toBe(true)
	await db.membership.delete({ where: { userId_groupId: { userId: people.author.id, groupId } } })
	expect(await finders('axolotl')).toEqual({ author: false, member: true, moderator: true, otherModerator: false, admin: false })
})
