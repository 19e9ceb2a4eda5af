// Faults the fuzzing of the actions found, kept as plain tests so they cannot come back unseen.
import { beforeAll, expect, test } from 'vitest'
import { action as communityNewThreadAction } from '#app/routes/forums/new-thread.tsx'
import { action as groupNewThreadAction } from '#app/routes/forums/new-thread.tsx'
import { action as readMarkerAction } from '#app/routes/resources/read-marker.ts'
import { db } from '#app/utils/db.server.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { messageOf } from '#tests/fuzz.ts'
import { createTestContext, ORIGIN, settle, statusOf } from '#tests/helpers.ts'
import { actorFor, buildWorld, type World } from '#tests/world.ts'

let world: World
beforeAll(async () => {
	world = await buildWorld()
})

/** Calls a route function as React Router would; gives back what it returned or threw. */
function call<A>(fn: (args: A) => unknown, request: Request, params: Record<string, string> = {}) {
	return settle(Promise.resolve(fn({ request, params, context: createTestContext() } as A)))
}

function post(path: string, cookie: string, pairs: Array<[string, string]>): Request {
	return new Request(new URL(path, ORIGIN), { method: 'POST', headers: { cookie, origin: ORIGIN }, body: new URLSearchParams(pairs) })
}

test('a new thread whose body field is sent twice is refused with a message, not a 500', async () => {
	const member = (await actorFor(world, 'member'))!
	const category = await db.category.findFirstOrThrow({ where: { forumId: world.group.forumId } })
	const pairs: Array<[string, string]> = [
		['kind', 'discussion'],
		['title', 'Pricing our services'],
		['categoryId', category.id],
		['body', 'First copy'],
		['body', 'Second copy'],
	]
	const before = await databaseDigest()
	const group = await call(groupNewThreadAction, post(`/g/${world.group.slug}/forum/new`, member.cookie, pairs), { slug: world.group.slug })
	expect(statusOf(group)).toBe(400)
	expect(await messageOf(group)).not.toEqual([])
	const community = await call(communityNewThreadAction, post('/community/new', member.cookie, pairs))
	expect(statusOf(community)).toBe(400)
	expect(changedTables(before, await databaseDigest())).toEqual([])
})

test('a read marker the server does not understand is refused with a message', async () => {
	const member = (await actorFor(world, 'member'))!
	const result = await call(readMarkerAction, post('/resources/read-marker', member.cookie, [['threadId', world.groupThread.id], ['number', '']]))
	expect(statusOf(result)).toBe(400)
	expect(await messageOf(result)).not.toEqual([])
})

test('NUL characters in a form (PostgreSQL refuses them in text) never make a 500, on either engine', async () => {
	const member = (await actorFor(world, 'member'))!
	const category = await db.category.findFirstOrThrow({ where: { forumId: world.group.forumId } })
	// An id carrying a NUL matches nothing: the form is refused with a message.
	const badCategory = await call(
		communityNewThreadAction,
		post('/community/new', member.cookie, [['kind', 'discussion'], ['title', 'Pricing'], ['categoryId', '\u0000'], ['body', 'Text']]),
	)
	expect(statusOf(badCategory)).toBe(400)
	expect(await messageOf(badCategory)).not.toEqual([])
	// In text it is dropped, and the rest is kept.
	const created = await call(
		groupNewThreadAction,
		post(`/g/${world.group.slug}/forum/new`, member.cookie, [['kind', 'discussion'], ['title', 'Null\u0000 title'], ['categoryId', category.id], ['body', 'Body']]),
		{ slug: world.group.slug },
	)
	expect(statusOf(created)).toBe(302)
	const threadId = (created as Response).headers.get('location')!.replace('/t/', '')
	const title = (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { title: true } })).title
	expect(title.replaceAll('\u0000', '')).toBe('Null title')
})
