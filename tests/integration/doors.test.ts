// The doors: every path by which a thread or a post of the forums can reach a person, for every
// role, over the subjects that the visibility rule (app/modules/forums/access.server.ts) tells
// apart. One table: a row per door × role, a column per subject, each cell the expected outcome.
//
// Subjects (each made through the app's own posting code, so the search index and the kept
// counts are as the app keeps them; the "subject post" is a reply by Sam, a member of groups A and B):
//   group      a lesson in group A's forum
//   hidden     a lesson in group A's forum, hidden by its moderator
//   hidPost    a reply hidden by group A's moderator, in a visible thread of group A
//   commun     a lesson in the community forum
//   hidCom     a lesson in the community forum, hidden by a site admin
//
// Roles: ROLES of tests/world.ts, "this group" being group A (the admin is in no group). Sam, who
// wrote the subjects, is in groups A and B, so B's people may open his profile.
//
// Outcomes:
//   sees     the door shows the subject (listed, served, joined, resolved, notified)
//   -        the door is open to this person, and the subject is not behind it
//   404      refused as if it did not exist          login   sent to log in (a socket: refused at the handshake)
//   401      refused, for a script's request          marked  listed, with its post marked hidden (no content)
//   ·        the door has nothing to do with this subject or role
import type { Socket } from 'socket.io-client'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { listedThreadSql, listedThreadWhere } from '#app/modules/forums/access.server.ts'
import { COMMUNITY_FORUM_ID, FORUM_POST } from '#app/modules/forums/constants.ts'
import { recentPostsBy } from '#app/modules/forums/activity.server.ts'
import { FORUM_EVENTS, type PostCreatedEvent } from '#app/modules/forums/events.ts'
import { acceptAnswer, createReply, createThread, setPostHidden } from '#app/modules/forums/posts.server.ts'
import type { NewThreadInput } from '#app/modules/forums/schemas.ts'
import { NOTIFICATION_EVENT } from '#app/modules/notifications/notifications.ts'
import { loader as bookmarksLoader } from '#app/routes/bookmarks.tsx'
import { loader as communityLoader } from '#app/routes/forums/community.tsx'
import { loader as groupForumLoader } from '#app/routes/forums/group-forum.tsx'
import { action as groupHomeAction } from '#app/routes/groups/home.tsx'
import { loader as lessonsLoader } from '#app/routes/lessons.tsx'
import { loader as notificationsLoader } from '#app/routes/notifications.tsx'
import { loader as notificationsCountLoader } from '#app/routes/resources/notifications-count.ts'
import { loader as searchLoader } from '#app/routes/search.tsx'
import { loader as editPostLoader } from '#app/routes/threads/edit-post.tsx'
import { loader as historyLoader } from '#app/routes/threads/post-history.tsx'
import { loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { loader as profileLoader } from '#app/routes/users/profile.tsx'
import { db } from '#app/utils/db.server.ts'
import { queryRows, sql } from '#app/utils/sql.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { createPublisher } from '#server/realtime/publisher.ts'
import { createTestContext, createUser, dataOf, makeRequest, runRoute, settle, statusOf } from '#tests/helpers.ts'
import { connected, connectSocket, refusal } from '#tests/running-server.ts'
import { ROLES, actorFor, buildWorld, type Actor, type Role, type World } from '#tests/world.ts'

const SUBJECTS = ['group', 'hidden', 'hidPost', 'commun', 'hidCom'] as const
type SubjectName = (typeof SUBJECTS)[number]
const OUTCOMES = ['sees', '-', '404', 'login', '401', 'marked', '·'] as const
type Outcome = (typeof OUTCOMES)[number]

type Subject = { name: SubjectName; threadId: string; postId: string; forumId: string; inCommunity: boolean }
type Cell = { role: Role; actor: Actor | null; subject: Subject }
type Door = { name: string; open: (cell: Cell) => Promise<Outcome | string>; expect: Record<Role, Record<SubjectName, Outcome>> }

/** One row of a door: five outcomes, one per subject, in the order of SUBJECTS. */
function row(answers: string): Record<SubjectName, Outcome> {
	const parts = answers.trim().split(/\s+/)
	if (parts.length !== SUBJECTS.length) throw new Error(`"${answers}" has ${parts.length} outcomes for ${SUBJECTS.length} subjects`)
	for (const part of parts) if (!(OUTCOMES as readonly string[]).includes(part)) throw new Error(`unknown outcome "${part}" in "${answers}"`)
	return Object.fromEntries(SUBJECTS.map((subject, i) => [subject, parts[i] as Outcome])) as Record<SubjectName, Outcome>
}

function door(name: string, open: Door['open'], table: Record<Role, string>): Door {
	return { name, open, expect: Object.fromEntries(ROLES.map((role) => [role, row(table[role])])) as Door['expect'] }
}

// ---------------------------------------------------------------------------------------------
// The world: tests/world.ts's groups and people, Sam, and the five subjects.

let world: World
let sam: { id: string }
const subjects = {} as Record<SubjectName, Subject>
let httpServer: HttpServer
let realtime: Realtime
let url: string
const sockets: Socket[] = []
/** The word only the subject posts contain: search finds them, and nothing else. */
const WORD = 'wombat'

/** A publisher on the running socket server: what writes announce reaches the test's sockets. */
const live = (): RealtimePublisher => createPublisher(realtime.io)
const viewer = (user: { id: string; isSiteAdmin?: boolean }) => ({ id: user.id, isSiteAdmin: user.isSiteAdmin ?? false })

async function lesson(forumId: string, title: string): Promise<string> {
	const category = await db.category.findFirstOrThrow({ where: { forumId, slug: 'lessons' }, select: { id: true } })
	const input: NewThreadInput = {
		kind: 'lesson',
		title,
		categoryId: category.id,
		tags: [],
		blocker: 'cash_flow',
		lessonHappened: 'A customer paid ninety days late.',
		lessonLearned: 'Invoice on delivery.',
		lessonDifferently: 'Ask for a deposit.',
	} as NewThreadInput
	return (await createThread(viewer(sam), forumId, input, live(), 'unpaced')).threadId
}

async function subjectReply(threadId: string): Promise<string> {
	return (await createReply(viewer(sam), threadId, { body: `What the ${WORD} taught us.` }, live(), 'unpaced')).postId
}

const openingOf = async (threadId: string) => (await db.post.findUniqueOrThrow({ where: { threadId_number: { threadId, number: 1 } }, select: { id: true } })).id

async function makeSubjects() {
	const mona = viewer(world.people.mona)
	const ada = viewer({ id: world.people.ada.id, isSiteAdmin: true })
	const groupForum = world.group.forumId
	const make = async (name: SubjectName, forumId: string, title: string, hide?: 'thread' | 'post') => {
		const threadId = await lesson(forumId, title)
		const postId = await subjectReply(threadId)
		const moderator = forumId === COMMUNITY_FORUM_ID ? ada : mona
		if (hide === 'thread') await setPostHidden(moderator, await openingOf(threadId), true, live())
		if (hide === 'post') await setPostHidden(moderator, postId, true, live())
		subjects[name] = { name, threadId, postId, forumId, inCommunity: forumId === COMMUNITY_FORUM_ID }
	}
	await make('group', groupForum, 'Late payers in group A')
	await make('hidden', groupForum, 'A lesson that was hidden', 'thread')
	await make('hidPost', groupForum, 'A lesson with a hidden reply', 'post')
	await make('commun', COMMUNITY_FORUM_ID, 'Late payers, for everyone')
	await make('hidCom', COMMUNITY_FORUM_ID, 'A community lesson that was hidden', 'thread')
}

beforeAll(async () => {
	world = await buildWorld()
	sam = await createUser({ name: 'Sam Subject' })
	await db.membership.createMany({ data: [{ userId: sam.id, groupId: world.group.id }, { userId: sam.id, groupId: world.otherGroup.id }] })
	httpServer = createServer()
	realtime = await attachRealtime(httpServer)
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
	await makeSubjects()
})

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.disconnect()
})

afterAll(async () => {
	await realtime?.close()
	await new Promise((resolve) => httpServer?.close(resolve))
})

// ---------------------------------------------------------------------------------------------
// How each door is opened, and what its answer means.

async function call<A>(fn: (args: A) => unknown, path: string, params: Record<string, string>, actor: Actor | null, context = createTestContext()) {
	return settle(Promise.resolve(fn({ request: makeRequest(path, { cookie: actor?.cookie }), params, context } as A)))
}

/** login / 404 / 401 for a refusal, else what `sees` says of the served data. */
async function page<T>(answer: Promise<unknown>, sees: (data: T) => Outcome): Promise<Outcome | string> {
	const result = await answer
	const status = statusOf(result)
	if (status >= 300 && status < 400) {
		const location = (result as Response).headers.get('location') ?? ''
		return location.startsWith('/login') ? 'login' : `redirect to ${location}`
	}
	if (status === 404 || status === 401) return String(status) as Outcome
	if (status >= 400) return `status ${status}`
	const data = result instanceof Response ? await result.json() : dataOf<T>(result)
	return sees(data as T)
}

const seen = (yes: boolean): Outcome => (yes ? 'sees' : '-')
const threadSubjectsOnly = (open: Door['open']): Door['open'] => (cell) => (cell.subject.name === 'hidPost' ? Promise.resolve('·') : open(cell))
const signedInOnly = (open: Door['open']): Door['open'] => (cell) => (cell.actor ? open(cell) : Promise.resolve('·'))

function open(actor: Actor | null): Socket {
	const socket = connectSocket(url, actor ? { cookie: actor.cookie } : {})
	sockets.push(socket)
	return socket
}
type Ack = { ok: boolean; error?: string }
const ask = (socket: Socket, event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>
/** A round trip through the server: everything sent to the socket before has arrived. */
const roundTrip = (socket: Socket) => ask(socket, 'forum:join', { forumId: 'no-such-forum' })

async function joinRoom(actor: Actor | null, event: 'thread:join' | 'forum:join', payload: object): Promise<Outcome | string> {
	const socket = open(actor)
	if (!actor) return (await refusal(socket)).message === 'unauthorized' ? 'login' : 'refused otherwise'
	await connected(socket)
	const ack = await ask(socket, event, payload)
	if (ack.ok) return 'sees'
	return ack.error === 'not_found' ? '404' : `refused (${ack.error})`
}

/** Who writes in a subject's thread: its forum's moderator, who may post even while it is hidden. */
const writerFor = (subject: Subject) => (subject.inCommunity ? viewer({ id: world.people.ada.id, isSiteAdmin: true }) : viewer(world.people.mona))

const handleOf = async (actor: Actor) => (await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { handle: true } })).handle

async function notifyActor(cell: Cell & { actor: Actor }) {
	await db.notification.create({ data: { userId: cell.actor.id, type: 'reply', subjectKind: FORUM_POST, subjectId: cell.subject.postId, threadId: cell.subject.threadId, postId: cell.subject.postId, actorId: sam.id } })
}

// ---------------------------------------------------------------------------------------------
// The table.
//
// Three cases once drifted between copies of the rule, and are held here:
//   - a site admin outside every group reads the community forum, and is @mentioned and notified
//     there (the admin's "commun" cells of "@mention" and "notified");
//   - a reply in a hidden thread notifies its moderators only: no row and no live notification:new
//     for its other readers (the "hidden" and "hidCom" cells of "notified");
//   - demoting a moderator re-checks their live rooms (the test after the table).
// Lists for reading (bookmarks, activity, profile, lessons, notifications, search) leave hidden
// things out for moderators too: moderation happens in the forum.

// prettier-ignore
const DOORS: Door[] = [
	door('thread page', ({ actor, subject }) =>
		page<{ posts: Array<{ id: string }> }>(call(threadLoader, `/t/${subject.threadId}`, { threadId: subject.threadId }, actor), (d) => seen(d.posts.some((p) => p.id === subject.postId))), {
		//               group  hidden hidPost commun hidCom
		anonymous:      'login  login  login   login  login',
		outsider:       '404    404    404     404    404',
		otherMember:    '404    404    404     sees   404',
		otherModerator: '404    404    404     sees   404',
		member:         'sees   404    -       sees   404',
		moderator:      'sees   sees   sees    sees   404',
		admin:          '404    404    404     sees   sees',
	}),
	door('forum list', threadSubjectsOnly(({ actor, subject }) => {
		const answer = subject.inCommunity ? call(communityLoader, '/community', {}, actor) : call(groupForumLoader, `/g/${world.group.slug}/forum`, { slug: world.group.slug }, actor)
		return page<{ list: { threads: Array<{ id: string }> } }>(answer, (d) => seen(d.list.threads.some((t) => t.id === subject.threadId)))
	}), {
		anonymous:      'login  login  ·       login  login',
		outsider:       '404    404    ·       404    404',
		otherMember:    '404    404    ·       sees   -',
		otherModerator: '404    404    ·       sees   -',
		member:         'sees   -      ·       sees   -',
		moderator:      'sees   sees   ·       sees   -',
		admin:          '404    404    ·       sees   sees',
	}),
	door('category page', threadSubjectsOnly(({ actor, subject }) => {
		const answer = subject.inCommunity
			? call(communityLoader, '/community?category=lessons', {}, actor)
			: call(groupForumLoader, `/g/${world.group.slug}/forum?category=lessons`, { slug: world.group.slug }, actor)
		return page<{ list: { threads: Array<{ id: string }> } }>(answer, (d) => seen(d.list.threads.some((t) => t.id === subject.threadId)))
	}), {
		anonymous:      'login  login  ·       login  login',
		outsider:       '404    404    ·       404    404',
		otherMember:    '404    404    ·       sees   -',
		otherModerator: '404    404    ·       sees   -',
		member:         'sees   -      ·       sees   -',
		moderator:      'sees   sees   ·       sees   -',
		admin:          '404    404    ·       sees   sees',
	}),
	// Sam wrote the subject posts: a member who is not the author has no edit page for them.
	door('post edit page', ({ actor, subject }) =>
		page(call(editPostLoader, `/t/${subject.threadId}/edit/${subject.postId}`, { threadId: subject.threadId, postId: subject.postId }, actor), () => 'sees'), {
		anonymous:      'login  login  login   login  login',
		outsider:       '404    404    404     404    404',
		otherMember:    '404    404    404     404    404',
		otherModerator: '404    404    404     404    404',
		member:         '404    404    404     404    404',
		moderator:      'sees   sees   sees    404    404',
		admin:          '404    404    404     sees   sees',
	}),
	door('post history', ({ actor, subject }) =>
		page(call(historyLoader, `/t/${subject.threadId}/history/${subject.postId}`, { threadId: subject.threadId, postId: subject.postId }, actor), () => 'sees'), {
		anonymous:      'login  login  login   login  login',
		outsider:       '404    404    404     404    404',
		otherMember:    '404    404    404     404    404',
		otherModerator: '404    404    404     404    404',
		member:         '404    404    404     404    404',
		moderator:      'sees   sees   sees    404    404',
		admin:          '404    404    404     sees   sees',
	}),
	door('bookmarks list', async ({ actor, subject }) => {
		if (actor) await db.bookmark.create({ data: { userId: actor.id, postId: subject.postId } })
		return page<{ bookmarks: Array<{ postId: string }> }>(call(bookmarksLoader, '/bookmarks', {}, actor), (d) => seen(d.bookmarks.some((b) => b.postId === subject.postId)))
	}, {
		anonymous:      'login  login  login   login  login',
		outsider:       '-      -      -       -      -',
		otherMember:    '-      -      -       sees   -',
		otherModerator: '-      -      -       sees   -',
		member:         'sees   -      -       sees   -',
		moderator:      'sees   -      -       sees   -',
		admin:          '-      -      -       sees   -',
	}),
	door('activity (Sam’s recent posts)', signedInOnly(async ({ actor, subject }) => seen((await recentPostsBy(sam.id, actor!.id)).some((p) => p.id === subject.postId))), {
		anonymous:      '·      ·      ·       ·      ·',
		outsider:       '-      -      -       -      -',
		otherMember:    '-      -      -       sees   -',
		otherModerator: '-      -      -       sees   -',
		member:         'sees   -      -       sees   -',
		moderator:      'sees   -      -       sees   -',
		admin:          '-      -      -       sees   -',
	}),
	// A profile is for people who share a group with Sam (A or B).
	door('profile of Sam', ({ actor, subject }) =>
		page<{ recentPosts: Array<{ id: string }> }>(call(profileLoader, `/u/${sam.id}`, { userId: sam.id }, actor), (d) => seen(d.recentPosts.some((p) => p.id === subject.postId))), {
		anonymous:      'login  login  login   login  login',
		outsider:       '404    404    404     404    404',
		otherMember:    '-      -      -       sees   -',
		otherModerator: '-      -      -       sees   -',
		member:         'sees   -      -       sees   -',
		moderator:      'sees   -      -       sees   -',
		admin:          '404    404    404     404    404',
	}),
	door('lessons list', threadSubjectsOnly(({ actor, subject }) =>
		page<{ library: { lessons: Array<{ id: string }> } }>(call(lessonsLoader, '/lessons', {}, actor), (d) => seen(d.library.lessons.some((l) => l.id === subject.threadId)))), {
		anonymous:      'login  login  ·       login  login',
		outsider:       '-      -      ·       -      -',
		otherMember:    '-      -      ·       sees   -',
		otherModerator: '-      -      ·       sees   -',
		member:         'sees   -      ·       sees   -',
		moderator:      'sees   -      ·       sees   -',
		admin:          '-      -      ·       sees   -',
	}),
	door('search results', ({ actor, subject }) =>
		page<{ search: { results: Array<{ postId: string }> } | null }>(call(searchLoader, `/search?q=${WORD}`, {}, actor), (d) => seen(Boolean(d.search?.results.some((r) => r.postId === subject.postId)))), {
		anonymous:      'login  login  login   login  login',
		outsider:       '-      -      -       -      -',
		otherMember:    '-      -      -       sees   -',
		otherModerator: '-      -      -       sees   -',
		member:         'sees   -      -       sees   -',
		moderator:      'sees   -      -       sees   -',
		admin:          '-      -      -       sees   -',
	}),
	// A notification about the subject post, already written for the person (before they lost sight of it).
	door('notifications list', async (cell) => {
		if (cell.actor) await notifyActor({ ...cell, actor: cell.actor })
		return page<{ notifications: Array<{ title: string; note: string | null }> }>(call(notificationsLoader, '/notifications', {}, cell.actor), (d) => {
			const [listed, ...more] = d.notifications
			if (more.length > 0) return 'more than one listed' as Outcome
			return !listed ? '-' : listed.note?.includes('removed by a moderator') ? 'marked' : 'sees'
		})
	}, {
		anonymous:      'login  login  login   login  login',
		outsider:       '-      -      -       -      -',
		otherMember:    '-      -      -       sees   -',
		otherModerator: '-      -      -       sees   -',
		member:         'sees   -      marked  sees   -',
		moderator:      'sees   -      marked  sees   -',
		admin:          '-      -      -       sees   -',
	}),
	door('unread count', async (cell) => {
		if (cell.actor) await notifyActor({ ...cell, actor: cell.actor })
		return page<{ count: number }>(call(notificationsCountLoader, '/resources/notifications-count', {}, cell.actor), (d) => (d.count === 1 ? 'sees' : d.count === 0 ? '-' : (`count ${d.count}` as Outcome)))
	}, {
		anonymous:      '401    401    401     401    401',
		outsider:       '-      -      -       -      -',
		otherMember:    '-      -      -       sees   -',
		otherModerator: '-      -      -       sees   -',
		member:         'sees   -      sees    sees   -',
		moderator:      'sees   -      sees    sees   -',
		admin:          '-      -      -       sees   -',
	}),
	// The forum's moderator writes "@handle" of the person in the subject's thread: a link when they may read it.
	door('@mention', signedInOnly(threadSubjectsOnly(async ({ actor, subject }) => {
		const { postId } = await createReply(writerFor(subject), subject.threadId, { body: `Over to you, @${await handleOf(actor!)}.` }, createTestContext().realtime, 'unpaced')
		const { bodyHtml } = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { bodyHtml: true } })
		return seen(bodyHtml.includes(`href="/u/${actor!.id}"`))
	})), {
		anonymous:      '·      ·      ·       ·      ·',
		outsider:       '-      -      ·       -      -',
		otherMember:    '-      -      ·       sees   -',
		otherModerator: '-      -      ·       sees   -',
		member:         'sees   -      ·       sees   -',
		moderator:      'sees   sees   ·       sees   -',
		admin:          '-      -      ·       sees   sees',
	}),
	// The person watches the subject's thread with a page open; its moderator replies: a row, and a live notification:new.
	door('notified of a reply', signedInOnly(threadSubjectsOnly(async ({ actor, subject }) => {
		await db.threadUserState.create({ data: { userId: actor!.id, threadId: subject.threadId, level: 'watching', lastReadPostNumber: 0 } })
		const socket = await connected(open(actor))
		const told: unknown[] = []
		socket.on(NOTIFICATION_EVENT, (event: unknown) => told.push(event))
		const { postId } = await createReply(writerFor(subject), subject.threadId, { body: 'News for the watchers.' }, live(), 'unpaced')
		await roundTrip(socket)
		const row = (await db.notification.count({ where: { userId: actor!.id, postId } })) > 0
		if (row && told.length > 0) return 'sees'
		if (!row && told.length === 0) return '-'
		return row ? 'a row, no live event' : 'a live event, no row'
	})), {
		anonymous:      '·      ·      ·       ·      ·',
		outsider:       '-      -      ·       -      -',
		otherMember:    '-      -      ·       sees   -',
		otherModerator: '-      -      ·       sees   -',
		member:         'sees   -      ·       sees   -',
		moderator:      'sees   sees   ·       sees   -',
		admin:          '-      -      ·       sees   sees',
	}),
	door('socket: thread room', ({ actor, subject }) => joinRoom(actor, 'thread:join', { threadId: subject.threadId }), {
		anonymous:      'login  login  login   login  login',
		outsider:       '404    404    404     404    404',
		otherMember:    '404    404    404     sees   404',
		otherModerator: '404    404    404     sees   404',
		member:         'sees   404    sees    sees   404',
		moderator:      'sees   sees   sees    sees   404',
		admin:          '404    404    404     sees   sees',
	}),
	// The forum's room carries its list's activity; hidden threads' activity goes to moderators' own rooms.
	door('socket: forum room', ({ actor, subject }) => joinRoom(actor, 'forum:join', { forumId: subject.forumId }), {
		anonymous:      'login  login  login   login  login',
		outsider:       '404    404    404     404    404',
		otherMember:    '404    404    404     sees   sees',
		otherModerator: '404    404    404     sees   sees',
		member:         'sees   sees   sees    sees   sees',
		moderator:      'sees   sees   sees    sees   sees',
		admin:          '404    404    404     sees   sees',
	}),
]

let cellsChecked = 0

describe.each(DOORS.map((d) => [d.name, d] as const))('%s', (_name, d) => {
	test.each(ROLES.map((role) => [role]))('as %s', async (role) => {
		const actual: Record<string, string> = {}
		for (const name of SUBJECTS) {
			const actor = await actorFor(world, role)
			actual[name] = await d.open({ role, actor, subject: subjects[name] })
			for (const socket of sockets.splice(0)) socket.disconnect()
			cellsChecked += 1
		}
		// All five at once, so a failure shows the whole row; each differing cell is named.
		const wrong = SUBJECTS.filter((name) => actual[name] !== d.expect[role][name]).map((name) => `${d.name} × ${role} × ${name}: expected ${d.expect[role][name]}, got ${actual[name]}`)
		expect(wrong, `${d.name} as ${role}`).toEqual([])
	})
})

// ---------------------------------------------------------------------------------------------
// What the table cannot show in one cell.

describe('around the table', () => {
	test('demoting a moderator re-checks their live rooms: events of a hidden thread stop reaching them', async () => {
		const demoted = (await actorFor(world, 'moderator'))!
		const stays = (await actorFor(world, 'moderator'))!
		const [demotedSocket, staysSocket] = [await connected(open(demoted)), await connected(open(stays))]
		const hidden = subjects.hidden.threadId
		expect(await ask(demotedSocket, 'thread:join', { threadId: hidden })).toEqual({ ok: true })
		expect(await ask(staysSocket, 'thread:join', { threadId: hidden })).toEqual({ ok: true })
		const received = { demoted: [] as PostCreatedEvent[], stays: [] as PostCreatedEvent[] }
		demotedSocket.on(FORUM_EVENTS.postCreated, (event: PostCreatedEvent) => received.demoted.push(event))
		staysSocket.on(FORUM_EVENTS.postCreated, (event: PostCreatedEvent) => received.stays.push(event))

		const membership = await db.membership.findUniqueOrThrow({ where: { userId_groupId: { userId: demoted.id, groupId: world.group.id } }, select: { id: true } })
		const otherModerator = await actorFor(world, 'moderator')
		const demotion = await settle(
			runRoute(groupHomeAction, {
				request: makeRequest(`/g/${world.group.slug}`, { cookie: otherModerator!.cookie, form: { intent: 'set-role', membershipId: membership.id, role: 'member' } }),
				params: { slug: world.group.slug },
				context: createTestContext({ realtime: live() }),
			}),
		)
		expect(statusOf(demotion)).toBe(302)

		await createReply(viewer(world.people.mona), hidden, { body: 'For moderators only.' }, live(), 'unpaced')
		await roundTrip(demotedSocket)
		await roundTrip(staysSocket)
		expect(received.stays).toHaveLength(1)
		expect(received.demoted).toEqual([])
		// The demoted member is out of the room, and cannot join it again.
		expect(await ask(demotedSocket, 'thread:join', { threadId: hidden })).toEqual({ ok: false, error: 'not_found' })
	})

	test('the listed-threads rule reads the same in Prisma and in SQL, for every role', async () => {
		// The threads of the subjects listed across forums (the thread of the hidden reply is listed).
		const expected: Record<Exclude<Role, 'anonymous'>, SubjectName[]> = {
			outsider: [],
			otherMember: ['commun'],
			otherModerator: ['commun'],
			member: ['group', 'hidPost', 'commun'],
			moderator: ['group', 'hidPost', 'commun'],
			admin: ['commun'],
		}
		for (const [role, names] of Object.entries(expected) as Array<[Role, SubjectName[]]>) {
			const actor = (await actorFor(world, role))!
			const byPrisma = (await db.thread.findMany({ where: await listedThreadWhere(actor.id), select: { id: true } })).map((t) => t.id).sort()
			const bySql = (await queryRows<{ id: string }>(sql`SELECT t."id" FROM "Thread" t WHERE ${listedThreadSql(actor.id, sql`t`)}`)).map((t) => t.id).sort()
			expect(bySql, role).toEqual(byPrisma)
			expect(SUBJECTS.filter((name) => byPrisma.includes(subjects[name].threadId)), role).toEqual(names)
		}
	})

	test('a profile names only the groups its viewer shares with its owner', async () => {
		const groupsSeenBy = async (role: Role) =>
			dataOf<{ profile: { groups: Array<{ name: string }> } }>(await call(profileLoader, `/u/${sam.id}`, { userId: sam.id }, await actorFor(world, role))).profile.groups.map((g) => g.name)
		expect(await groupsSeenBy('member')).toEqual(['Group A'])
		expect(await groupsSeenBy('otherMember')).toEqual(['Group B'])
	})

	test('an accepted answer that was later hidden still marks its question answered', async () => {
		const mona = viewer(world.people.mona)
		const category = await db.category.findFirstOrThrow({ where: { forumId: world.group.forumId, slug: 'general' }, select: { id: true } })
		const { threadId } = await createThread(mona, world.group.forumId, { kind: 'question', title: 'Which invoicing tool?', categoryId: category.id, tags: [], body: 'Looking for one.' } as NewThreadInput, live(), 'unpaced')
		const { postId } = await createReply(viewer(sam), threadId, { body: 'The one we use.' }, live(), 'unpaced')
		await acceptAnswer(mona, postId, live())
		await setPostHidden(mona, postId, true, live())
		const member = await actorFor(world, 'member')
		const list = dataOf<{ list: { threads: Array<{ id: string; answered: boolean }> } }>(await call(groupForumLoader, `/g/${world.group.slug}/forum`, { slug: world.group.slug }, member))
		expect(list.list.threads.find((t) => t.id === threadId)).toMatchObject({ answered: true })
	})

	// Known, and kept: the category chips of a forum's list count its hidden threads, for members too
	// (the kept Category.threadCount); the list's own total leaves them out.
	test('category counts include hidden threads; a member’s list total does not', async () => {
		const countIn = async (forumId: string) => ({
			all: await db.thread.count({ where: { forumId, category: { slug: 'lessons' } } }),
			shown: await db.thread.count({ where: { forumId, category: { slug: 'lessons' }, hiddenAt: null } }),
		})
		const group = await countIn(world.group.forumId)
		const community = await countIn(COMMUNITY_FORUM_ID)
		expect(group.all).toBeGreaterThan(group.shown)
		expect(community.all).toBeGreaterThan(community.shown)

		type List = { total: number; categories: Array<{ slug: string; threadCount: number }> }
		const lessonsChip = (list: List) => list.categories.find((c) => c.slug === 'lessons')?.threadCount
		const member = await actorFor(world, 'member')
		const groupList = dataOf<{ list: List }>(await call(groupForumLoader, `/g/${world.group.slug}/forum?category=lessons`, { slug: world.group.slug }, member)).list
		expect({ chip: lessonsChip(groupList), total: groupList.total }).toEqual({ chip: group.all, total: group.shown })
		const otherMember = await actorFor(world, 'otherMember')
		const communityList = dataOf<{ list: List }>(await call(communityLoader, '/community?category=lessons', {}, otherMember)).list
		expect({ chip: lessonsChip(communityList), total: communityList.total }).toEqual({ chip: community.all, total: community.shown })
	})
})

describe('summary', () => {
	test('every cell was checked', () => {
		console.log(`doors: ${DOORS.length} doors × ${ROLES.length} roles × ${SUBJECTS.length} subjects = ${cellsChecked} cells`)
		expect(cellsChecked).toBe(DOORS.length * ROLES.length * SUBJECTS.length)
	})
})
