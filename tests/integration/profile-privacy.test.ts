import { expect, test } from 'vitest'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { createThread } from '#app/modules/forums/posts.server.ts'
import { loader as profileLoader } from '#app/routes/users/profile.tsx'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor } from '#tests/helpers.ts'

async function postIn(author: { id: string }, forumId: string, title: string) {
	const category = await db.category.findFirstOrThrow({ where: { forumId } })
	return createThread({ id: author.id, isSiteAdmin: false }, forumId, { kind: 'discussion', title, categoryId: category.id, tags: [], body: `${title} body` }, createTestContext().realtime)
}

test('a profile lists only the posts the viewer may read', async () => {
	const ada = await createUser({ name: 'Ada Twogroups' })
	const bob = await createUser({ name: 'Bob Onegroup' })
	const privateGroup = await createGroupWith({ moderator: ada, name: 'Ada private circle' })
	const sharedGroup = await createGroupWith({ moderator: ada, members: [bob], name: 'Shared circle' })
	const privateForum = await db.forum.findUniqueOrThrow({ where: { groupId: privateGroup.id } })
	const sharedForum = await db.forum.findUniqueOrThrow({ where: { groupId: sharedGroup.id } })
	const community = await ensureCommunityForum()
	await postIn(ada, privateForum.id, 'Our confidential cash position')
	await postIn(ada, sharedForum.id, 'Shared group planning')
	await postIn(ada, community.id, 'Community lesson on rebates')

	const asBob = dataOf<{ recentPosts: Array<{ thread: { title: string } }>; profile: { groups: Array<{ name: string }> } }>(
		await runRoute(profileLoader, { request: makeRequest(`/u/${ada.id}`, { cookie: await sessionCookieFor(bob.id) }), params: { userId: ada.id }, context: createTestContext() }),
	)
	const titles = asBob.recentPosts.map((p) => p.thread.title)
	expect(titles).toContain('Shared group planning')
	expect(titles).toContain('Community lesson on rebates')
	expect(titles).not.toContain('Our confidential cash position')
	expect(asBob.profile.groups.map((g) => g.name)).toEqual(['Shared circle'])

	const asAda = dataOf<{ recentPosts: Array<{ thread: { title: string } }> }>(
		await runRoute(profileLoader, { request: makeRequest(`/u/${ada.id}`, { cookie: await sessionCookieFor(ada.id) }), params: { userId: ada.id }, context: createTestContext() }),
	)
	expect(asAda.recentPosts.map((p) => p.thread.title)).toContain('Our confidential cash position')
})
