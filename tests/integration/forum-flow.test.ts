import { describe, expect, test } from 'vitest'
import { action as newThreadAction } from '#app/routes/forums/new-thread.tsx'
import { loader as forumLoader } from '#app/routes/forums/group-forum.tsx'
import { action as threadAction, loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'

async function setup() {
	const moderator = await createUser({ name: 'Mona Moderator' })
	const member = await createUser({ name: 'Max Member' })
	const outsider = await createUser({ name: 'Olga Outsider' })
	const group = await createGroupWith({ moderator, members: [member] })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	return { moderator, member, outsider, group, forum, cookies: { moderator: await sessionCookieFor(moderator.id), member: await sessionCookieFor(member.id), outsider: await sessionCookieFor(outsider.id) } }
}

describe('a group forum, end to end through the routes', () => {
	test('a member starts a thread, another replies, the list shows the reply', async () => {
		const { group, forum, cookies } = await setup()
		const created = await settle(
			runRoute(newThreadAction, {
				request: makeRequest(`/g/${group.slug}/forum/new`, {
					cookie: cookies.moderator,
					form: { kind: 'discussion', title: 'Microsoft MDF claims this quarter', categoryId: forum.categories[0]!.id, tags: 'microsoft, MDF', body: 'Who has claimed **MDF** yet? @max.member' },
				}),
				params: { slug: group.slug },
				context: createTestContext(),
			}),
		)
		expect(statusOf(created)).toBe(302)
		const threadId = (created as Response).headers.get('location')!.split('/t/')[1]!
		const replied = await settle(
			runRoute(threadAction, {
				request: makeRequest(`/t/${threadId}`, { cookie: cookies.member, form: { intent: 'reply', body: 'Yes, it took three weeks.' } }),
				params: { threadId },
				context: createTestContext(),
			}),
		)
		expect(statusOf(replied)).toBe(302)
		const page = dataOf<{ posts: Array<{ number: number; bodyHtml: string }> }>(
			await runRoute(threadLoader, { request: makeRequest(`/t/${threadId}`, { cookie: cookies.member }), params: { threadId }, context: createTestContext() }),
		)
		expect(page.posts.map((p) => p.number)).toEqual([1, 2])
		expect(page.posts[0]!.bodyHtml).toContain('<strong>MDF</strong>')
		expect(page.posts[0]!.bodyHtml).toMatch(/<a href="\/u\/[^"]+">@max\.member<\/a>/)
		const list = dataOf<{ list: { threads: Array<{ id: string; replyCount: number; tags: string[] }> } }>(
			await runRoute(forumLoader, { request: makeRequest(`/g/${group.slug}/forum`, { cookie: cookies.moderator }), params: { slug: group.slug }, context: createTestContext() }),
		)
		expect(list.list.threads[0]).toMatchObject({ id: threadId, replyCount: 1, tags: ['microsoft', 'mdf'] })
	})

	test('an outsider gets 404 for the forum and the thread', async () => {
		const { group, forum, moderator, cookies } = await setup()
		const thread = await db.thread.create({
			data: { forumId: forum.id, categoryId: forum.categories[0]!.id, authorId: moderator.id, title: 'Our numbers', posts: { create: { number: 1, authorId: moderator.id, body: 'x', bodyHtml: '<p>x</p>' } } },
		})
		const forumResult = await settle(runRoute(forumLoader, { request: makeRequest(`/g/${group.slug}/forum`, { cookie: cookies.outsider }), params: { slug: group.slug }, context: createTestContext() }))
		expect(statusOf(forumResult)).toBe(404)
		const threadResult = await settle(runRoute(threadLoader, { request: makeRequest(`/t/${thread.id}`, { cookie: cookies.outsider }), params: { threadId: thread.id }, context: createTestContext() }))
		expect(statusOf(threadResult)).toBe(404)
	})
})
