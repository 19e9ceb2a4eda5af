// The vendor programs' foundations: the database refuses what the rules refuse, whatever path a
// write takes (scores outside 1–5, a second rating, dates out of order), and the one access rule
// answers for each kind of viewer.
import { beforeAll, describe, expect, test } from 'vitest'
import {
	catalogueViewer,
	groupOnlyCountsInTotals,
	programAccess,
	readableRatingsWhere,
} from '#app/modules/vendors/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createUser } from '#tests/helpers.ts'

type Person = { id: string; isSiteAdmin: boolean }
let people: Record<'author' | 'member' | 'moderator' | 'otherMember' | 'outsider' | 'admin', Person>
let groupId: string
let otherGroupId: string
let vendorId: string

const ratingOf = (programId: string, memberId: string, fields: Record<string, unknown> = {}) =>
	db.programRating.create({
		data: { programId, memberId, groupId, overall: 4, wouldRecommend: true, ...fields },
	})

async function program(
	state: 'proposed' | 'approved',
	proposedById: string,
	fields: Record<string, unknown> = {},
) {
	return db.vendorProgram.create({
		data: {
			vendorId,
			name: `Program ${Math.random()}`,
			kind: 'rebate',
			state,
			proposedById,
			...fields,
		},
		select: { id: true },
	})
}

beforeAll(async () => {
	const [author, member, moderator, otherMember, outsider, admin] = await Promise.all([
		createUser(),
		createUser(),
		createUser(),
		createUser(),
		createUser(),
		createUser({ isSiteAdmin: true }),
	])
	groupId = (await createGroupWith({ moderator, members: [author, member] })).id
	otherGroupId = (await createGroupWith({ moderator: otherMember })).id
	await db.membership.updateMany({ where: { userId: otherMember.id }, data: { role: 'member' } })
	people = { author, member, moderator, otherMember, outsider, admin }
	vendorId = (await db.vendor.create({ data: { slug: 'contoso', name: 'Contoso' } })).id
})

describe('the database backs the rules', () => {
	test.each([0, 6, -1])('an overall score of %s is refused', async (overall) => {
		const { id } = await program('approved', people.author.id)
		await expect(ratingOf(id, people.member.id, { overall })).rejects.toThrow()
		expect(await db.programRating.count({ where: { programId: id } })).toBe(0)
	})

	test('an aspect outside 1–5 is refused; none given is fine', async () => {
		const { id } = await program('approved', people.author.id)
		await expect(ratingOf(id, people.member.id, { easeScore: 9 })).rejects.toThrow()
		await expect(
			ratingOf(id, people.member.id, { easeScore: null, roiScore: 5 }),
		).resolves.toBeTruthy()
	})

	test('a second rating by the same member is refused', async () => {
		const { id } = await program('approved', people.author.id)
		await ratingOf(id, people.member.id)
		await expect(ratingOf(id, people.member.id, { overall: 2 })).rejects.toThrow()
		expect(await db.programRating.count({ where: { programId: id } })).toBe(1)
	})

	test('enrollment closing before it opens is refused, on create and on update', async () => {
		await expect(
			program('approved', people.author.id, {
				enrollOpensOn: new Date('2026-12-01T00:00:00Z'),
				enrollClosesOn: new Date('2026-11-01T00:00:00Z'),
			}),
		).rejects.toThrow()
		const { id } = await program('approved', people.author.id, {
			enrollOpensOn: new Date('2026-12-01T00:00:00Z'),
		})
		await expect(
			db.vendorProgram.update({
				where: { id },
				data: { enrollClosesOn: new Date('2026-11-30T00:00:00Z') },
			}),
		).rejects.toThrow()
	})

	test('negative outcomes are refused', async () => {
		const { id } = await program('approved', people.author.id)
		await expect(ratingOf(id, people.member.id, { daysToPayout: -3 })).rejects.toThrow()
	})
})

describe('who sees a program', () => {
	test('approved: every member of a group and site admins; a proposal: its author and the curators', async () => {
		const approved = await program('approved', people.author.id)
		const proposed = await program('proposed', people.author.id)
		const sees = async (who: Person, id: string) => (await programAccess(who, id)) !== null
		const row = async (id: string) =>
			Object.fromEntries(
				await Promise.all(
					Object.entries(people).map(async ([role, who]) => [role, await sees(who, id)]),
				),
			)
		expect(await row(approved.id)).toEqual({
			author: true,
			member: true,
			moderator: true,
			otherMember: true,
			outsider: false,
			admin: true,
		})
		expect(await row(proposed.id)).toEqual({
			author: true,
			member: false,
			moderator: true,
			otherMember: false,
			outsider: false,
			admin: true,
		})
		expect((await programAccess(people.admin, approved.id))?.canRate).toBe(false)
		expect((await programAccess(people.member, approved.id))?.canRate).toBe(true)
		expect((await programAccess(people.author, proposed.id))?.canRate).toBe(false)
	})

	test('a group-only rating is read inside its group only', async () => {
		const { id } = await program('approved', people.author.id)
		const groupOnly = await ratingOf(id, people.author.id, { visibility: 'group' })
		const shared = await ratingOf(id, people.member.id)
		const reads = async (who: Person) => {
			const cv = (await catalogueViewer(who))!
			return (
				await db.programRating.findMany({
					where: { programId: id, ...readableRatingsWhere(cv) },
					select: { id: true },
				})
			).map((r) => r.id)
		}
		expect((await reads(people.moderator)).sort()).toEqual([groupOnly.id, shared.id].sort())
		expect(await reads(people.otherMember)).toEqual([shared.id])
		expect(await reads(people.admin)).toEqual([shared.id])
		expect(otherGroupId).toBeTruthy()
	})

	test('group-only ratings count in community totals from the third group on', () => {
		expect([1, 2, 3, 4].map(groupOnlyCountsInTotals)).toEqual([false, false, true, true])
	})
})
