// How opening a long thread scales, and how fast one live event reaches a full thread room.
//   1. A thread of 2,000 posts in a throwaway SQLite file (set up by direct inserts).
//   2. getThreadPage (and the whole thread route loader) for the first, middle and last page.
//   3. The HTML of one rendered page against the HTML of all 2,000 posts on one page.
//   4. One 'thread:post-created' broadcast to N socket.io clients in the thread's room, from the
//      emit until the last client has it. Server and clients share this process on 127.0.0.1.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import {
	createStaticHandler,
	createStaticRouter,
	StaticRouterProvider,
	useLoaderData,
} from 'react-router'
import { io as connect, type Socket } from 'socket.io-client'
import {
	kib,
	measure,
	printTable,
	stats,
	throwawaySqlite,
	writeResults,
	type Stats,
} from './lib.ts'

const POSTS = 2_000
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1_000)
const BROADCASTS = 30
const STEP_TIMEOUT_MS = 60_000

// The database must be chosen before the app's modules open it (they do so on first use).
const database = throwawaySqlite()
process.env.DATABASE_URL = database.url

const { migrateDatabase } = await import('#server/db/migrate.ts')
const { db, prepareDb, disconnectDb } = await import('#app/utils/db.server.ts')
const { createGroup } = await import('#app/modules/groups/groups.server.ts')
const { forumAccess } = await import('#app/modules/forums/access.server.ts')
const { renderMarkdown } = await import('#app/modules/markdown/renderer.server.ts')
const { getThreadPage } = await import('#app/modules/forums/threads.server.ts')
const { postViewSelect, toPostView } = await import('#app/modules/forums/views.ts')
const { FORUM_EVENTS } = await import('#app/modules/forums/events.ts')
const { createSession, sessionCookieHeader } = await import('#app/modules/auth/sessions.server.ts')
const { rooms } = await import('#app/utils/realtime.ts')
const { attachRealtime } = await import('#server/realtime/index.ts')
const { MAX_SOCKETS_PER_USER } = await import('#server/realtime/socket-cap.ts')
const { loader: threadLoader } = await import('#app/routes/threads/thread.tsx')
const { ThreadView } = await import('#app/components/forum/thread-view.tsx')

function within<T>(promise: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
	let timer: NodeJS.Timeout | undefined
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)
	})
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** A post body like the forum's: a few paragraphs, a list, emphasis, a link, now and then code. */
function postBody(n: number): string {
	const parts = [
		`Reply ${n}: we looked at **cash flow** again this quarter and the numbers are clearer now.`,
		'What worked for us:\n\n- invoicing in milestones\n- a credit line we never touched\n- weekly review of receivables',
		`The vendor program details are [on the partner portal](https://partner.example.com/programs/${n}).`,
	]
	if (n % 5 === 0) parts.push('```\nMDF claim: 12,500 EUR, approved after 21 days\n```')
	if (n % 3 === 0)
		parts.push('> Quoting the last meeting: *do not let one client be 40% of revenue*.')
	return parts.join('\n\n')
}

async function setUp() {
	await migrateDatabase(database.url)
	await prepareDb()
	const people = await Promise.all(
		Array.from({ length: 12 }, (_, i) =>
			db.user.create({
				data: {
					name: `Member ${i + 1}`,
					handle: `member.${i + 1}`,
					email: `member${i + 1}@bench.example`,
					company: `Company ${i + 1}`,
					passwordHash: 'unused',
				},
			}),
		),
	)
	const reader = people[0]!
	const group = await createGroup({
		name: 'Bench group',
		description: '',
		creatorId: people[1]!.id,
	})
	await db.membership.createMany({
		data: people
			.filter((p) => p.id !== people[1]!.id)
			.map((p) => ({ userId: p.id, groupId: group.id, role: 'member' })),
	})
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		select: { id: true, categories: { select: { id: true }, take: 1 } },
	})
	const thread = await db.thread.create({
		data: {
			forumId: forum.id,
			categoryId: forum.categories[0]!.id,
			authorId: people[1]!.id,
			title: 'A thread of two thousand posts',
			lastPostNumber: POSTS,
			replyCount: POSTS - 1,
		},
		select: { id: true, forumId: true },
	})
	const started = performance.now()
	for (let from = 1; from <= POSTS; from += 250) {
		const numbers = Array.from({ length: Math.min(250, POSTS - from + 1) }, (_, i) => from + i)
		const rendered = await Promise.all(numbers.map((number) => renderMarkdown(postBody(number))))
		await db.post.createMany({
			data: numbers.map((number, i) => ({
				threadId: thread.id,
				number,
				authorId: people[number % people.length]!.id,
				body: postBody(number),
				bodyHtml: rendered[i]!.html,
				bodyText: rendered[i]!.text,
				helpfulCount: number % 7,
			})),
		})
	}
	// The reader has read half of it, found some posts helpful and bookmarked a few.
	await db.threadUserState.create({
		data: {
			userId: reader.id,
			threadId: thread.id,
			lastReadPostNumber: POSTS / 2,
			level: 'watching',
		},
	})
	const someIds = await db.post.findMany({
		where: {
			threadId: thread.id,
			number: { in: Array.from({ length: 100 }, (_, i) => i * 20 + 1) },
		},
		select: { id: true },
	})
	await db.reaction.createMany({ data: someIds.map((p) => ({ postId: p.id, userId: reader.id })) })
	await db.bookmark.createMany({
		data: someIds.slice(0, 20).map((p) => ({ postId: p.id, userId: reader.id })),
	})
	const { token } = await createSession(reader.id, { userAgent: 'bench', ipAddress: '127.0.0.1' })
	const cookie = sessionCookieHeader(token).split(';')[0]!
	console.log(`set up ${POSTS} posts in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	return { reader, thread, cookie, groupId: group.id }
}

const { reader, thread, cookie, groupId } = await setUp()
const access = await forumAccess(reader, thread.forumId)
const lastPage = Math.ceil(POSTS / 20)
const pages = { first: 1, middle: Math.ceil(lastPage / 2), last: lastPage }

// 2. Opening a page.
const pageTimes: Record<string, { page: number; getThreadPage: Stats; routeLoader: Stats }> = {}
for (const [name, page] of Object.entries(pages)) {
	const request = () =>
		new Request(`http://localhost/t/${thread.id}?page=${page}`, { headers: { cookie } })
	pageTimes[name] = {
		page,
		getThreadPage: await measure(() => getThreadPage(reader.id, access, thread.id, page)),
		routeLoader: await measure(
			() =>
				threadLoader({
					request: request(),
					params: { threadId: thread.id },
					context: {},
				} as never) as Promise<unknown>,
		),
	}
}

// 3. The HTML of a page, rendered the way the server renders the route (markup only; the loader
//    data that hydrates it is counted separately).
type PageData = Awaited<ReturnType<typeof threadLoader>>
async function renderThread(pageData: PageData): Promise<string> {
	function Page() {
		return createElement(ThreadView, { data: useLoaderData() as never, actionData: null })
	}
	const routes = [{ id: 'thread', path: '/t/:threadId', loader: () => pageData, Component: Page }]
	const handler = createStaticHandler(routes)
	const context = await handler.query(new Request(`http://localhost/t/${thread.id}`))
	if (context instanceof Response) throw new Error(`render answered ${context.status}`)
	return renderToString(
		createElement(StaticRouterProvider, {
			router: createStaticRouter(handler.dataRoutes, context),
			context,
			hydrate: false,
		}),
	)
}
const pageData = (await threadLoader({
	request: new Request(`http://localhost/t/${thread.id}?page=${pages.middle}`, {
		headers: { cookie },
	}),
	params: { threadId: thread.id },
	context: {},
} as never)) as PageData
const allRows = await db.post.findMany({
	where: { threadId: thread.id },
	orderBy: { number: 'asc' },
	select: postViewSelect,
})
const allData = {
	...pageData,
	page: 1,
	pageCount: 1,
	posts: allRows.map((row) => ({ ...toPostView(row), foundHelpful: false, bookmarked: false })),
} as PageData
const sizes: Record<
	string,
	{
		posts: number
		htmlBytes: number
		htmlGzipBytes: number
		dataBytes: number
		dataGzipBytes: number
		renderMs: Stats
	}
> = {}
for (const [name, data] of [
	['one page', pageData],
	['all posts', allData],
] as const) {
	const html = await renderThread(data)
	const json = JSON.stringify(data)
	sizes[name] = {
		posts: (data as { posts: unknown[] }).posts.length,
		htmlBytes: Buffer.byteLength(html),
		htmlGzipBytes: gzipSync(html).length,
		dataBytes: Buffer.byteLength(json),
		dataGzipBytes: gzipSync(json).length,
		renderMs: await measure(() => renderThread(data), {
			runs: name === 'one page' ? 30 : 5,
			warmup: 1,
		}),
	}
}

// 4. One broadcast to a full thread room.
const httpServer = createServer()
const realtime = await attachRealtime(httpServer, {})
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
const room = rooms.thread(thread.id)
const clients: Socket[] = []
let readersEvents = 0
const round = { remaining: 0, first: 0, last: 0, done: (_t: number) => {} }

// The room's readers are members with a few tabs each: one user may hold at most
// MAX_SOCKETS_PER_USER sockets, and their events share one flood allowance.
const listenerCookies: string[] = []
for (let n = 0; n < Math.ceil(CLIENTS / MAX_SOCKETS_PER_USER); n++) {
	const listener = await db.user.create({
		data: {
			name: `Listener ${n + 1}`,
			handle: `listener.${n + 1}`,
			email: `listener${n + 1}@bench.example`,
			company: 'Bench',
			passwordHash: 'unused',
			memberships: { create: { groupId, role: 'member' } },
		},
	})
	const { token } = await createSession(listener.id, { userAgent: 'bench', ipAddress: '127.0.0.1' })
	listenerCookies.push(sessionCookieHeader(token).split(';')[0]!)
}

const connectStarted = performance.now()
for (let i = 0; i < CLIENTS; i += 100) {
	const batch = Array.from({ length: Math.min(100, CLIENTS - i) }, (_, j) => {
		const socket = connect(url, {
			transports: ['websocket'],
			extraHeaders: { cookie: listenerCookies[Math.floor((i + j) / MAX_SOCKETS_PER_USER)]! },
			reconnection: false,
			forceNew: true,
		})
		clients.push(socket)
		socket.on(FORUM_EVENTS.readers, () => readersEvents++)
		socket.on(FORUM_EVENTS.postCreated, () => {
			const now = performance.now()
			if (round.first === 0) round.first = now
			if (--round.remaining === 0) round.done(now)
		})
		return new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve())
			socket.once('connect_error', reject)
		})
	})
	await within(Promise.all(batch), 'connecting clients')
}
const connectMs = performance.now() - connectStarted

// Every client joins through the same guarded 'thread:join' a browser tab uses.
const joinStarted = performance.now()
for (let i = 0; i < CLIENTS; i += 50) {
	const acks = clients
		.slice(i, i + 50)
		.map(
			(socket) =>
				socket
					.timeout(STEP_TIMEOUT_MS)
					.emitWithAck('thread:join', { threadId: thread.id }) as Promise<{ ok: boolean }>,
		)
	const answers = await within(Promise.all(acks), 'joining the thread room')
	if (answers.some((answer) => !answer.ok)) throw new Error('a client was refused the thread room')
}
// A round trip on every socket: the readers updates sent before it have arrived.
await within(
	Promise.all(
		clients.map((socket) =>
			socket.timeout(STEP_TIMEOUT_MS).emitWithAck('forum:join', { forumId: 'none' }),
		),
	),
	'settling',
)
const joinMs = performance.now() - joinStarted
const inRoom = (await realtime.io.in(room).fetchSockets()).length
if (inRoom !== CLIENTS) throw new Error(`${inRoom} of ${CLIENTS} clients are in the room`)

const newest = await db.post.findUniqueOrThrow({
	where: { threadId_number: { threadId: thread.id, number: POSTS } },
	select: postViewSelect,
})
const payload = { threadId: thread.id, post: toPostView(newest), lastPostNumber: POSTS }
const lastArrival: number[] = []
const firstArrival: number[] = []
for (let i = 0; i < BROADCASTS + 3; i++) {
	round.remaining = CLIENTS
	round.first = 0
	const arrived = new Promise<number>((resolve) => (round.done = resolve))
	const emitted = performance.now()
	realtime.publisher.toRoom(room, FORUM_EVENTS.postCreated, payload)
	const last = await within(arrived, 'a broadcast reaching every client')
	// The first rounds warm up the encoder and the sockets.
	if (i >= 3) {
		lastArrival.push(last - emitted)
		firstArrival.push(round.first - emitted)
	}
}
const broadcast = {
	clients: CLIENTS,
	payloadBytes: Buffer.byteLength(JSON.stringify(payload)),
	connectAllMs: Math.round(connectMs),
	joinAllMs: Math.round(joinMs),
	readersEventsDuringJoins: readersEvents,
	untilFirstClient: stats(firstArrival),
	untilLastClient: stats(lastArrival),
}

for (const socket of clients) socket.disconnect()
await realtime.close()
await new Promise<void>((resolve) => httpServer.close(() => resolve()))
await disconnectDb()
const { closeMarkdownPool } = await import('#app/modules/markdown/renderer.server.ts')
await closeMarkdownPool()
await database.dispose()

// Report.
const ms = (value: number) => value.toFixed(2)
console.log(
	`\nOpening a page of a ${POSTS.toLocaleString('en-US')}-post thread (SQLite, 30 runs after 5 warm-ups)`,
)
printTable(
	['page', 'getThreadPage median', 'p95', 'route loader median', 'p95'],
	Object.entries(pageTimes).map(([name, t]) => [
		`${name} (${t.page})`,
		`${ms(t.getThreadPage.medianMs)} ms`,
		`${ms(t.getThreadPage.p95Ms)} ms`,
		`${ms(t.routeLoader.medianMs)} ms`,
		`${ms(t.routeLoader.p95Ms)} ms`,
	]),
)
console.log('\nThe thread page rendered (markup; loader data counted apart)')
printTable(
	['rendered', 'posts', 'HTML', 'gzip', 'loader data', 'gzip', 'render median'],
	Object.entries(sizes).map(([name, s]) => [
		name,
		s.posts,
		kib(s.htmlBytes),
		kib(s.htmlGzipBytes),
		kib(s.dataBytes),
		kib(s.dataGzipBytes),
		`${ms(s.renderMs.medianMs)} ms`,
	]),
)
const ratio = sizes['all posts']!.htmlBytes / sizes['one page']!.htmlBytes
console.log(`all posts on one page would be ${ratio.toFixed(0)}× the HTML of a page of 20`)
console.log(
	`\nOne thread:post-created (${broadcast.payloadBytes} bytes) to ${CLIENTS} clients in the room (${BROADCASTS} broadcasts)`,
)
printTable(
	['until', 'median', 'p95', 'max'],
	[
		[
			'first client has it',
			`${ms(broadcast.untilFirstClient.medianMs)} ms`,
			`${ms(broadcast.untilFirstClient.p95Ms)} ms`,
			`${ms(broadcast.untilFirstClient.maxMs)} ms`,
		],
		[
			'last client has it',
			`${ms(broadcast.untilLastClient.medianMs)} ms`,
			`${ms(broadcast.untilLastClient.p95Ms)} ms`,
			`${ms(broadcast.untilLastClient.maxMs)} ms`,
		],
	],
)
console.log(
	`connecting ${CLIENTS} clients: ${broadcast.connectAllMs} ms; joining them one by one through thread:join: ${broadcast.joinAllMs} ms (${readersEvents.toLocaleString('en-US')} thread:readers updates delivered)`,
)

const file = await writeResults('thread-open', {
	posts: POSTS,
	pages: pageTimes,
	html: sizes,
	broadcast,
})
console.log(`\nwritten to ${file}`)
process.exit(0)
