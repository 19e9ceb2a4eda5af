// A group's confidentiality agreement is a gate: until a member accepts the current version, every
// group page, search result, notification and socket room behaves as if they were not a member.
// Checked before acceptance, after it, and after a new version; and for a group with no agreement
// (no gate at all).
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { acceptInvitation, createInvitation } from '#app/modules/groups/invitations.server.ts'
import { threadReadersWhere } from '#app/modules/forums/access.server.ts'
import {
	listNotifications,
	recordNotifications,
	unreadNotificationCount,
} from '#app/modules/notifications/notifications.server.ts'
import { planAccess } from '#app/modules/plans/access.server.ts'
import { cycleAccess, cycleReadersWhere } from '#app/modules/quarterly/access.server.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { searchPosts } from '#app/modules/search/search.server.ts'
import { catalogueViewer, ratingReadersWhere } from '#app/modules/vendors/access.server.ts'
import {
	action as agreementAction,
	loader as agreementLoader,
} from '#app/routes/groups/agreement.tsx'
import { loader as groupHomeLoader } from '#app/routes/groups/home.tsx'
import { loader as groupForumLoader } from '#app/routes/forums/group-forum.tsx'
import {
	action as newThreadAction,
	loader as newThreadLoader,
} from '#app/routes/forums/new-thread.tsx'
import { loader as planLoader } from '#app/routes/plans/plan.tsx'
import { loader as cycleLoader } from '#app/routes/quarterly/cycle.tsx'
import { loader as reviewsLoader } from '#app/routes/quarterly/reviews.tsx'
import { loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { rooms } from '#app/utils/realtime.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { callRoute, forumWorld, reply, startThread, type Person } from '#tests/forum-helpers.ts'
import { changeEnv, createTestContext, dataOf, statusOf } from '#tests/helpers.ts'
import { connected, connectSocket } from '#tests/running-server.ts'
import { person } from '#tests/forum-helpers.ts'

let w: Awaited<ReturnType<typeof forumWorld>>
let max: Person
let threadId: string
let cycleId: string
let planId: string
let restoreEnv: () => void
let httpServer: HttpServer
let realtime: Realtime
let url: string
const sockets: Socket[] = []

const TEXT =
	'What is said in the group stays in the group. Do not share names, figures or stories outside it.'

beforeAll(async () => {
	restoreEnv = changeEnv({ POST_MIN_GAP_SECONDS: 0, NEW_ACCOUNT_POST_MIN_GAP_SECONDS: 0 })
	w = await forumWorld()
	// A second moderator, who reads plans shared with the group's moderators.
	max = await person({ name: 'Max Moderator' })
	await db.membership.create({ data: { userId: max.id, groupId: w.group.id, role: 'moderator' } })
	threadId = await startThread(
		w.alice,
		{ slug: w.group.slug },
		{ title: 'Wombat pricing', body: 'How do you price wombat support?' },
	)
	cycleId = (
		await db.reviewCycle.create({
			data: {
				groupId: w.group.id,
				quarter: '2041-Q1',
				visibility: 'group',
				status: 'open',
				opensOn: new Date(Date.now() - 86_400_000),
				dueOn: new Date(Date.now() + 7 * 86_400_000),
				questions: JSON.stringify(DEFAULT_QUESTIONS),
				createdById: w.moderator.id,
			},
			select: { id: true },
		})
	).id
	planId = (
		await db.plan.create({
			data: { ownerId: w.alice.id, year: 2041, sharedWithModerators: true },
			select: { id: true },
		})
	).id
	httpServer = createServer()
	realtime = await attachRealtime(httpServer)
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.disconnect()
})

afterAll(async () => {
	restoreEnv?.()
	await realtime?.close()
	await new Promise((resolve) => httpServer?.close(resolve))
})

const agreementPath = () => `/g/${w.group.slug}/agreement`
const context = () => ({ clientIp: '127.0.0.1', realtime: realtime.publisher })

function publish(who: Person, text = TEXT, format = 'markdown') {
	return callRoute(
		agreementAction,
		agreementPath(),
		{ slug: w.group.slug },
		{ as: who, form: { intent: 'publish', text, format }, context: context() },
	)
}

async function currentVersionId(): Promise<string> {
	return (
		await db.groupAgreementVersion.findFirstOrThrow({
			where: { groupId: w.group.id },
			orderBy: { version: 'desc' },
		})
	).id
}

function accept(who: Person, versionId: string) {
	return callRoute(
		agreementAction,
		agreementPath(),
		{ slug: w.group.slug },
		{ as: who, form: { intent: 'accept', versionId }, context: createTestContext() },
	)
}

const pendingOf = async (who: { id: string }) =>
	(
		await db.membership.findUniqueOrThrow({
			where: { userId_groupId: { userId: who.id, groupId: w.group.id } },
		})
	).agreementPending

/** Every group path a member uses, as the member: the status, and where a redirect leads. */
async function groupPaths(who: Person) {
	const slug = w.group.slug
	const answers = {
		home: await callRoute(groupHomeLoader, `/g/${slug}`, { slug }, { as: who }),
		forum: await callRoute(groupForumLoader, `/g/${slug}/forum`, { slug }, { as: who }),
		newThreadForm: await callRoute(newThreadLoader, `/g/${slug}/forum/new`, { slug }, { as: who }),
		thread: await callRoute(threadLoader, `/t/${threadId}`, { threadId }, { as: who }),
		reviews: await callRoute(reviewsLoader, `/g/${slug}/reviews`, { slug }, { as: who }),
		cycle: await callRoute(
			cycleLoader,
			`/g/${slug}/reviews/${cycleId}`,
			{ slug, cycleId },
			{ as: who },
		),
	}
	return Object.fromEntries(
		Object.entries(answers).map(([name, result]) => {
			const status = statusOf(result)
			const location = result instanceof Response ? result.headers.get('location') : null
			return [name, location ? `${status} ${location}` : String(status)]
		}),
	)
}

const allServed = {
	home: '200',
	forum: '200',
	newThreadForm: '200',
	thread: '200',
	reviews: '200',
	cycle: '200',
}
const allAgreement = () => {
	const to = `302 ${agreementPath()}`
	return { home: to, forum: to, newThreadForm: to, thread: to, reviews: to, cycle: to }
}

async function finds(who: { id: string; isSiteAdmin: boolean }, word: string): Promise<boolean> {
	const { results } = await searchPosts(who, { q: word })
	return results.length > 0
}

async function isReaderOfThread(who: { id: string }): Promise<boolean> {
	const thread = await db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: { forumId: true, hiddenAt: true },
	})
	return (
		(await db.user.count({
			where: { AND: [{ id: who.id }, await threadReadersWhere(thread)] },
		})) === 1
	)
}

function open(who: Person): Promise<Socket> {
	const socket = connectSocket(url, { cookie: who.cookie })
	sockets.push(socket)
	return connected(socket)
}

type Ack = { ok: boolean; error?: string }
const ask = (socket: Socket, event: string, payload: unknown) =>
	socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>

async function joins(who: Person) {
	const socket = await open(who)
	return {
		forum: (await ask(socket, 'forum:join', { forumId: w.forum.id })).ok,
		thread: (await ask(socket, 'thread:join', { threadId })).ok,
		presence: (await ask(socket, 'presence:join', { groupId: w.group.id })).ok,
	}
}

/** The rooms of the server's side of a client socket. */
function serverRooms(socket: Socket): Set<string> {
	return realtime.io.of('/').sockets.get(socket.id!)?.rooms ?? new Set()
}

describe('a group without an agreement', () => {
	test('has no gate: members see every group path, the agreement page says there is none', async () => {
		expect(await groupPaths(w.bob)).toEqual(allServed)
		const page = dataOf<{ current: unknown; pending: boolean }>(
			await callRoute(agreementLoader, agreementPath(), { slug: w.group.slug }, { as: w.bob }),
		)
		expect(page.current).toBeNull()
		expect(page.pending).toBe(false)
		// Joining it by invitation needs no acceptance.
		const newcomer = await person({ name: 'Nora Newcomer' })
		const { token } = await createInvitation({
			groupId: w.group.id,
			createdById: w.moderator.id,
			expiresInDays: 7,
			singleUse: true,
		})
		expect((await acceptInvitation(token, newcomer.id)).outcome).toBe('joined')
		expect(await pendingOf(newcomer)).toBe(false)
		await db.membership.deleteMany({ where: { userId: newcomer.id } })
	})

	test('only its moderators publish: a member gets 403, a non-member 404, and nothing is written', async () => {
		expect(statusOf(await publish(w.bob))).toBe(403)
		expect(statusOf(await publish(w.outsider))).toBe(404)
		expect(statusOf(await publish(w.loner))).toBe(404)
		expect(statusOf(await publish(w.moderator, 'too short'))).toBe(400)
		expect(await db.groupAgreementVersion.count()).toBe(0)
		expect(await pendingOf(w.bob)).toBe(false)
	})
})

describe('the first version', () => {
	test('publishing it asks every other member, records the audit entry, and the publisher has accepted', async () => {
		const result = await publish(w.moderator)
		expect(statusOf(result)).toBe(302)
		const version = await db.groupAgreementVersion.findFirstOrThrow({
			where: { groupId: w.group.id },
		})
		expect(version).toMatchObject({
			version: 1,
			format: 'markdown',
			text: TEXT,
			createdById: w.moderator.id,
		})
		expect(version.html).toContain('<p>What is said in the group stays in the group.')
		expect(await pendingOf(w.moderator)).toBe(false)
		expect(await pendingOf(w.alice)).toBe(true)
		expect(await pendingOf(w.bob)).toBe(true)
		expect(await pendingOf(max)).toBe(true)
		expect(await db.agreementAcceptance.count({ where: { versionId: version.id } })).toBe(1)
		const audit = await db.auditEntry.findMany({
			where: { groupId: w.group.id, action: 'agreement.version' },
		})
		expect(audit).toHaveLength(1)
		expect(audit[0]).toMatchObject({
			actorId: w.moderator.id,
			targetKind: 'agreement',
			targetId: version.id,
		})
	})

	test('a pending member is sent to the agreement from every group path', async () => {
		expect(await groupPaths(w.bob)).toEqual(allAgreement())
		// Posting is refused the same way, and writes nothing.
		const before = await db.thread.count()
		const category = await db.category.findFirstOrThrow({ where: { forumId: w.forum.id } })
		const posted = await callRoute(
			newThreadAction,
			`/g/${w.group.slug}/forum/new`,
			{ slug: w.group.slug },
			{
				as: w.bob,
				form: { kind: 'discussion', title: 'Sneaking in', body: 'Hello', categoryId: category.id },
			},
		)
		expect(statusOf(posted)).toBe(302)
		expect((posted as Response).headers.get('location')).toBe(agreementPath())
		expect(await db.thread.count()).toBe(before)
		// A moderator who has not accepted is no moderator yet either: the plans shared with the
		// group's moderators are out of reach (404), as is the cycle.
		expect(await planAccess(max, planId)).toBeNull()
		expect(statusOf(await callRoute(planLoader, `/plans/${planId}`, { planId }, { as: max }))).toBe(
			404,
		)
		// Nor does a member who has not accepted share their plan with the group's moderators yet.
		expect(await planAccess(w.moderator, planId)).toBeNull()
		expect(await cycleAccess(w.bob, cycleId)).toBeNull()
		// People outside the group still get 404 (not the agreement).
		expect(
			statusOf(
				await callRoute(
					groupHomeLoader,
					`/g/${w.group.slug}`,
					{ slug: w.group.slug },
					{ as: w.outsider },
				),
			),
		).toBe(404)
		expect(
			statusOf(
				await callRoute(
					agreementLoader,
					agreementPath(),
					{ slug: w.group.slug },
					{ as: w.outsider },
				),
			),
		).toBe(404)
	})

	test('the agreement page shows a pending member the text and the Accept form, no management', async () => {
		const page = dataOf<{
			pending: boolean
			manages: boolean
			current: { id: string; html: string } | null
			overview: unknown
		}>(await callRoute(agreementLoader, agreementPath(), { slug: w.group.slug }, { as: w.bob }))
		expect(page.pending).toBe(true)
		expect(page.manages).toBe(false)
		expect(page.current?.id).toBe(await currentVersionId())
		expect(page.overview).toBeNull()
		// A pending moderator too must accept before managing.
		const maxPage = dataOf<{ manages: boolean }>(
			await callRoute(agreementLoader, agreementPath(), { slug: w.group.slug }, { as: max }),
		)
		expect(maxPage.manages).toBe(false)
		expect(statusOf(await publish(max, `${TEXT} Max's edit.`))).toBe(403)
	})

	test('the moderator sees who has not accepted, and the versions', async () => {
		const page = dataOf<{
			manages: boolean
			overview: {
				pending: Array<{ name: string; lastAccepted: unknown }>
				versions: Array<{ version: number; acceptances: number }>
			}
		}>(
			await callRoute(
				agreementLoader,
				agreementPath(),
				{ slug: w.group.slug },
				{ as: w.moderator },
			),
		)
		expect(page.manages).toBe(true)
		expect(page.overview.pending.map((p) => p.name).sort()).toEqual([
			'Alice Author',
			'Bob Member',
			'Max Moderator',
		])
		expect(page.overview.pending.every((p) => p.lastAccepted === null)).toBe(true)
		expect(page.overview.versions).toEqual([
			expect.objectContaining({ version: 1, acceptances: 1 }),
		])
	})

	test('search never returns the group’s posts to a pending member', async () => {
		expect(await finds(w.moderator, 'wombat')).toBe(true)
		expect(await finds(w.bob, 'wombat')).toBe(false)
		expect(await finds(w.alice, 'wombat')).toBe(false)
	})

	test('a pending member is not among the group’s readers, is not notified, and sees no group notification', async () => {
		expect(await isReaderOfThread(w.bob)).toBe(false)
		expect(await isReaderOfThread(w.moderator)).toBe(true)
		expect(
			await db.user.count({
				where: {
					AND: [{ id: w.bob.id }, cycleReadersWhere({ groupId: w.group.id, status: 'open' })],
				},
			}),
		).toBe(0)
		expect(
			await db.user.count({
				where: {
					AND: [{ id: w.bob.id }, ratingReadersWhere({ visibility: 'group', groupId: w.group.id })],
				},
			}),
		).toBe(0)
		expect(await catalogueViewer(w.bob)).toBeNull()
		// A mention in the group's forum does not reach him.
		const bob = await db.user.findUniqueOrThrow({
			where: { id: w.bob.id },
			select: { handle: true },
		})
		await reply(w.moderator, threadId, `@${bob.handle} have a look at this`)
		expect(await db.notification.count({ where: { userId: w.bob.id } })).toBe(0)
		// A notification that reached him before (written directly here) is not shown nor counted.
		const post = await db.post.findFirstOrThrow({
			where: { threadId },
			orderBy: { number: 'desc' },
		})
		await recordNotifications(db, {
			subject: { kind: 'forum.post', id: post.id },
			actorId: w.moderator.id,
			recipients: [{ userId: w.bob.id, type: 'mention' }],
			forum: { threadId, postId: post.id },
		})
		expect(await unreadNotificationCount(w.bob.id)).toBe(0)
		expect((await listNotifications(w.bob.id, 1)).rows).toHaveLength(0)
	})

	test('a pending member cannot join the group’s forum, thread or presence rooms', async () => {
		expect(await joins(w.bob)).toEqual({ forum: false, thread: false, presence: false })
		expect(await joins(w.moderator)).toEqual({ forum: true, thread: true, presence: true })
	})
})

describe('accepting', () => {
	test('an accept of a version that is not the current one accepts nothing', async () => {
		const result = await accept(w.bob, 'no-such-version')
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(agreementPath())
		expect(await pendingOf(w.bob)).toBe(true)
		expect(statusOf(await accept(w.outsider, await currentVersionId()))).toBe(404)
	})

	test('opens every group path, search, notifications and rooms', async () => {
		const result = await accept(w.bob, await currentVersionId())
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(`/g/${w.group.slug}`)
		expect(await pendingOf(w.bob)).toBe(false)
		const acceptance = await db.agreementAcceptance.findFirstOrThrow({
			where: { userId: w.bob.id },
		})
		expect(acceptance).toMatchObject({ groupId: w.group.id, versionId: await currentVersionId() })
		expect(acceptance.acceptedAt).toBeInstanceOf(Date)
		expect(await groupPaths(w.bob)).toEqual(allServed)
		expect(await finds(w.bob, 'wombat')).toBe(true)
		expect(await isReaderOfThread(w.bob)).toBe(true)
		// (Opening the thread above marked it read.)
		expect((await listNotifications(w.bob.id, 1)).rows).toHaveLength(1)
		expect(await catalogueViewer(w.bob)).not.toBeNull()
		expect(await joins(w.bob)).toEqual({ forum: true, thread: true, presence: true })
		// Accepting twice changes nothing.
		await accept(w.bob, await currentVersionId())
		expect(await db.agreementAcceptance.count({ where: { userId: w.bob.id } })).toBe(1)
		// Max accepts: he is a moderator again, and reads the plan shared with moderators.
		await accept(max, await currentVersionId())
		await accept(w.alice, await currentVersionId())
		expect(await planAccess(max, planId)).not.toBeNull()
		expect(await planAccess(w.moderator, planId)).not.toBeNull()
	})

	test('a member who joins by invitation must accept the current version', async () => {
		const newcomer = await person({ name: 'Nell Newcomer' })
		const { token } = await createInvitation({
			groupId: w.group.id,
			createdById: w.moderator.id,
			expiresInDays: 7,
			singleUse: true,
		})
		expect((await acceptInvitation(token, newcomer.id)).outcome).toBe('joined')
		expect(await pendingOf(newcomer)).toBe(true)
		expect(await groupPaths(newcomer)).toEqual(allAgreement())
		await accept(newcomer, await currentVersionId())
		expect(await groupPaths(newcomer)).toEqual(allServed)
	})
})

describe('a new version', () => {
	test('drops connected members from the group’s rooms at once, and asks everyone again', async () => {
		const socket = await open(w.bob)
		expect((await ask(socket, 'forum:join', { forumId: w.forum.id })).ok).toBe(true)
		expect((await ask(socket, 'thread:join', { threadId })).ok).toBe(true)
		expect((await ask(socket, 'presence:join', { groupId: w.group.id })).ok).toBe(true)
		expect(serverRooms(socket).has(rooms.thread(threadId))).toBe(true)
		const oldVersionId = await currentVersionId()

		expect(statusOf(await publish(w.moderator, `${TEXT}\n\nAlso: no screenshots.`, 'plain'))).toBe(
			302,
		)
		// The action has returned: the socket has already left the rooms.
		const left = serverRooms(socket)
		expect(left.has(rooms.thread(threadId))).toBe(false)
		expect(left.has(rooms.forum(w.forum.id))).toBe(false)
		expect(left.has(rooms.groupPresence(w.group.id))).toBe(false)
		expect(socket.connected).toBe(true)

		const version = await db.groupAgreementVersion.findFirstOrThrow({
			where: { groupId: w.group.id },
			orderBy: { version: 'desc' },
		})
		expect(version).toMatchObject({ version: 2, format: 'plain' })
		expect(version.html).toBe(
			'<p>What is said in the group stays in the group. Do not share names, figures or stories outside it.</p>\n<p>Also: no screenshots.</p>',
		)
		expect(await pendingOf(w.bob)).toBe(true)
		expect(await pendingOf(max)).toBe(true)
		expect(await pendingOf(w.moderator)).toBe(false)
		expect(await groupPaths(w.bob)).toEqual(allAgreement())
		expect(await finds(w.bob, 'wombat')).toBe(false)
		expect((await listNotifications(w.bob.id, 1)).rows).toHaveLength(0)
		expect(await joins(w.bob)).toEqual({ forum: false, thread: false, presence: false })

		// Accepting the old version again does not count.
		await accept(w.bob, oldVersionId)
		expect(await pendingOf(w.bob)).toBe(true)

		// The moderator sees when each pending member last accepted an older version.
		const page = dataOf<{
			overview: { pending: Array<{ name: string; lastAccepted: { version: number } | null }> }
		}>(
			await callRoute(
				agreementLoader,
				agreementPath(),
				{ slug: w.group.slug },
				{ as: w.moderator },
			),
		)
		const bobRow = page.overview.pending.find((p) => p.name === 'Bob Member')
		expect(bobRow?.lastAccepted?.version).toBe(1)

		await accept(w.bob, version.id)
		expect(await groupPaths(w.bob)).toEqual(allServed)
		expect(await finds(w.bob, 'wombat')).toBe(true)
		expect(
			await db.auditEntry.count({ where: { groupId: w.group.id, action: 'agreement.version' } }),
		).toBe(2)
	})
})
