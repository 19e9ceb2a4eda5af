// The catalogue of vendor programs: proposals seen by their author and the curators until
// approved, curators alone approve, edit and merge, a merge moves ratings and followers and the
// figures follow, and lists filter by status and sort as peers ask, with a fixed clock.
import { beforeAll, describe, expect, test } from 'vitest'
import { catalogueViewer } from '#app/modules/vendors/access.server.ts'
import { programFigures } from '#app/modules/vendors/figures.server.ts'
import {
	approveProgram,
	listPrograms,
	mergeProgram,
	proposeProgram,
	updateProgram,
} from '#app/modules/vendors/programs.server.ts'
import { saveRating } from '#app/modules/vendors/ratings.server.ts'
import { ProgramSchema, ratingSchema } from '#app/modules/vendors/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { createGroupWith, createUser } from '#tests/helpers.ts'

type Person = { id: string; isSiteAdmin: boolean }
let author: Person
let member: Person
let moderator: Person
let admin: Person
let outsider: Person

const form = (fields: Record<string, unknown> = {}) =>
	ProgramSchema.parse({
		vendorName: 'Northwind Distribution',
		name: `Flex funds ${Math.random().toString(36).slice(2, 7)}`,
		kind: 'marketing_funds',
		...fields,
	})
const rate = (who: Person, programId: string, overall: number) =>
	saveRating(
		who,
		programId,
		ratingSchema().parse({ overall, wouldRecommend: 'yes' }),
		offlinePublisher,
	)
const viewer = async (who: Person) => (await catalogueViewer(who))!

beforeAll(async () => {
	;[author, member, moderator, admin, outsider] = await Promise.all([
		createUser(),
		createUser(),
		createUser(),
		createUser({ isSiteAdmin: true }),
		createUser(),
	])
	await createGroupWith({ moderator, members: [author, member] })
})

describe('proposals', () => {
	test('a proposal is listed for its author and the curators only, until a curator approves it', async () => {
		const { id } = (await proposeProgram(author, form({ name: 'Services rebate' })))!
		const listed = async (who: Person) =>
			(await listPrograms(await viewer(who))).some((p) => p.id === id)
		expect([
			await listed(author),
			await listed(member),
			await listed(moderator),
			await listed(admin),
		]).toEqual([true, false, true, true])
		await expect(approveProgram(member, id)).resolves.toBeNull()
		await expect(approveProgram(author, id)).rejects.toThrow(
			'Only site admins and moderators approve programs',
		)
		expect(await approveProgram(moderator, id)).toBe(true)
		expect(await listed(member)).toBe(true)
		expect(await proposeProgram(outsider, form())).toBeNull()
	})

	test('the author edits their proposal; once approved, only curators edit it', async () => {
		const { id } = (await proposeProgram(author, form()))!
		expect(await updateProgram(author, id, form({ name: 'Renamed while proposed' }))).toBe(true)
		await approveProgram(admin, id)
		await expect(updateProgram(author, id, form({ name: 'Renamed after' }))).rejects.toThrow(
			'Only site admins and moderators',
		)
		expect(await updateProgram(moderator, id, form({ name: 'Renamed by a curator' }))).toBe(true)
		expect((await db.vendorProgram.findUniqueOrThrow({ where: { id } })).name).toBe(
			'Renamed by a curator',
		)
	})

	test('dates out of order and a currency-less amount are refused, every mistake at once', () => {
		const result = ProgramSchema.safeParse({
			vendorName: 'Contoso',
			name: 'Promo',
			kind: 'promotion',
			enrollOpensOn: '2026-12-10',
			enrollClosesOn: '2026-12-01',
			benefitAmount: 500,
			link: 'javascript:alert(1)',
		})
		expect(result.success).toBe(false)
		expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual([
			'benefitCurrency',
			'enrollClosesOn',
			'link',
		])
	})
})

describe('merging a duplicate', () => {
	test('ratings move over, a member who rated both keeps their later rating, followers move, and the figures follow', async () => {
		const keep = (await proposeProgram(moderator, form({ name: 'Partner rebate' })))!.id
		const dup = (await proposeProgram(moderator, form({ name: 'Partner rebate (duplicate)' })))!.id
		await approveProgram(moderator, keep)
		await approveProgram(moderator, dup)
		await rate(author, keep, 2)
		await rate(member, dup, 5)
		await rate(moderator, keep, 1)
		await new Promise((resolve) => setTimeout(resolve, 5))
		await rate(moderator, dup, 4) // the moderator's later word
		await db.programFollow.createMany({
			data: [
				{ programId: dup, userId: member.id },
				{ programId: dup, userId: author.id },
				{ programId: keep, userId: author.id },
			],
		})

		await expect(
			mergeProgram(author, { fromId: dup, intoId: keep }, offlinePublisher),
		).rejects.toThrow('Only site admins and moderators')
		await expect(
			mergeProgram(moderator, { fromId: keep, intoId: keep }, offlinePublisher),
		).rejects.toMatchObject({ field: 'intoId' })
		expect(await mergeProgram(moderator, { fromId: dup, intoId: keep }, offlinePublisher)).toBe(
			true,
		)

		const ratings = await db.programRating.findMany({
			where: { programId: keep },
			orderBy: { overall: 'asc' },
		})
		expect(ratings.map((r) => [r.memberId, r.overall])).toEqual([
			[author.id, 2],
			[moderator.id, 4],
			[member.id, 5],
		])
		expect(await db.programRating.count({ where: { programId: dup } })).toBe(0)
		const figures = await programFigures(await viewer(member), keep)
		expect(figures.count).toBe(3)
		expect(figures.average).toBeCloseTo(11 / 3, 10)
		expect(
			(await db.programFollow.findMany({ where: { programId: keep }, select: { userId: true } }))
				.map((f) => f.userId)
				.sort(),
		).toEqual([author.id, member.id].sort())
		expect(await db.vendorProgram.findUniqueOrThrow({ where: { id: dup } })).toMatchObject({
			state: 'merged',
			mergedIntoId: keep,
		})
		expect((await listPrograms(await viewer(member))).some((p) => p.id === dup)).toBe(false)
		await expect(
			mergeProgram(moderator, { fromId: dup, intoId: keep }, offlinePublisher),
		).rejects.toThrow('already merged')
	})
})

describe('lists', () => {
	test('status filters and sorts, with a fixed clock', async () => {
		const vendorName = 'Sorting Vendor Inc'
		const now = new Date('2026-12-01T12:00:00Z')
		const make = async (name: string, dates: Record<string, string>, scores: number[]) => {
			const { id } = (await proposeProgram(moderator, form({ vendorName, name, ...dates })))!
			await approveProgram(moderator, id)
			const raters = [author, member, moderator]
			for (const [i, score] of scores.entries()) await rate(raters[i]!, id, score)
			return id
		}
		const upcoming = await make(
			'Upcoming award',
			{ enrollOpensOn: '2027-01-15', enrollClosesOn: '2027-03-01' },
			[],
		)
		const soon = await make(
			'Year-end promo',
			{ enrollOpensOn: '2026-10-01', enrollClosesOn: '2026-12-10' },
			[3],
		)
		const open = await make(
			'Open tier',
			{ enrollOpensOn: '2026-06-01', enrollClosesOn: '2027-06-01' },
			[5, 4],
		)
		const ended = await make(
			'Summer rebate',
			{ enrollOpensOn: '2026-06-01', enrollClosesOn: '2026-08-31' },
			[4, 4, 4],
		)
		const vendorId = (await db.vendor.findFirstOrThrow({ where: { name: vendorName } })).id
		const names = async (options: Parameters<typeof listPrograms>[1]) =>
			(
				await listPrograms(await viewer(member), {
					...options,
					now,
					filters: { vendorId, ...options?.filters },
				})
			).map((p) => p.id)
		expect(await names({ filters: { openNow: true }, sort: 'ending' })).toEqual([soon, open])
		expect(await names({ filters: { endingSoon: true } })).toEqual([soon])
		expect(await names({ sort: 'ending' })).toEqual([soon, upcoming, open, ended])
		expect(await names({ sort: 'top' })).toEqual([open, ended, soon, upcoming])
		expect(await names({ sort: 'most' })).toEqual([ended, open, soon, upcoming])
		const statuses = (await listPrograms(await viewer(member), { now, filters: { vendorId } })).map(
			(p) => [p.name, p.status],
		)
		expect(Object.fromEntries(statuses)).toEqual({
			'Upcoming award': 'upcoming',
			'Year-end promo': 'ending_soon',
			'Open tier': 'open',
			'Summer rebate': 'ended',
		})
	})
})

describe('following', () => {
	test('a member follows an approved program they may see, once; a proposal cannot be followed; a follower who leaves every group is no longer told', async () => {
		const { setFollowing, followersToTell, isFollowing } =
			await import('#app/modules/vendors/follows.server.ts')
		const { id } = (await proposeProgram(moderator, form()))!
		await expect(setFollowing(member, id, true)).resolves.toBeNull()
		await expect(setFollowing(moderator, id, true)).rejects.toThrow('once it is approved')
		await approveProgram(moderator, id)
		expect(await setFollowing(member, id, true)).toBe(true)
		expect(await setFollowing(member, id, true)).toBe(true)
		expect(await db.programFollow.count({ where: { programId: id } })).toBe(1)
		expect(await setFollowing(outsider, id, true)).toBeNull()
		const leaver = await createUser()
		const group = await createGroupWith({ moderator: leaver })
		await setFollowing(leaver, id, true)
		const program = await db.vendorProgram.findUniqueOrThrow({ where: { id } })
		expect((await followersToTell(program)).sort()).toEqual([member.id, leaver.id].sort())
		await db.membership.deleteMany({ where: { groupId: group.id } })
		expect(await followersToTell(program)).toEqual([member.id])
		expect(await setFollowing(member, id, false)).toBe(false)
		expect(await isFollowing(member.id, id)).toBe(false)
	})
})
