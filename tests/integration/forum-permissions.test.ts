// Who may read, post in and moderate which forum: every page and resource of the forums asks
// access.server.ts, and a group's forum does not exist for anyone outside the group.
import { describe, expect, test } from 'vitest'
import { loader as communityNewThreadLoader } from '#app/routes/forums/new-thread.tsx'
import { loader as communityLoader } from '#app/routes/forums/community.tsx'
import { loader as groupCategoriesLoader } from '#app/routes/forums/categories.tsx'
import { loader as groupForumLoader } from '#app/routes/forums/group-forum.tsx'
import {
	action as groupNewThreadAction,
	loader as groupNewThreadLoader,
} from '#app/routes/forums/new-thread.tsx'
import {
	action as editPostAction,
	loader as editPostLoader,
} from '#app/routes/threads/edit-post.tsx'
import { loader as historyLoader } from '#app/routes/threads/post-history.tsx'
import { loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	communityList,
	forumWorld,
	groupList,
	openThread,
	postNumbered,
	refusalOf,
	reply,
	saveDraft,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'

const MISSING = 'cmissingthread000000000000'

/** Every way into a thread, as `who`, for the thread `threadId` and its post `postId`. */
function threadDoors(who: Person, threadId: string, postId: string) {
	return {
		'thread page': () => callRoute(threadLoader, `/t/${threadId}`, { threadId }, { as: who }),
		'reply form': () => threadForm(who, threadId, { intent: 'reply', body: 'Let me in' }),
		'edit page': () =>
			callRoute(editPostLoader, `/t/${threadId}/edit/${postId}`, { threadId, postId }, { as: who }),
		'edit form': () =>
			callRoute(
				editPostAction,
				`/t/${threadId}/edit/${postId}`,
				{ threadId, postId },
				{ as: who, form: { body: 'Rewritten' } },
			),
		'history page': () =>
			callRoute(
				historyLoader,
				`/t/${threadId}/history/${postId}`,
				{ threadId, postId },
				{ as: who },
			),
		'reply draft': () => saveDraft(who, { key: `reply:${threadId}`, body: 'A draft' }),
	}
}

/** Every way into a group's forum, as `who`. */
function forumDoors(who: Person, slug: string, categoryId: string) {
	return {
		'thread list': () => callRoute(groupForumLoader, `/g/${slug}/forum`, { slug }, { as: who }),
		'new-thread page': () =>
			callRoute(groupNewThreadLoader, `/g/${slug}/forum/new`, { slug }, { as: who }),
		'new-thread form': () =>
			callRoute(
				groupNewThreadAction,
				`/g/${slug}/forum/new`,
				{ slug },
				{ as: who, form: { kind: 'discussion', title: 'Sneaking in', categoryId, body: 'Hello' } },
			),
	}
}

async function refusals(doors: Record<string, () => Promise<unknown>>) {
	const answers: Record<string, { status: number; body: string }> = {}
	for (const [name, open] of Object.entries(doors)) answers[name] = await refusalOf(await open())
	return answers
}

describe('a group’s forum, for someone outside the group', () => {
	test('the thread list, new-thread page and new-thread form answer 404, exactly as for a group that does not exist', async () => {
		const w = await forumWorld()
		const forReal = await refusals(forumDoors(w.outsider, w.group.slug, w.forum.categoryId))
		const forMissing = await refusals(forumDoors(w.outsider, 'no-such-group', w.forum.categoryId))
		for (const answer of Object.values(forReal)) expect(answer.status).toBe(404)
		expect(forReal).toEqual(forMissing)
		expect(await db.thread.count({ where: { forumId: w.forum.id } })).toBe(0)

		// The same doors open for a member, so the 404s above are the access rule at work.
		const forMember = await refusals(forumDoors(w.bob, w.group.slug, w.forum.categoryId))
		expect(forMember['thread list']!.status).toBe(200)
		expect(forMember['new-thread page']!.status).toBe(200)
		expect(forMember['new-thread form']!.status).toBe(302)
	})

	test('the thread page, reply, edit page and form, history page and drafts answer 404, exactly as for ids that do not exist', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {
			title: 'Our margins this year',
			body: 'Confidential numbers',
		})
		const opening = await postNumbered(threadId, 1)

		// The outsider, even as a moderator of another group and a site admin, is refused alike.
		for (const who of [w.outsider, w.loner, w.admin]) {
			const forReal = await refusals(threadDoors(who, threadId, opening.id))
			const forMissing = await refusals(threadDoors(who, MISSING, opening.id))
			for (const [door, answer] of Object.entries(forReal))
				expect(answer.status, `${who.name}: ${door}`).toBe(404)
			expect(forReal).toEqual(forMissing)
		}
		expect(await postNumbered(threadId, 1)).toMatchObject({
			body: 'Confidential numbers',
			editedAt: null,
		})
		expect(await db.post.count({ where: { threadId } })).toBe(1)
		expect(await db.draft.count({ where: { key: `reply:${threadId}` } })).toBe(0)
	})

	test('a member reads the thread; a post id from another thread is refused like a missing one', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const elsewhere = await startThread(w.alice, w.group, { title: 'Another thread' })
		const foreignPost = await postNumbered(elsewhere, 1)
		expect((await openThread(w.bob, threadId)).posts.map((p) => p.number)).toEqual([1])
		const edit = await callRoute(
			editPostLoader,
			`/t/${threadId}/edit/${foreignPost.id}`,
			{ threadId, postId: foreignPost.id },
			{ as: w.alice },
		)
		expect(statusOf(edit)).toBe(404)
		const history = await callRoute(
			historyLoader,
			`/t/${threadId}/history/${foreignPost.id}`,
			{ threadId, postId: foreignPost.id },
			{ as: w.moderator },
		)
		expect(statusOf(history)).toBe(404)
	})

})

describe('the community forum', () => {
	test('a member of any group reads it and posts in it', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, 'community', { title: 'Open to every group' })
		// Olga is in another group than Alice: the community forum is shared.
		expect((await communityList(w.outsider)).threads.map((t) => t.id)).toContain(threadId)
		expect((await openThread(w.outsider, threadId)).posts).toHaveLength(1)
		await reply(w.outsider, threadId, 'Hello from another group')
		expect((await openThread(w.alice, threadId)).posts.map((p) => p.body)).toEqual([
			'The opening post.',
			'Hello from another group',
		])
		const newThreadPage = await callRoute(
			communityNewThreadLoader,
			'/community/new',
			{},
			{ as: w.outsider },
		)
		expect(statusOf(newThreadPage)).toBe(200)
	})

	test('a signed-in user in no group gets 404 for its list, its new-thread page, its threads and drafts', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, 'community', {})
		const opening = await postNumbered(threadId, 1)
		expect(statusOf(await callRoute(communityLoader, '/community', {}, { as: w.loner }))).toBe(404)
		expect(
			statusOf(await callRoute(communityNewThreadLoader, '/community/new', {}, { as: w.loner })),
		).toBe(404)
		const forReal = await refusals(threadDoors(w.loner, threadId, opening.id))
		for (const answer of Object.values(forReal)) expect(answer.status).toBe(404)
		expect(forReal).toEqual(await refusals(threadDoors(w.loner, MISSING, opening.id)))
		expect(statusOf(await saveDraft(w.loner, { key: `thread:${w.community.id}`, body: 'x' }))).toBe(
			404,
		)
		await expect(startThread(w.loner, 'community', {})).rejects.toThrow(/404/)
	})

	test('a site admin moderates it; a group’s moderator does not', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, 'community', {})
		await reply(w.bob, threadId, 'A reply to hide')
		const post = await postNumbered(threadId, 2)

		// Mona moderates her group, not the community.
		expect((await communityList(w.moderator)).canModerate).toBe(false)
		const refused = await threadForm(w.moderator, threadId, { intent: 'hide', postId: post.id })
		expect(statusOf(refused)).toBe(403)
		expect(await refusalOf(refused)).toMatchObject({
			body: JSON.stringify({ intent: 'hide', error: 'Only moderators can hide posts.' }),
		})
		expect(statusOf(await threadForm(w.moderator, threadId, { intent: 'lock' }))).toBe(403)
		expect(await db.thread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
			locked: false,
			hiddenAt: null,
		})
		expect((await postNumbered(threadId, 2)).hiddenAt).toBeNull()

		// Ada is in no group, yet as site admin she reads and moderates the community forum.
		expect((await communityList(w.admin)).canModerate).toBe(true)
		expect(statusOf(await threadForm(w.admin, threadId, { intent: 'hide', postId: post.id }))).toBe(
			302,
		)
		expect(statusOf(await threadForm(w.admin, threadId, { intent: 'lock' }))).toBe(302)
		expect((await postNumbered(threadId, 2)).hiddenAt).not.toBeNull()
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).locked).toBe(true)
	})
})

describe('group moderators', () => {
	test('moderate their own group’s forum and no other', async () => {
		const w = await forumWorld()
		// Olga moderates her own group and is a plain member of Mona's.
		await db.membership.create({
			data: { userId: w.outsider.id, groupId: w.group.id, role: 'member' },
		})
		const ours = await startThread(w.alice, w.group, {})
		await reply(w.bob, ours, 'In Mona’s group')
		const theirs = await startThread(w.outsider, w.otherGroup, {})
		await reply(w.outsider, theirs, 'In Olga’s group')

		expect((await groupList(w.moderator, w.group.slug)).canModerate).toBe(true)
		expect((await groupList(w.outsider, w.group.slug)).canModerate).toBe(false)
		expect((await groupList(w.outsider, w.otherGroup.slug)).canModerate).toBe(true)

		const oursReply = await postNumbered(ours, 2)
		const theirsReply = await postNumbered(theirs, 2)
		expect(
			statusOf(await threadForm(w.outsider, ours, { intent: 'hide', postId: oursReply.id })),
		).toBe(403)
		expect(statusOf(await threadForm(w.outsider, ours, { intent: 'pin' }))).toBe(403)
		expect((await postNumbered(ours, 2)).hiddenAt).toBeNull()
		expect(
			statusOf(await threadForm(w.outsider, theirs, { intent: 'hide', postId: theirsReply.id })),
		).toBe(302)
		expect((await postNumbered(theirs, 2)).hiddenAt).not.toBeNull()
		// Mona cannot reach into Olga's group at all.
		expect(
			statusOf(await threadForm(w.moderator, theirs, { intent: 'unhide', postId: theirsReply.id })),
		).toBe(404)
		expect(
			statusOf(await threadForm(w.moderator, ours, { intent: 'hide', postId: oursReply.id })),
		).toBe(302)

		// Their moderators' pages follow the same rule.
		expect(
			statusOf(
				await callRoute(
					groupCategoriesLoader,
					`/g/${w.group.slug}/forum/categories`,
					{ slug: w.group.slug },
					{ as: w.moderator },
				),
			),
		).toBe(200)
		expect(
			statusOf(
				await callRoute(
					groupCategoriesLoader,
					`/g/${w.group.slug}/forum/categories`,
					{ slug: w.group.slug },
					{ as: w.outsider },
				),
			),
		).toBe(403)
	})
})
