// Ratings of vendor programs and the figures drawn from them: one rating per member, figures that
// match the stored ratings after concurrent ratings and edits, and the rule that keeps a group's
// private ratings private (app/modules/vendors/access.server.ts).
import { beforeAll, describe, expect, test } from 'vitest'
import { catalogueViewer } from '#app/modules/vendors/access.server.ts'
import { figuresOf } from '#app/modules/vendors/figures.ts'
import { programFigures } from '#app/modules/vendors/figures.server.ts'
import { listRatings, saveRating } from '#app/modules/vendors/ratings.server.ts'
import { ratingSchema, type RatingInput } from '#app/modules/vendors/schemas.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { createGroupWith, createUser } from '#tests/helpers.ts'

type Person = { id: string; isSiteAdmin: boolean }
let vendorId: string
let curator: Person

const rating = (fields: Partial<RatingInput> = {}): RatingInput =>
	ratingSchema().parse({ overall: 4, wouldRecommend: 'yes', ...fields })

async function approvedProgram(): Promise<string> {
	return (
		await db.vendorProgram.create({
			data: {
				vendorId,
				name: `Program ${Math.random()}`,
				kind: 'rebate',
				state: 'approved',
				proposedById: curator.id,
			},
			select: { id: true },
		})
	).id
}

/** A group of `size` members (the first is its moderator). */
async function groupOf(size: number): Promise<{ id: string; people: Person[] }> {
	const people = await Promise.all(Array.from({ length: size }, () => createUser()))
	const group = await createGroupWith({ moderator: people[0]!, members: people.slice(1) })
	return { id: group.id, people }
}

const viewerOf = async (who: Person) => (await catalogueViewer(who))!

beforeAll(async () => {
	curator = await createUser({ isSiteAdmin: true })
	vendorId = (await db.vendor.create({ data: { slug: 'fabrikam', name: 'Fabrikam' } })).id
})

describe('saving a rating', () => {
	test('the figures match the stored ratings after many concurrent ratings and edits', async () => {
		const programId = await approvedProgram()
		const group = await groupOf(40)
		await Promise.all(
			group.people.map((who, i) =>
				saveRating(
					who,
					programId,
					rating({
						overall: (i % 5) + 1,
						easeScore: ((i + 2) % 5) + 1,
						wouldRecommend: i % 3 ? 'yes' : 'no',
						hoursSpent: i,
					}),
					offlinePublisher,
				),
			),
		)
		// Half of them change their minds, all at once, while the other half save the same again.
		await Promise.all(
			group.people.map((who, i) =>
				saveRating(
					who,
					programId,
					rating({
						overall: i % 2 ? 5 : (i % 5) + 1,
						easeScore: ((i + 2) % 5) + 1,
						wouldRecommend: i % 3 ? 'yes' : 'no',
						hoursSpent: i,
					}),
					offlinePublisher,
				),
			),
		)
		const stored = await db.programRating.findMany({ where: { programId } })
		expect(stored).toHaveLength(40)
		const figures = await programFigures(await viewerOf(group.people[0]!), programId)
		expect(figures).toEqual(figuresOf(stored))
		expect(figures.count).toBe(40)
		expect(figures.average).toBeCloseTo(stored.reduce((sum, r) => sum + r.overall, 0) / 40, 10)
		expect(figures.distribution.reduce((a, b) => a + b, 0)).toBe(40)
		expect(figures.distribution[4]).toBe(stored.filter((r) => r.overall === 5).length)
		expect(figures.outcomes.medianHours).toBe(19.5)
	})

	test('one rating per member: two saves at once leave one rating, and an edit keeps its id', async () => {
		const programId = await approvedProgram()
		const { people } = await groupOf(1)
		const member = people[0]!
		const results = await Promise.all([
			saveRating(member, programId, rating({ overall: 2 }), offlinePublisher),
			saveRating(member, programId, rating({ overall: 3 }), offlinePublisher),
		])
		expect(await db.programRating.count({ where: { programId } })).toBe(1)
		expect(results.filter((r) => r?.created)).toHaveLength(1)
		const again = await saveRating(member, programId, rating({ overall: 5 }), offlinePublisher)
		expect(again).toEqual({ ratingId: results[0]!.ratingId, created: false })
		expect((await db.programRating.findFirstOrThrow({ where: { programId } })).overall).toBe(5)
	})

	test('a proposal cannot be rated, and nothing is saved', async () => {
		const { people } = await groupOf(1)
		const proposal = await db.vendorProgram.create({
			data: { vendorId, name: 'Proposed promo', kind: 'promotion', proposedById: people[0]!.id },
		})
		await expect(saveRating(people[0]!, proposal.id, rating(), offlinePublisher)).rejects.toThrow(
			new VendorError('This program can be rated once it is approved'),
		)
		expect(await db.programRating.count({ where: { programId: proposal.id } })).toBe(0)
	})

	test('a rating is shown as one of the member’s own groups only; a site admin in no group cannot rate', async () => {
		const programId = await approvedProgram()
		const mine = await groupOf(1)
		const other = await groupOf(1)
		await expect(
			saveRating(mine.people[0]!, programId, rating({ groupId: other.id }), offlinePublisher),
		).rejects.toMatchObject({ field: 'groupId' })
		await expect(saveRating(curator, programId, rating(), offlinePublisher)).rejects.toThrow(
			'Only members of a peer group can rate programs',
		)
		expect(await db.programRating.count({ where: { programId } })).toBe(0)
	})

	test.each([
		[{ overall: 0 }, 'overall'],
		[{ overall: 6 }, 'overall'],
		[{ overall: 3.5 }, 'overall'],
		[{ roiScore: 7 }, 'roiScore'],
		[{ daysToPayout: -1 }, 'daysToPayout'],
		[{ review: 'x'.repeat(5001) }, 'review'],
		[{ yearTookPart: 2999 }, 'yearTookPart'],
	])('the form refuses %o on its field', (fields, field) => {
		const result = ratingSchema().safeParse({ overall: 4, wouldRecommend: 'yes', ...fields })
		expect(result.success).toBe(false)
		expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field)
	})
})

describe('group-only ratings stay in their group', () => {
	test('other groups’ group-only ratings count in figures only once three groups have them', async () => {
		const programId = await approvedProgram()
		const [a, b, c, d, e, outsiderGroup] = await Promise.all([
			groupOf(1),
			groupOf(1),
			groupOf(1),
			groupOf(1),
			groupOf(1),
			groupOf(1),
		])
		const rate = (
			g: { people: Person[]; id: string },
			overall: number,
			visibility: 'community' | 'group',
		) =>
			saveRating(
				g.people[0]!,
				programId,
				rating({ overall, visibility, groupId: g.id }),
				offlinePublisher,
			)
		await rate(a, 5, 'community')
		await rate(b, 3, 'community')
		await rate(c, 1, 'group')
		const seenBy = async (g: { people: Person[] }) => {
			const figures = await programFigures(await viewerOf(g.people[0]!), programId)
			return { count: figures.count, average: figures.average }
		}
		// One group's private rating is not in anyone else's figures: it cannot be read off the total.
		expect(await seenBy(outsiderGroup)).toEqual({ count: 2, average: 4 })
		expect(await seenBy(c)).toEqual({ count: 3, average: 3 })
		await rate(d, 2, 'group')
		expect(await seenBy(outsiderGroup)).toEqual({ count: 2, average: 4 })
		expect(await seenBy(d)).toEqual({ count: 3, average: 10 / 3 })
		// A third group with group-only ratings: from now on they count for everyone.
		await rate(e, 4, 'group')
		expect(await seenBy(outsiderGroup)).toEqual({ count: 5, average: 3 })
		expect(await seenBy(a)).toEqual({ count: 5, average: 3 })
		// The ratings themselves stay readable in their group only.
		const listedFor = async (g: { people: Person[] }) =>
			(await listRatings(await viewerOf(g.people[0]!), programId)).map((r) => r.overall).sort()
		expect(await listedFor(outsiderGroup)).toEqual([3, 5])
		expect(await listedFor(c)).toEqual([1, 3, 5])
	})

	test('a rating signed "a member of <group>" carries no name, company or id', async () => {
		const programId = await approvedProgram()
		const group = await groupOf(2)
		await saveRating(
			group.people[1]!,
			programId,
			rating({ shownAs: 'group', review: 'Paid in 40 days.' }),
			offlinePublisher,
		)
		const [listed] = await listRatings(await viewerOf(group.people[0]!), programId)
		expect(listed!.signedBy).toEqual({ kind: 'group', groupName: expect.any(String) })
		expect(JSON.stringify(listed)).not.toContain(group.people[1]!.id)
	})
})
