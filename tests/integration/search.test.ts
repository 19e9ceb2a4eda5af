// Full-text search through the real posting code, so the index is kept the way the app keeps it.
// Runs on SQLite (FTS5) and on PostgreSQL (tsvector): `npm run test:postgres -- tests/integration/search.test.ts`.
import { describe, expect, test } from 'vitest'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import {
	createReply,
	createThread,
	deletePost,
	editLesson,
	editPost,
	setPostHidden,
} from '#app/modules/forums/posts.server.ts'
import type { NewThreadInput } from '#app/modules/forums/schemas.ts'
import { facet } from '#app/modules/search/facets.ts'
import { TOO_SLOW } from '#app/modules/search/search-pool.server.ts'
import {
	searchPosts,
	SearchRefusedError,
	SEARCH_PAGE_SIZE,
	type SearchOptions,
} from '#app/modules/search/search.server.ts'
import { loader as searchLoader } from '#app/routes/search.tsx'
import { db } from '#app/utils/db.server.ts'
import {
	createGroupWith,
	createTestContext,
	createUser,
	dataOf,
	makeRequest,
	sessionCookieFor,
} from '#tests/helpers.ts'
import { testEngine } from '#tests/setup/test-database.ts'

type Person = Awaited<ReturnType<typeof createUser>>
type ForumWithCategories = { id: string; categories: Array<{ id: string; slug: string }> }

const realtime = () => createTestContext().realtime

async function buildWorld() {
	const alice = await createUser({ name: 'Alice Able' }) // moderates group A
	const amy = await createUser({ name: 'Amy Member' }) // member of group A
	const bob = await createUser({ name: 'Bob Other' }) // moderates group B only
	const loner = await createUser({ name: 'Lou Loner' }) // in no group
	const groupA = await createGroupWith({ moderator: alice, members: [amy], name: 'Alpha Partners' })
	const groupB = await createGroupWith({ moderator: bob, name: 'Beta Builders' })
	await ensureCommunityForum()
	const forumOf = (where: { groupId: string } | { id: string }) =>
		db.forum.findUniqueOrThrow({
			where: where as { id: string },
			select: { id: true, categories: { select: { id: true, slug: true } } },
		})
	return {
		alice,
		amy,
		bob,
		loner,
		groupA,
		groupB,
		forumA: await forumOf({ groupId: groupA.id }),
		forumB: await forumOf({ groupId: groupB.id }),
		community: await forumOf({ id: COMMUNITY_FORUM_ID }),
	}
}

// One world per file (each test file has its own database); each test uses its own words.
let world: ReturnType<typeof buildWorld> | undefined
const getWorld = () => (world ??= buildWorld())

async function startThread(
	author: Person,
	forum: ForumWithCategories,
	input: Partial<NewThreadInput> & { title: string },
) {
	const categoryId = forum.categories.find(
		(c) => c.slug === (input.kind === 'lesson' ? 'lessons' : 'general'),
	)!.id
	const { threadId } = await createThread(
		author,
		forum.id,
		{
			kind: 'discussion',
			categoryId,
			tags: [],
			body: 'Opening words for the group.',
			...input,
		} as NewThreadInput,
		realtime(),
	)
	const opening = await db.post.findUniqueOrThrow({
		where: { threadId_number: { threadId, number: 1 } },
		select: { id: true },
	})
	return { threadId, openingPostId: opening.id }
}

const search = (viewer: Person, q: string, options: Omit<SearchOptions, 'q'> = {}) =>
	searchPosts(viewer, { q, ...options })
type Found = Awaited<ReturnType<typeof searchPosts>>
const postResults = (found: Found | null | undefined) =>
	(found?.results ?? []).flatMap((r) => (r.type === 'post' ? [r] : []))
const threadIds = (found: Found) =>
	postResults(found)
		.map((r) => r.threadId)
		.sort()

describe('searchPosts', () => {
	test('finds a thread by a word in its title, and by a stemmed word in a reply', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId } = await startThread(alice, forumA, {
			title: 'Quokka pricing workshop',
			body: 'Bring your numbers.',
		})
		await createReply(
			amy,
			threadId,
			{ body: 'The distributor rebate arrived two months late.' },
			realtime(),
		)

		const byTitle = await search(amy, 'quokka')
		expect(byTitle.total).toBe(1)
		expect(byTitle.results[0]).toMatchObject({
			threadId,
			threadTitle: 'Quokka pricing workshop',
			postNumber: 1,
			kind: 'discussion',
			blocker: null,
			author: { id: alice.id, name: 'Alice Able' },
			forum: {
				name: 'Alpha Partners',
				href: expect.stringMatching(/^\/g\/alpha-partners[^/]*\/forum$/),
			},
		})
		expect(new Date(postResults(byTitle)[0]!.createdAt).getTime()).not.toBeNaN()

		// "rebates" is stemmed to the same word as "rebate"; the hit is the reply.
		const stemmed = await search(amy, 'rebates')
		expect(stemmed.results).toHaveLength(1)
		expect(stemmed.results[0]).toMatchObject({ threadId, postNumber: 2, author: { id: amy.id } })
		expect(stemmed.results[0]!.snippetHtml).toContain('<mark>rebate</mark>')

		// Words from the title and a reply together, and the last word as a prefix.
		expect(threadIds(await search(amy, 'quokka distributor'))).toEqual([threadId])
		expect(threadIds(await search(amy, 'distributor quok'))).toEqual([threadId])
	})

	test('only finds posts in forums the viewer may read', async () => {
		const { alice, amy, bob, loner, forumA, forumB, community } = await getWorld()
		const inA = await startThread(alice, forumA, {
			title: 'Confidential walrus margins',
			body: 'Our walrus margins are 12 percent.',
		})
		const inB = await startThread(bob, forumB, {
			title: 'Beta walrus margins',
			body: 'Walrus margins in group B.',
		})
		const inCommunity = await startThread(amy, community, {
			title: 'Community walrus margins',
			body: 'Shared with everyone.',
		})

		expect(threadIds(await search(amy, 'walrus margins'))).toEqual(
			[inA.threadId, inCommunity.threadId].sort(),
		)
		// Even with the exact words, group A's thread never reaches a member of group B only.
		expect(threadIds(await search(bob, 'Confidential walrus margins'))).toEqual([])
		expect(threadIds(await search(bob, 'walrus margins'))).toEqual(
			[inB.threadId, inCommunity.threadId].sort(),
		)
		// Asking for group A's forum by id does not open it.
		expect((await search(bob, 'walrus', { forumId: forumA.id })).total).toBe(0)
		// No group, no forums: not even the community.
		expect((await search(loner, 'walrus')).total).toBe(0)
	})

	test('a hidden thread, a hidden reply and a deleted post leave the results', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId, openingPostId } = await startThread(alice, forumA, {
			title: 'Narwhal onboarding checklist',
			body: 'Step one: narwhal.',
		})
		const deleted = await createReply(
			amy,
			threadId,
			{ body: 'A pelican note that I will delete.' },
			realtime(),
		)
		const hidden = await createReply(
			amy,
			threadId,
			{ body: 'An albatross remark the moderator hides.' },
			realtime(),
		)
		expect((await search(amy, 'pelican')).total).toBe(1)
		expect((await search(amy, 'albatross')).total).toBe(1)

		await deletePost(amy, deleted.postId, realtime())
		expect((await search(amy, 'pelican')).total).toBe(0)

		await setPostHidden(alice, hidden.postId, true, realtime())
		expect((await search(alice, 'albatross')).total).toBe(0)

		expect((await search(amy, 'narwhal')).total).toBe(1)
		await setPostHidden(alice, openingPostId, true, realtime())
		// The thread is hidden: none of its posts are found, not even by the moderator.
		expect((await search(amy, 'narwhal')).total).toBe(0)
		expect((await search(alice, 'narwhal')).total).toBe(0)
	})

	test('an edited post is found by its new words, not its old ones', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId } = await startThread(alice, forumA, {
			title: 'Budget review for next year',
			body: 'Share your plans.',
		})
		const reply = await createReply(
			amy,
			threadId,
			{ body: 'Our flamingo budget doubled.' },
			realtime(),
		)
		expect((await search(amy, 'flamingo')).total).toBe(1)

		await editPost(amy, reply.postId, 'Our toucan budget doubled.', realtime())
		expect((await search(amy, 'flamingo')).total).toBe(0)
		const found = await search(amy, 'toucan')
		expect(found.results).toHaveLength(1)
		expect(found.results[0]).toMatchObject({ threadId, postNumber: 2 })
	})

	test('a renamed lesson is found by its new title', async () => {
		const { alice, amy, forumA } = await getWorld()
		const lesson = {
			blocker: 'leadership',
			lessonHappened: 'We grew the team from five to twenty in a year.',
			lessonLearned: 'Culture does not scale by itself.',
			lessonDifferently: 'Hire a people manager first.',
		} as const
		const { threadId } = await startThread(alice, forumA, {
			kind: 'lesson',
			title: 'Hiring too fast',
			...lesson,
		})
		await editLesson(alice, threadId, { title: 'Capybara lesson on hiring', ...lesson }, realtime())

		const found = await search(amy, 'capybara')
		expect(found.results).toHaveLength(1)
		expect(found.results[0]).toMatchObject({
			threadId,
			threadTitle: 'Capybara lesson on hiring',
			kind: 'lesson',
			blocker: 'leadership',
		})
	})

	test('filters narrow the results and combine with AND', async () => {
		const { alice, amy, forumA, community } = await getWorld()
		const general = forumA.categories.find((c) => c.slug === 'general')!
		const vendors = forumA.categories.find((c) => c.slug === 'vendors')!
		const discussion = await startThread(alice, forumA, {
			title: 'Gecko sales pipeline',
			tags: ['crm'],
			body: 'How do you run the pipeline?',
		})
		const question = await startThread(alice, forumA, {
			kind: 'question',
			title: 'Gecko vendor question',
			categoryId: vendors.id,
			body: 'Which vendor?',
		})
		const lesson = await startThread(alice, forumA, {
			kind: 'lesson',
			title: 'Gecko cash flow lesson',
			tags: ['finance'],
			blocker: 'cash_flow',
			lessonHappened: 'A big client paid ninety days late.',
			lessonLearned: 'Invoice in stages.',
			lessonDifferently: 'Ask for a deposit.',
		})
		const elsewhere = await startThread(amy, community, {
			title: 'Gecko community chat',
			body: 'Hello everyone.',
		})
		await createReply(
			amy,
			discussion.threadId,
			{ body: 'Our gecko pipeline lives in a spreadsheet.' },
			realtime(),
		)

		expect(threadIds(await search(amy, 'gecko'))).toEqual(
			[discussion.threadId, question.threadId, lesson.threadId, elsewhere.threadId].sort(),
		)
		expect(threadIds(await search(amy, 'gecko', { forumId: forumA.id }))).toEqual(
			[discussion.threadId, question.threadId, lesson.threadId].sort(),
		)
		expect(threadIds(await search(amy, 'gecko', { forumId: COMMUNITY_FORUM_ID }))).toEqual([
			elsewhere.threadId,
		])
		expect(threadIds(await search(amy, 'gecko', { categoryId: vendors.id }))).toEqual([
			question.threadId,
		])
		expect(
			threadIds(await search(amy, 'gecko', { categoryId: general.id, forumId: forumA.id })),
		).toEqual([discussion.threadId])
		expect(threadIds(await search(amy, 'gecko', { kind: 'question' }))).toEqual([question.threadId])
		expect(threadIds(await search(amy, 'gecko', { kind: 'lesson' }))).toEqual([lesson.threadId])
		expect(threadIds(await search(amy, 'gecko', { blocker: 'cash_flow' }))).toEqual([
			lesson.threadId,
		])
		expect(threadIds(await search(amy, 'gecko', { tag: 'crm' }))).toEqual([discussion.threadId])
		expect(threadIds(await search(amy, 'gecko', { tag: 'finance', kind: 'question' }))).toEqual([])

		// By author: the posts that author wrote (Amy's reply, and her community thread).
		const byAmy = await search(amy, 'gecko', { authorId: amy.id })
		expect(threadIds(byAmy)).toEqual([discussion.threadId, elsewhere.threadId].sort())
		expect(postResults(byAmy).find((r) => r.threadId === discussion.threadId)).toMatchObject({
			postNumber: 2,
		})
		expect(
			threadIds(await search(amy, 'gecko', { authorHandle: `@${amy.handle}`, forumId: forumA.id })),
		).toEqual([discussion.threadId])
		expect((await search(amy, 'gecko', { authorHandle: 'nobody.by.this.name' })).total).toBe(0)
	})

	test('hostile and empty queries return normally', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId } = await startThread(alice, forumA, {
			title: 'Ocelot survival guide',
			body: 'Near the end of the quarter, AND in January.',
		})
		const hostile = [
			'"',
			'*',
			'NEAR(',
			'a AND',
			'\'; DROP TABLE "Post"; --',
			'"unterminated',
			'(((',
			'title:ocelot',
			'-ocelot',
			'^ocelot',
			'ocelot OR',
			'NOT',
			'\\',
			"ocelot's",
			'日本語',
			'ocelot:*',
			'!!',
			'&|',
		]
		for (const q of hostile) {
			const found = await search(amy, q)
			expect(found.total, q).toBeGreaterThanOrEqual(0)
			expect(Array.isArray(found.results), q).toBe(true)
		}
		for (const q of ['', '   ', '\t\n']) {
			expect(await search(amy, q)).toEqual({
				total: 0,
				capped: false,
				page: 1,
				pageCount: 1,
				results: [],
			})
		}
		// Syntax characters are separators, not operators: the words still match.
		expect(threadIds(await search(amy, '"ocelot" AND( survival*'))).toEqual([threadId])
		expect(threadIds(await search(amy, 'title:ocelot'))).toEqual([])
		expect(threadIds(await search(amy, 'NEAR( ocelot AND'))).toEqual([threadId])
		// And the tables are all still there.
		expect(await db.post.count()).toBeGreaterThan(0)
		expect(threadIds(await search(amy, 'ocelot'))).toEqual([threadId])
	})

	test('snippets mark the hit and escape everything else', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId } = await startThread(alice, forumA, {
			title: 'Field notes',
			body: 'Nothing to see here.',
		})
		await createReply(
			amy,
			threadId,
			{
				body: 'Beware `<script>alert("x")</script>` in the okapi field & <script>steal()</script> "quotes" and <b>bold</b>.',
			},
			realtime(),
		)
		const found = await search(amy, 'okapi')
		expect(found.results).toHaveLength(1)
		const html = found.results[0]!.snippetHtml
		expect(html).toContain('<mark>okapi</mark>')
		expect(html).not.toMatch(/<script/i)
		expect(html).toContain('&lt;script&gt;')
		// <mark> is the only markup.
		expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
	})

	test('pages through many results, twenty at a time', async () => {
		const { alice, amy, forumA } = await getWorld()
		const count = SEARCH_PAGE_SIZE + 3
		for (let n = 1; n <= count; n++) {
			await startThread(alice, forumA, {
				title: `Meerkat meeting notes ${n}`,
				body: `Agenda number ${n}.`,
			})
		}
		const first = await search(amy, 'meerkat', { page: 1 })
		expect(first).toMatchObject({ total: count, page: 1, pageCount: 2 })
		expect(first.results).toHaveLength(SEARCH_PAGE_SIZE)
		const second = await search(amy, 'meerkat', { page: 2 })
		expect(second.results).toHaveLength(3)
		expect(new Set([...threadIds(first), ...threadIds(second)]).size).toBe(count)
		const beyond = await search(amy, 'meerkat', { page: 9 })
		expect(beyond).toMatchObject({ total: count, page: 9, pageCount: 2, results: [] })
	})

	test('each result shows the snippet of its own post', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId } = await startThread(amy, forumA, {
			title: 'Wombat contract',
			body: 'Our wombat agreement is up for renewal next spring.',
		})
		await createReply(
			alice,
			threadId,
			{ body: 'We renewed ours for three wombat years.' },
			realtime(),
		)
		const lesson = await startThread(amy, forumA, {
			kind: 'lesson',
			title: 'We priced wombats per seat',
			blocker: 'cash_flow',
			lessonHappened: 'Small clients used more hours than their seats paid for.',
			lessonLearned: 'A floor price per client, whatever the wombat renewal says.',
			lessonDifferently: 'Start with the floor price.',
		})
		const found = postResults(await search(amy, 'wombat renewal'))
		expect(found.map((r) => r.threadId).sort()).toEqual([threadId, lesson.threadId].sort())
		const texts = await db.post.findMany({
			where: { id: { in: found.map((r) => r.postId) } },
			select: { id: true, bodyText: true },
		})
		for (const result of found) {
			const own = texts.find((t) => t.id === result.postId)!.bodyText
			// Every word of the snippet, marks taken out, is in the post it names.
			const words = result.snippetHtml
				.replace(/<[^>]+>/g, '')
				.replace(/…/g, ' ')
				.split(/\s+/)
				.filter(Boolean)
			for (const word of words) expect(own, `${result.threadTitle}: “${word}”`).toContain(word)
		}
	})
})

describe('the /search page', () => {
	test('searches with the filters in the URL and lists only readable forums', async () => {
		const { alice, amy, bob, forumA, community } = await getWorld()
		const { threadId } = await startThread(alice, forumA, {
			kind: 'question',
			title: 'Platypus licensing question',
			body: 'Per seat or per core?',
		})
		await startThread(amy, community, { title: 'Platypus in the community', body: 'Anyone?' })
		const cookie = await sessionCookieFor(amy.id)
		const load = async (path: string, who = cookie) =>
			dataOf<Awaited<ReturnType<typeof searchLoader>>>(
				await searchLoader({
					request: makeRequest(path, { cookie: who }),
					params: {},
					context: createTestContext(),
				} as never),
			)

		const page = await load(
			`/search?q=platypus&forum=${forumA.id}&kind=question&blocker=&tag=&author=`,
		)
		expect(page.forums.map((f) => f.id)).toEqual([forumA.id, COMMUNITY_FORUM_ID])
		expect(page.query).toMatchObject({
			q: 'platypus',
			forum: forumA.id,
			kind: 'question',
			blocker: undefined,
			tag: undefined,
		})
		expect(postResults(page.search).map((r) => r.threadId)).toEqual([threadId])

		// Nonsense filter values are dropped, not errors; a forum the member cannot read is ignored.
		const odd = await load(
			`/search?q=platypus&kind=banana&blocker=%22&forum=${forumA.id}`,
			await sessionCookieFor(bob.id),
		)
		expect(odd.query.kind).toBeUndefined()
		expect(odd.query.forum).toBeUndefined()
		expect(postResults(odd.search).map((r) => r.threadTitle)).toEqual(['Platypus in the community'])

		const empty = await load('/search')
		expect(empty.search).toBeNull()
	})
})

describe('bounded search', () => {
	test('ranks only the most recent matches past the candidate limit, and says there are more', async () => {
		const { alice, amy, forumA } = await getWorld()
		const ids: string[] = []
		for (let n = 1; n <= 6; n++) {
			ids.push(
				(await startThread(alice, forumA, { title: `Dugong report ${n}`, body: 'Numbers inside.' }))
					.threadId,
			)
		}
		const all = await search(amy, 'dugong')
		expect(all).toMatchObject({ total: 6, capped: false })
		// Four candidates: the four newest posts, so the four newest threads, and "more than 4".
		const bounded = await searchPosts(amy, { q: 'dugong' }, { candidateLimit: 4 })
		expect(bounded).toMatchObject({ total: 4, capped: true, pageCount: 1 })
		expect(threadIds(bounded)).toEqual(ids.slice(2).sort())
		// Exactly at the limit is not "more".
		expect(await searchPosts(amy, { q: 'dugong' }, { candidateLimit: 6 })).toMatchObject({
			total: 6,
			capped: false,
		})
	})

	test('candidates are counted after access and filters, so a reader is never shown fewer than exist', async () => {
		const { alice, amy, bob, forumA, forumB } = await getWorld()
		// Newer posts in a forum Amy cannot read must not use up her candidates.
		const mine = await startThread(alice, forumA, { title: 'Axolotl care', body: 'Water first.' })
		for (let n = 1; n <= 3; n++)
			await startThread(bob, forumB, { title: `Axolotl tank ${n}`, body: 'Glass.' })
		const found = await searchPosts(amy, { q: 'axolotl' }, { candidateLimit: 1 })
		expect(found).toMatchObject({ total: 1, capped: false })
		expect(threadIds(found)).toEqual([mine.threadId])
		// And the same with a filter: Alice's question, under newer discussions by others.
		const question = await startThread(alice, forumA, {
			kind: 'question',
			title: 'Axolotl food?',
			body: 'Worms?',
		})
		await startThread(amy, forumA, { title: 'Axolotl photos', body: 'Look.' })
		const questions = await searchPosts(
			amy,
			{ q: 'axolotl', kind: 'question' },
			{ candidateLimit: 1 },
		)
		expect(threadIds(questions)).toEqual([question.threadId])
		const byAlice = await searchPosts(
			amy,
			{ q: 'axolotl', authorId: alice.id, forumId: forumA.id },
			{ candidateLimit: 5 },
		)
		expect(threadIds(byAlice)).toEqual([mine.threadId, question.threadId].sort())
	})

	test('a filter never matches on its own, even when the words are only stop words', async () => {
		const { alice, amy, forumA } = await getWorld()
		await startThread(alice, forumA, {
			kind: 'question',
			title: 'Is the gnu here?',
			body: 'The one.',
		})
		for (const q of ['the', 'the of']) {
			const all = threadIds(await search(amy, q))
			const filtered = threadIds(
				await search(amy, q, { kind: 'question', authorId: alice.id, forumId: forumA.id }),
			)
			expect(
				filtered.every((id) => all.includes(id)),
				q,
			).toBe(true)
		}
	})

	test('the filter tokens cannot be searched for by typing them', async () => {
		const { alice, amy, forumA } = await getWorld()
		await startThread(alice, forumA, { kind: 'question', title: 'Wombat hours', body: 'When?' })
		for (const token of [facet.kind('question'), facet.forum(forumA.id), facet.author(alice.id)]) {
			expect((await search(amy, token)).total, token).toBe(0)
		}
	})

	test('moving a hidden post back into the index keeps its filter tokens', async () => {
		const { alice, amy, forumA } = await getWorld()
		const { threadId } = await startThread(alice, forumA, {
			kind: 'question',
			title: 'Ocelot sightings',
			body: 'Seen one?',
		})
		const reply = await createReply(amy, threadId, { body: 'Ocelot at dusk.' }, realtime())
		await setPostHidden(alice, reply.postId, true, realtime())
		expect((await search(amy, 'dusk', { kind: 'question', authorId: amy.id })).total).toBe(0)
		await setPostHidden(alice, reply.postId, false, realtime())
		expect((await search(amy, 'dusk', { kind: 'question', authorId: amy.id })).total).toBe(1)
	})

	// The worker stops its walk past the time limit; PostgreSQL's statement timeout does the same
	// there, but a query over a test database is too quick for any timeout to catch it reliably.
	test.skipIf(testEngine() === 'postgresql')(
		'a search past its time limit is refused with a message, and the next one runs',
		async () => {
			const { alice, amy, forumA } = await getWorld()
			await startThread(alice, forumA, { title: 'Tapir timetable', body: 'Every day.' })
			const refused = await searchPosts(amy, { q: 'tapir' }, { timeLimitMs: 0 }).catch(
				(error: unknown) => error,
			)
			expect(refused).toBeInstanceOf(SearchRefusedError)
			expect((refused as Error).message).toBe(TOO_SLOW)
			expect((await search(amy, 'tapir')).total).toBe(1)
		},
	)
})
