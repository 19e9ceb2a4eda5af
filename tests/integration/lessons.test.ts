// The lessons library, with lessons posted and marked helpful through the real forum code.
import { describe, expect, test } from 'vitest'
import { COMMUNITY_FORUM_ID, type Blocker } from '#app/modules/forums/constants.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { listLessons, shareLessonHref } from '#app/modules/forums/lessons.server.ts'
import { createThread, setPostHidden, toggleHelpful } from '#app/modules/forums/posts.server.ts'
import type { NewThreadInput } from '#app/modules/forums/schemas.ts'
import { loader as lessonsLoader } from '#app/routes/lessons.tsx'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor } from '#tests/helpers.ts'

type Person = Awaited<ReturnType<typeof createUser>>

const realtime = () => createTestContext().realtime

async function lessonsCategory(forumId: string) {
	return db.category.findFirstOrThrow({ where: { forumId, slug: 'lessons' }, select: { id: true } })
}

async function shareLesson(
	author: Person,
	forumId: string,
	title: string,
	blocker: Blocker,
	options: { learned?: string; tags?: string[] } = {},
) {
	const input: NewThreadInput = {
		kind: 'lesson',
		title,
		categoryId: (await lessonsCategory(forumId)).id,
		tags: options.tags ?? [],
		blocker,
		lessonHappened: 'It happened at the end of the quarter.',
		lessonLearned: options.learned ?? 'We learned to plan earlier.',
		lessonDifferently: 'Start sooner.',
	}
	const { threadId } = await createThread(author, forumId, input, realtime())
	const opening = await db.post.findUniqueOrThrow({
		where: { threadId_number: { threadId, number: 1 } },
		select: { id: true },
	})
	return { threadId, openingPostId: opening.id }
}

async function buildWorld() {
	const alice = await createUser({ name: 'Alice Able' })
	const amy = await createUser({ name: 'Amy Member' })
	const carl = await createUser({ name: 'Carl Member' })
	const bob = await createUser({ name: 'Bob Other' })
	const loner = await createUser({ name: 'Lou Loner' })
	const groupA = await createGroupWith({
		moderator: alice,
		members: [amy, carl],
		name: 'Alpha Partners',
	})
	const groupB = await createGroupWith({ moderator: bob, name: 'Beta Builders' })
	await ensureCommunityForum()
	const forumA = await db.forum.findUniqueOrThrow({
		where: { groupId: groupA.id },
		select: { id: true },
	})
	const forumB = await db.forum.findUniqueOrThrow({
		where: { groupId: groupB.id },
		select: { id: true },
	})

	// Created oldest first: `first` has no helpful marks, `second` two, `third` one.
	const first = await shareLesson(alice, forumA.id, 'Collect deposits up front', 'cash_flow', {
		tags: ['invoicing'],
		learned:
			'A **signed** deposit changes the conversation. ' +
			'Cash in hand beats promises every single time. '.repeat(8),
	})
	const second = await shareLesson(alice, forumA.id, 'Qualify leads before demos', 'sales', {
		tags: ['pipeline'],
	})
	const third = await shareLesson(amy, forumA.id, 'Delegate the monthly close', 'cash_flow', {
		tags: ['invoicing'],
	})
	const community = await shareLesson(
		bob,
		COMMUNITY_FORUM_ID,
		'Partner with a distributor',
		'strategic_relationships',
	)
	const otherGroup = await shareLesson(bob, forumB.id, 'Beta secret pricing lesson', 'sales')
	const hidden = await shareLesson(amy, forumA.id, 'A lesson the moderator hid', 'operations')
	await setPostHidden(alice, hidden.openingPostId, true, realtime())
	// A discussion is not a lesson.
	await createThread(
		alice,
		forumA.id,
		{
			kind: 'discussion',
			title: 'Not a lesson at all',
			categoryId: (await lessonsCategory(forumA.id)).id,
			tags: [],
			body: 'Just talk.',
		},
		realtime(),
	)

	await toggleHelpful(amy, second.openingPostId, realtime())
	await toggleHelpful(carl, second.openingPostId, realtime())
	await toggleHelpful(alice, third.openingPostId, realtime())
	return { alice, amy, bob, loner, groupA, first, second, third, community, otherGroup, hidden }
}

let world: ReturnType<typeof buildWorld> | undefined
const getWorld = () => (world ??= buildWorld())

describe('listLessons', () => {
	test('lists readable lessons, newest first or most helpful first', async () => {
		const { amy, first, second, third, community } = await getWorld()
		const newest = await listLessons(amy, { sort: 'newest', page: 1 })
		expect(newest.lessons.map((l) => l.id)).toEqual([
			community.threadId,
			third.threadId,
			second.threadId,
			first.threadId,
		])
		expect(newest.total).toBe(4)

		const helpful = await listLessons(amy, { sort: 'helpful', page: 1 })
		expect(helpful.lessons.map((l) => [l.id, l.helpfulCount])).toEqual([
			[second.threadId, 2],
			[third.threadId, 1],
			[community.threadId, 0],
			[first.threadId, 0],
		])
	})

	test('a card has its blocker, forum, author and the first lines of what was learned, as plain text', async () => {
		const { amy, first, community } = await getWorld()
		const { lessons } = await listLessons(amy, { sort: 'newest', page: 1 })
		const card = lessons.find((l) => l.id === first.threadId)!
		expect(card).toMatchObject({
			title: 'Collect deposits up front',
			blocker: 'cash_flow',
			author: { name: 'Alice Able' },
			forum: {
				name: 'Alpha Partners',
				href: expect.stringMatching(/^\/g\/alpha-partners[^/]*\/forum$/),
			},
			tags: ['invoicing'],
		})
		expect(card.learned.startsWith('A signed deposit changes the conversation.')).toBe(true)
		expect(card.learned.length).toBeLessThanOrEqual(221)
		expect(card.learned.endsWith('…')).toBe(true)
		expect(lessons.find((l) => l.id === community.threadId)?.forum).toEqual({
			name: 'Community',
			href: '/community',
		})
	})

	test('filters by blocker and by tag', async () => {
		const { amy, first, second, third } = await getWorld()
		const cash = await listLessons(amy, { blocker: 'cash_flow', sort: 'newest', page: 1 })
		expect(cash.lessons.map((l) => l.id)).toEqual([third.threadId, first.threadId])
		expect(cash.blockers.find((b) => b.blocker === 'cash_flow')?.count).toBe(2)
		expect(cash.blockers.find((b) => b.blocker === 'sales')?.count).toBe(1)
		expect(
			(await listLessons(amy, { blocker: 'sales', sort: 'newest', page: 1 })).lessons.map(
				(l) => l.id,
			),
		).toEqual([second.threadId])
		expect(
			(await listLessons(amy, { blocker: 'marketing', sort: 'newest', page: 1 })).lessons,
		).toEqual([])
		const tagged = await listLessons(amy, { tag: 'invoicing', sort: 'helpful', page: 1 })
		expect(tagged.lessons.map((l) => l.id)).toEqual([third.threadId, first.threadId])
		expect(tagged.popularTags).toEqual(
			expect.arrayContaining([
				{ name: 'invoicing', count: 2 },
				{ name: 'pipeline', count: 1 },
			]),
		)
	})

	test("other groups' lessons and hidden lessons are never listed", async () => {
		const { amy, bob, alice, loner, otherGroup, hidden, community } = await getWorld()
		const forAmy = (await listLessons(amy, { sort: 'newest', page: 1 })).lessons.map((l) => l.id)
		expect(forAmy).not.toContain(otherGroup.threadId)
		expect(forAmy).not.toContain(hidden.threadId)
		// Not even for the moderator who hid it, nor through a filter.
		expect(
			(await listLessons(alice, { blocker: 'operations', sort: 'newest', page: 1 })).lessons,
		).toEqual([])
		expect(
			(await listLessons(amy, { blocker: 'sales', sort: 'newest', page: 1 })).lessons.map(
				(l) => l.id,
			),
		).not.toContain(otherGroup.threadId)

		const forBob = (await listLessons(bob, { sort: 'newest', page: 1 })).lessons.map((l) => l.id)
		expect(forBob).toEqual([otherGroup.threadId, community.threadId])
		expect((await listLessons(loner, { sort: 'newest', page: 1 })).lessons).toEqual([])
		// The popular tags come from readable lessons only.
		expect((await listLessons(bob, { sort: 'newest', page: 1 })).popularTags).toEqual([])
	})

	test('"share a lesson" leads to the first group\'s form, or nowhere without a group', async () => {
		const { amy, groupA, loner } = await getWorld()
		expect(await shareLessonHref(amy)).toBe(`/g/${groupA.slug}/forum/new?kind=lesson`)
		expect(await shareLessonHref(loner)).toBeNull()
	})
})

describe('the /lessons page', () => {
	test('reads its filters and sort from the URL, ignoring nonsense', async () => {
		const { amy, second, third } = await getWorld()
		const cookie = await sessionCookieFor(amy.id)
		const load = async (path: string) =>
			dataOf<Awaited<ReturnType<typeof lessonsLoader>>>(
				await runRoute(lessonsLoader, {
					request: makeRequest(path, { cookie }),
					params: {},
					context: createTestContext(),
				}),
			)

		const helpful = await load('/lessons?sort=helpful')
		expect(helpful.params.sort).toBe('helpful')
		expect(helpful.library.lessons[0]?.id).toBe(second.threadId)

		const cash = await load('/lessons?blocker=cash_flow&sort=helpful')
		expect(cash.library.lessons.map((l) => l.id)[0]).toBe(third.threadId)

		const odd = await load('/lessons?blocker=nonsense&sort=%22&page=-3')
		expect(odd.params).toMatchObject({ blocker: undefined, sort: 'newest' })
		expect(odd.library.total).toBe(4)
		expect(odd.library.page).toBe(1)
	})
})
