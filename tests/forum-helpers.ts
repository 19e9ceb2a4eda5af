// Helpers for the forum's integration tests: a small world of people and groups, and the forum's
// routes called the way React Router calls them (a real Request, params, a load context).
import type { AppLoadContext } from 'react-router'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { action as communityNewThreadAction } from '#app/routes/forums/new-thread.tsx'
import { loader as communityLoader } from '#app/routes/forums/community.tsx'
import { loader as groupForumLoader } from '#app/routes/forums/group-forum.tsx'
import { action as groupNewThreadAction } from '#app/routes/forums/new-thread.tsx'
import { action as draftsAction } from '#app/routes/resources/drafts.ts'
import { action as threadAction, loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import {
	createGroupWith,
	createTestContext,
	createUser,
	dataOf,
	makeRequest,
	sessionCookieFor,
	settle,
	statusOf,
} from './helpers.ts'

export type Person = Awaited<ReturnType<typeof createUser>> & { cookie: string }

/** A user with a signed-in session (the cookie a browser would send). */
export async function person(overrides: Parameters<typeof createUser>[0] = {}): Promise<Person> {
	const user = await createUser(overrides)
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

/**
 * A group (moderator Mona, members Alice and Bob) with its forum; Olga moderates another group;
 * Lou is signed in but in no group; Ada is a site admin in no group.
 */
export async function forumWorld() {
	const moderator = await person({ name: 'Mona Moderator' })
	const alice = await person({ name: 'Alice Author' })
	const bob = await person({ name: 'Bob Member' })
	const outsider = await person({ name: 'Olga Outsider' })
	const loner = await person({ name: 'Lou Loner' })
	const admin = await person({ name: 'Ada Admin', isSiteAdmin: true })
	const group = await createGroupWith({ moderator, members: [alice, bob] })
	const otherGroup = await createGroupWith({ moderator: outsider })
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		select: {
			id: true,
			categories: { orderBy: { position: 'asc' }, select: { id: true, slug: true } },
		},
	})
	const community = await ensureCommunityForum()
	const communityCategories = await db.category.findMany({
		where: { forumId: COMMUNITY_FORUM_ID },
		orderBy: { position: 'asc' },
		select: { id: true },
	})
	return {
		moderator,
		alice,
		bob,
		outsider,
		loner,
		admin,
		group,
		otherGroup,
		forum: {
			id: forum.id,
			categoryId: forum.categories[0]!.id,
			lessonsCategoryId: forum.categories.find((c) => c.slug === 'lessons')!.id,
		},
		community: { id: community.id, categoryId: communityCategories[0]!.id },
	}
}

type Call = {
	as?: { cookie: string }
	form?: Record<string, string>
	context?: AppLoadContext
	headers?: Record<string, string>
}

/** Calls a route's loader or action with a real Request; gives back what it returned or threw. */
export function callRoute<A>(
	fn: (args: A) => unknown,
	path: string,
	params: Record<string, string>,
	call: Call = {},
) {
	const request = makeRequest(path, {
		cookie: call.as?.cookie,
		form: call.form,
		headers: call.headers,
	})
	return settle(
		Promise.resolve(fn({ request, params, context: call.context ?? createTestContext() } as A)),
	)
}

/** Starts a thread through the new-thread form of a group's forum (or the community's); returns its id. */
export async function startThread(
	author: Person,
	where: { slug: string } | 'community',
	fields: Record<string, string>,
	context?: AppLoadContext,
) {
	const forumId =
		where === 'community'
			? COMMUNITY_FORUM_ID
			: (await db.forum.findFirstOrThrow({ where: { group: { slug: where.slug } } })).id
	const category = await db.category.findFirstOrThrow({
		where: { forumId },
		orderBy: { position: 'asc' },
		select: { id: true },
	})
	const form = {
		kind: 'discussion',
		title: 'A thread about cash flow',
		body: 'The opening post.',
		categoryId: category.id,
		...fields,
	}
	const result =
		where === 'community'
			? await callRoute(
					communityNewThreadAction,
					'/community/new',
					{},
					{ as: author, form, context },
				)
			: await callRoute(
					groupNewThreadAction,
					`/g/${where.slug}/forum/new`,
					{ slug: where.slug },
					{ as: author, form, context },
				)
	if (!(result instanceof Response) || result.status !== 302) {
		throw new Error(
			`the thread was not created: ${statusOf(result)} ${JSON.stringify(dataOf(result))}`,
		)
	}
	return result.headers.get('location')!.replace('/t/', '')
}

/** Posts a form to the thread page (a reply, or any moderation intent). */
export function threadForm(
	who: Person,
	threadId: string,
	form: Record<string, string>,
	context?: AppLoadContext,
) {
	// A moderator's hide carries the reason its author is shown: the form requires one.
	const sent = form.intent === 'hide' && form.reason === undefined ? { ...form, reason: 'Off-topic for this forum' } : form
	return callRoute(threadAction, `/t/${threadId}`, { threadId }, { as: who, form: sent, context })
}

export async function reply(who: Person, threadId: string, body: string, context?: AppLoadContext) {
	const result = await threadForm(who, threadId, { intent: 'reply', body }, context)
	if (statusOf(result) !== 302)
		throw new Error(`the reply was refused: ${statusOf(result)} ${JSON.stringify(dataOf(result))}`)
	return result as Response
}

export type ThreadPage = Exclude<Awaited<ReturnType<typeof threadLoader>>, Response>

/** The thread page's loader as `who` sees it; throws when it answers with anything but data. */
export async function openThread(who: Person, threadId: string, query = ''): Promise<ThreadPage> {
	const result = await callRoute(threadLoader, `/t/${threadId}${query}`, { threadId }, { as: who })
	if (result instanceof Response)
		throw new Error(
			`the thread page answered ${result.status} ${result.headers.get('location') ?? ''}`,
		)
	return result as ThreadPage
}

type ForumList = {
	threads: Array<{
		id: string
		pinned: boolean
		hidden: boolean
		answered: boolean
		replyCount: number
		helpfulCount: number
		isNew: boolean
		unreadCount: number
	}>
	canModerate: boolean
}

/** A group forum's thread list as `who` sees it. */
export async function groupList(who: Person, slug: string, query = ''): Promise<ForumList> {
	const result = await callRoute(
		groupForumLoader,
		`/g/${slug}/forum${query}`,
		{ slug },
		{ as: who },
	)
	if (result instanceof Response) throw new Error(`the forum list answered ${result.status}`)
	return (result as { list: ForumList }).list
}

export async function communityList(who: Person): Promise<ForumList> {
	const result = await callRoute(communityLoader, '/community', {}, { as: who })
	if (result instanceof Response) throw new Error(`the community list answered ${result.status}`)
	return (result as { list: ForumList }).list
}

export function saveDraft(who: Person, form: Record<string, string>) {
	return callRoute(draftsAction, '/resources/drafts', {}, { as: who, form })
}

/** The posts of a thread by number, straight from the database. */
export function postsOf(threadId: string) {
	return db.post.findMany({ where: { threadId }, orderBy: { number: 'asc' } })
}

export async function postNumbered(threadId: string, number: number) {
	return db.post.findUniqueOrThrow({ where: { threadId_number: { threadId, number } } })
}

/** A thread with `count` posts inserted directly (for pagination and reading state). */
export async function seedThread(options: {
	forumId: string
	categoryId: string
	authorId: string
	count: number
	title?: string
}) {
	const thread = await db.thread.create({
		data: {
			forumId: options.forumId,
			categoryId: options.categoryId,
			authorId: options.authorId,
			title: options.title ?? `A long thread of ${options.count} posts`,
			lastPostNumber: options.count,
			replyCount: options.count - 1,
		},
		select: { id: true },
	})
	await db.post.createMany({
		data: Array.from({ length: options.count }, (_, i) => ({
			threadId: thread.id,
			number: i + 1,
			authorId: options.authorId,
			body: `Post ${i + 1}`,
			bodyHtml: `<p>Post ${i + 1}</p>`,
		})),
	})
	return thread.id
}

/** Status and text of a refusal, to compare two refusals (a hidden thing and a missing one answer alike). */
export async function refusalOf(result: unknown): Promise<{ status: number; body: string }> {
	if (result instanceof Response)
		return { status: result.status, body: await result.clone().text() }
	return { status: statusOf(result), body: JSON.stringify(dataOf(result)) }
}

/** A load context whose publisher records every room emit before handing it to the real one. */
export function recordingContext(realtime: AppLoadContext['realtime']) {
	const emits: Array<{ rooms: string[]; event: string; payload: unknown }> = []
	const context: AppLoadContext = {
		clientIp: '127.0.0.1',
		realtime: {
			toRoom(room, event, payload) {
				emits.push({ rooms: [room], event, payload })
				realtime.toRoom(room, event, payload)
			},
			toRooms(roomNames, event, payload) {
				emits.push({ rooms: roomNames, event, payload })
				realtime.toRooms(roomNames, event, payload)
			},
			disconnectUser: (userId, filter) => realtime.disconnectUser(userId, filter),
			accessChanged: (target) => realtime.accessChanged(target),
		},
	}
	return { context, emits }
}
