// Writing in a thread through its routes: editing (with history), lessons, deleting, validation,
// answers, "helpful", bookmarks, and what reaches the stored HTML.
import { describe, expect, test } from 'vitest'
import { composeLessonBody } from '#app/modules/forums/schemas.ts'
import { action as groupNewThreadAction } from '#app/routes/forums/new-thread.tsx'
import {
	action as editLessonAction,
	loader as editLessonLoader,
} from '#app/routes/threads/edit-lesson.tsx'
import {
	action as editPostAction,
	loader as editPostLoader,
} from '#app/routes/threads/edit-post.tsx'
import { loader as historyLoader } from '#app/routes/threads/post-history.tsx'
import { db } from '#app/utils/db.server.ts'
import { dataOf, statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	forumWorld,
	groupList,
	openThread,
	postNumbered,
	postsOf,
	reply,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'

type Submission = {
	status: string
	initialValue: Record<string, string>
	error: Record<string, string[]>
}
type FormAnswer = { intent?: string; error?: string; result?: Submission }

function editPost(who: Person, threadId: string, postId: string, body: string) {
	return callRoute(
		editPostAction,
		`/t/${threadId}/edit/${postId}`,
		{ threadId, postId },
		{ as: who, form: { body } },
	)
}

function history(who: Person, threadId: string, postId: string) {
	return callRoute(
		historyLoader,
		`/t/${threadId}/history/${postId}`,
		{ threadId, postId },
		{ as: who },
	)
}

const lesson = {
	kind: 'lesson',
	title: 'We ran out of cash in Q3',
	blocker: 'cash_flow',
	lessonHappened: 'A large client paid 90 days late.',
	lessonLearned: 'One client was 40% of revenue.',
	lessonDifferently: 'Invoice in milestones and use a credit line.',
}

describe('editing', () => {
	test('an author edits their post: the new text shows as edited, and the earlier version is kept for moderators only', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.alice, threadId, 'First version')
		const post = await postNumbered(threadId, 2)

		const form = await callRoute(
			editPostLoader,
			`/t/${threadId}/edit/${post.id}`,
			{ threadId, postId: post.id },
			{ as: w.alice },
		)
		expect(dataOf<{ post: { body: string } }>(form).post.body).toBe('First version')
		const saved = await editPost(w.alice, threadId, post.id, 'Second **version**')
		expect(statusOf(saved)).toBe(302)
		expect((saved as Response).headers.get('location')).toBe(`/t/${threadId}?page=1#post-2`)

		const shown = (await openThread(w.bob, threadId)).posts[1]!
		expect(shown).toMatchObject({
			body: 'Second **version**',
			bodyHtml: '<p>Second <strong>version</strong></p>',
			revisionCount: 1,
		})
		expect(shown.editedAt).not.toBeNull()
		expect((await openThread(w.bob, threadId)).posts[0]!.editedAt).toBeNull()

		const revisions = await db.postRevision.findMany({ where: { postId: post.id } })
		expect(revisions).toMatchObject([{ body: 'First version', editedById: w.alice.id }])
		const page = dataOf<{
			post: { body: string; revisions: Array<{ body: string; editedBy: { name: string } }> }
		}>(await history(w.moderator, threadId, post.id))
		expect(page.post.body).toBe('Second **version**')
		expect(page.post.revisions).toMatchObject([
			{ body: 'First version', editedBy: { name: 'Alice Author' } },
		])
		// Members, the author included, do not see earlier versions.
		for (const member of [w.alice, w.bob])
			expect(statusOf(await history(member, threadId, post.id))).toBe(404)
	})

	test('a member cannot edit another member’s post: the page and the form answer 404 and nothing changes', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.alice, threadId, 'Alice’s words')
		const post = await postNumbered(threadId, 2)
		expect(
			statusOf(
				await callRoute(
					editPostLoader,
					`/t/${threadId}/edit/${post.id}`,
					{ threadId, postId: post.id },
					{ as: w.bob },
				),
			),
		).toBe(404)
		expect(statusOf(await editPost(w.bob, threadId, post.id, 'Bob’s words'))).toBe(404)
		expect(await postNumbered(threadId, 2)).toMatchObject({ body: 'Alice’s words', editedAt: null })
		expect(await db.postRevision.count({ where: { postId: post.id } })).toBe(0)
	})

	test('a moderator may edit a member’s post, and the history names who replaced each version', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Call me at 555-0100')
		const post = await postNumbered(threadId, 2)
		expect(statusOf(await editPost(w.bob, threadId, post.id, 'Call me'))).toBe(302)
		expect(
			statusOf(await editPost(w.moderator, threadId, post.id, 'Call me (edited by a moderator)')),
		).toBe(302)
		const page = dataOf<{
			post: { revisions: Array<{ body: string; editedBy: { name: string } }> }
		}>(await history(w.moderator, threadId, post.id))
		expect(page.post.revisions.map((r) => [r.body, r.editedBy.name]).sort()).toEqual([
			['Call me at 555-0100', 'Bob Member'],
			['Call me', 'Mona Moderator'],
		])
	})

	test('the lesson form updates the lesson’s parts and the opening post composed from them', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, lesson)
		const opening = await postNumbered(threadId, 1)
		expect(opening.body).toBe(composeLessonBody(lesson))
		// The post editor hands the opening post of a lesson to the lesson form.
		const viaPostEditor = await callRoute(
			editPostLoader,
			`/t/${threadId}/edit/${opening.id}`,
			{ threadId, postId: opening.id },
			{ as: w.alice },
		)
		expect((viaPostEditor as Response).headers.get('location')).toBe(`/t/${threadId}/edit-lesson`)

		const loaded = dataOf<{ lesson: { lessonLearned: string } }>(
			await callRoute(
				editLessonLoader,
				`/t/${threadId}/edit-lesson`,
				{ threadId },
				{ as: w.alice },
			),
		)
		expect(loaded.lesson.lessonLearned).toBe(lesson.lessonLearned)
		const changed = {
			...lesson,
			title: 'We ran out of cash in Q3 2024',
			blocker: 'sales',
			lessonLearned: 'Concentration risk is real.',
		}
		const saved = await callRoute(
			editLessonAction,
			`/t/${threadId}/edit-lesson`,
			{ threadId },
			{ as: w.alice, form: changed },
		)
		expect((saved as Response).headers.get('location')).toBe(`/t/${threadId}`)

		expect(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
			title: changed.title,
			blocker: 'sales',
			lessonHappened: lesson.lessonHappened,
			lessonLearned: 'Concentration risk is real.',
			lessonDifferently: lesson.lessonDifferently,
		})
		const post = await postNumbered(threadId, 1)
		expect(post.body).toBe(composeLessonBody(changed))
		expect(post.bodyHtml).toContain('<h3>What we learned</h3>\n<p>Concentration risk is real.</p>')
		expect(post.editedAt).not.toBeNull()
		expect(await db.postRevision.findMany({ where: { postId: opening.id } })).toMatchObject([
			{ body: composeLessonBody(lesson) },
		])
		const page = await openThread(w.bob, threadId)
		expect(page.thread.lesson).toEqual({
			happened: lesson.lessonHappened,
			learned: 'Concentration risk is real.',
			differently: lesson.lessonDifferently,
		})

		// Another member gets no lesson form.
		expect(
			statusOf(
				await callRoute(
					editLessonLoader,
					`/t/${threadId}/edit-lesson`,
					{ threadId },
					{ as: w.bob },
				),
			),
		).toBe(404)
		expect(
			statusOf(
				await callRoute(
					editLessonAction,
					`/t/${threadId}/edit-lesson`,
					{ threadId },
					{ as: w.bob, form: lesson },
				),
			),
		).toBe(404)
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).title).toBe(
			changed.title,
		)
	})
})

describe('deleting', () => {
	test('an author deletes their reply: it keeps its number, shows as deleted without its words, and the reply count drops', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Regrettable words')
		await reply(w.alice, threadId, 'A later reply')
		const post = await postNumbered(threadId, 2)
		expect((await groupList(w.alice, w.group.slug)).threads[0]!.replyCount).toBe(2)

		expect(statusOf(await threadForm(w.bob, threadId, { intent: 'delete', postId: post.id }))).toBe(
			302,
		)
		const page = await openThread(w.alice, threadId)
		expect(page.posts.map((p) => p.number)).toEqual([1, 2, 3])
		expect(page.posts[1]).toMatchObject({ number: 2, deleted: true, bodyHtml: null, body: null })
		expect(JSON.stringify(page)).not.toContain('Regrettable words')
		expect(page.thread.replyCount).toBe(1)
		expect((await groupList(w.alice, w.group.slug)).threads[0]!.replyCount).toBe(1)
		// Deleted once: the form cannot delete it again or count it twice.
		expect(statusOf(await threadForm(w.bob, threadId, { intent: 'delete', postId: post.id }))).toBe(
			403,
		)
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).replyCount).toBe(1)
	})

	test('a moderator deletes anyone’s post; another member cannot', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.alice, threadId, 'Alice’s reply')
		const post = await postNumbered(threadId, 2)
		const refused = await threadForm(w.bob, threadId, { intent: 'delete', postId: post.id })
		expect(statusOf(refused)).toBe(403)
		expect(dataOf<FormAnswer>(refused).error).toBe('You can only delete your own posts.')
		expect((await postNumbered(threadId, 2)).deletedAt).toBeNull()

		expect(
			statusOf(await threadForm(w.moderator, threadId, { intent: 'delete', postId: post.id })),
		).toBe(302)
		expect((await postNumbered(threadId, 2)).deletedById).toBe(w.moderator.id)
		expect((await openThread(w.bob, threadId)).posts[1]).toMatchObject({
			deleted: true,
			bodyHtml: null,
		})
	})

	test('a reply that was hidden and then deleted leaves the reply count right', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'One')
		await reply(w.bob, threadId, 'Two')
		const post = await postNumbered(threadId, 2)
		const replyCount = async () =>
			(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).replyCount
		await threadForm(w.moderator, threadId, { intent: 'hide', postId: post.id })
		expect(await replyCount()).toBe(1)
		await threadForm(w.moderator, threadId, { intent: 'delete', postId: post.id })
		expect(await replyCount()).toBe(1)
		await threadForm(w.moderator, threadId, { intent: 'unhide', postId: post.id })
		expect(await replyCount()).toBe(1)
	})
})

describe('validation', () => {
	test('an empty reply is refused with the field’s message, and nothing is saved', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		for (const body of ['', '   \n  ']) {
			const refused = await threadForm(w.bob, threadId, { intent: 'reply', body })
			expect(statusOf(refused)).toBe(400)
			expect(dataOf<FormAnswer>(refused).result!.error.body).toEqual([
				'Write something first: an empty post cannot be sent',
			])
		}
		expect(await db.post.count({ where: { threadId } })).toBe(1)
	})

	test('a reply over 20,000 characters is refused and given back as typed', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const body = `${'Long story. '.repeat(1667)}`
		expect(body.trim().length).toBeGreaterThan(20_000)
		const refused = await threadForm(w.bob, threadId, { intent: 'reply', body })
		expect(statusOf(refused)).toBe(400)
		const { result } = dataOf<FormAnswer>(refused)
		expect(result!.error.body).toEqual(['Posts can be at most 20,000 characters'])
		expect(result!.initialValue.body).toBe(body)
		expect(await db.post.count({ where: { threadId } })).toBe(1)
	})

	test('a new thread with a title or body too long is refused per field, nothing saved, everything typed kept', async () => {
		const w = await forumWorld()
		const form = {
			kind: 'discussion',
			title: 'T'.repeat(151),
			categoryId: w.forum.categoryId,
			tags: 'cash',
			body: 'B'.repeat(20_001),
		}
		const refused = await callRoute(
			groupNewThreadAction,
			`/g/${w.group.slug}/forum/new`,
			{ slug: w.group.slug },
			{ as: w.alice, form },
		)
		expect(statusOf(refused)).toBe(400)
		const { result } = dataOf<FormAnswer>(refused)
		expect(result!.error).toEqual({
			title: ['Titles can be at most 150 characters'],
			body: ['Posts can be at most 20,000 characters'],
		})
		expect(result!.initialValue).toMatchObject({ title: form.title, body: form.body, tags: 'cash' })
		expect(await db.thread.count({ where: { forumId: w.forum.id } })).toBe(0)
	})

	test('a lesson without its blocker or parts is refused with a message per missing field, keeping the parts typed', async () => {
		const w = await forumWorld()
		const form = {
			kind: 'lesson',
			title: 'A lesson half written',
			categoryId: w.forum.lessonsCategoryId,
			lessonHappened: 'We lost our biggest client.',
		}
		const refused = await callRoute(
			groupNewThreadAction,
			`/g/${w.group.slug}/forum/new`,
			{ slug: w.group.slug },
			{ as: w.alice, form },
		)
		expect(statusOf(refused)).toBe(400)
		const { result } = dataOf<FormAnswer>(refused)
		expect(result!.error).toEqual({
			blocker: ['Choose the growth blocker this lesson is about'],
			lessonLearned: ['Fill in “What we learned”'],
			lessonDifferently: ['Fill in “What we would do differently”'],
		})
		expect(result!.initialValue.lessonHappened).toBe('We lost our biggest client.')
		expect(await db.thread.count({ where: { forumId: w.forum.id } })).toBe(0)
	})

	test('an empty lesson is refused with every missing part named at once, the title and the blocker included', async () => {
		const w = await forumWorld()
		const form = { kind: 'lesson', title: '', categoryId: w.forum.lessonsCategoryId, blocker: '', lessonHappened: '', lessonLearned: '', lessonDifferently: '' }
		const refused = await callRoute(groupNewThreadAction, `/g/${w.group.slug}/forum/new`, { slug: w.group.slug }, { as: w.alice, form })
		expect(statusOf(refused)).toBe(400)
		expect(dataOf<FormAnswer>(refused).result!.error).toEqual({
			title: ['Give the thread a title'],
			blocker: ['Choose the growth blocker this lesson is about'],
			lessonHappened: ['Fill in “What happened”'],
			lessonLearned: ['Fill in “What we learned”'],
			lessonDifferently: ['Fill in “What we would do differently”'],
		})
		expect(await db.thread.count({ where: { forumId: w.forum.id } })).toBe(0)
	})

	test('edits are validated like new posts: an emptied post or lesson part is refused and nothing changes', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const opening = await postNumbered(threadId, 1)
		const refused = await editPost(w.alice, threadId, opening.id, '  ')
		expect(statusOf(refused)).toBe(400)
		expect(dataOf<FormAnswer>(refused).result!.error.body).toEqual([
			'Write something first: an empty post cannot be sent',
		])
		expect((await postNumbered(threadId, 1)).body).toBe('The opening post.')

		const lessonId = await startThread(w.alice, w.group, lesson)
		const emptied = await callRoute(
			editLessonAction,
			`/t/${lessonId}/edit-lesson`,
			{ threadId: lessonId },
			{ as: w.alice, form: { ...lesson, lessonLearned: '' } },
		)
		expect(statusOf(emptied)).toBe(400)
		expect(dataOf<FormAnswer>(emptied).result!.error).toEqual({
			lessonLearned: ['Fill in “What we learned”'],
		})
		expect(dataOf<FormAnswer>(emptied).result!.initialValue.lessonHappened).toBe(
			lesson.lessonHappened,
		)
		expect((await db.thread.findUniqueOrThrow({ where: { id: lessonId } })).lessonLearned).toBe(
			lesson.lessonLearned,
		)
	})
})

describe('questions', () => {
	async function question() {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {
			kind: 'question',
			title: 'Which distributor pays fastest?',
		})
		await reply(w.bob, threadId, 'Ours pays in 30 days')
		await reply(w.moderator, threadId, 'Ours in 15')
		const [opening, first, second] = await postsOf(threadId)
		return { w, threadId, opening: opening!, first: first!, second: second! }
	}

	test('the author marks one reply as the answer; marking another moves the mark', async () => {
		const { w, threadId, first, second } = await question()
		expect(
			statusOf(await threadForm(w.alice, threadId, { intent: 'accept', postId: first.id })),
		).toBe(302)
		expect((await openThread(w.bob, threadId)).thread.acceptedPostId).toBe(first.id)
		expect((await groupList(w.bob, w.group.slug)).threads[0]!.answered).toBe(true)

		await threadForm(w.alice, threadId, { intent: 'accept', postId: second.id })
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).acceptedPostId).toBe(
			second.id,
		)
		// Choosing the answer again takes the mark away.
		await threadForm(w.alice, threadId, { intent: 'accept', postId: second.id })
		expect(
			(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).acceptedPostId,
		).toBeNull()
	})

	test('a member who did not ask cannot mark the answer', async () => {
		const { w, threadId, first } = await question()
		const refused = await threadForm(w.bob, threadId, { intent: 'accept', postId: first.id })
		expect(statusOf(refused)).toBe(403)
		expect(dataOf<FormAnswer>(refused).error).toBe(
			'Only the person who asked can mark the answer, and only on a reply.',
		)
		expect(
			(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).acceptedPostId,
		).toBeNull()
	})

	test('the opening post cannot be the answer', async () => {
		const { w, threadId, opening } = await question()
		expect(
			statusOf(await threadForm(w.alice, threadId, { intent: 'accept', postId: opening.id })),
		).toBe(403)
		expect(
			(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).acceptedPostId,
		).toBeNull()
	})

	test('a discussion has no answer to mark', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'A reply')
		const post = await postNumbered(threadId, 2)
		expect(
			statusOf(await threadForm(w.alice, threadId, { intent: 'accept', postId: post.id })),
		).toBe(403)
	})
})

describe('helpful and bookmarks', () => {
	test('helpful toggles and counts, on replies and on the opening post; no one marks their own post', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'A useful tip')
		const [opening, tip] = await postsOf(threadId)

		expect(
			dataOf(await threadForm(w.alice, threadId, { intent: 'helpful', postId: tip!.id })),
		).toEqual({ intent: 'helpful', postId: tip!.id, helpful: true })
		await threadForm(w.moderator, threadId, { intent: 'helpful', postId: tip!.id })
		let page = await openThread(w.alice, threadId)
		expect(page.posts[1]).toMatchObject({ helpfulCount: 2, foundHelpful: true })
		expect((await openThread(w.bob, threadId)).posts[1]).toMatchObject({
			helpfulCount: 2,
			foundHelpful: false,
		})

		expect(
			dataOf(await threadForm(w.alice, threadId, { intent: 'helpful', postId: tip!.id })),
		).toMatchObject({ helpful: false })
		page = await openThread(w.alice, threadId)
		expect(page.posts[1]).toMatchObject({ helpfulCount: 1, foundHelpful: false })

		const own = await threadForm(w.bob, threadId, { intent: 'helpful', postId: tip!.id })
		expect(statusOf(own)).toBe(403)
		expect(dataOf<FormAnswer>(own).error).toBe('You cannot mark your own post as helpful.')
		expect((await postNumbered(threadId, 2)).helpfulCount).toBe(1)

		await threadForm(w.bob, threadId, { intent: 'helpful', postId: opening!.id })
		expect((await groupList(w.bob, w.group.slug)).threads[0]!.helpfulCount).toBe(1)
	})

	test('a bookmark toggles, for the one who set it only', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const opening = await postNumbered(threadId, 1)
		expect(
			dataOf(await threadForm(w.bob, threadId, { intent: 'bookmark', postId: opening.id })),
		).toEqual({ intent: 'bookmark', postId: opening.id, bookmarked: true })
		expect((await openThread(w.bob, threadId)).posts[0]!.bookmarked).toBe(true)
		expect((await openThread(w.alice, threadId)).posts[0]!.bookmarked).toBe(false)
		expect(
			dataOf(await threadForm(w.bob, threadId, { intent: 'bookmark', postId: opening.id })),
		).toMatchObject({ bookmarked: false })
		expect((await openThread(w.bob, threadId)).posts[0]!.bookmarked).toBe(false)
		expect(await db.bookmark.count({ where: { postId: opening.id } })).toBe(0)
	})
})

describe('what is stored as HTML', () => {
	const hostile = [
		'Hello <script>alert(1)</script> there',
		'',
		'<img src="x" onerror="alert(2)">',
		'',
		'[click me](javascript:alert(3)) and <a href="javascript:alert(4)">raw link</a>',
		'',
		'![pic](javascript:alert(5)) <div onclick="alert(6)">box</div>',
	].join('\n')

	function expectInert(html: string) {
		expect(html).not.toMatch(/<script/i)
		expect(html).not.toMatch(/onerror|onclick/i)
		expect(html).not.toMatch(/javascript:/i)
		expect(html).toContain('Hello')
		expect(html).toContain('click me')
	}

	test('scripts, event handlers and javascript: links never reach the stored HTML, whichever form wrote it', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, { body: hostile })
		await reply(w.bob, threadId, hostile)
		await reply(w.bob, threadId, 'Harmless for now')
		const later = await postNumbered(threadId, 3)
		expect(statusOf(await editPost(w.bob, threadId, later.id, hostile))).toBe(302)

		const posts = await postsOf(threadId)
		expect(posts).toHaveLength(3)
		for (const post of posts) {
			expect(post.body).toBe(hostile)
			expectInert(post.bodyHtml)
		}
		for (const post of (await openThread(w.moderator, threadId)).posts) expectInert(post.bodyHtml!)
	})
})
