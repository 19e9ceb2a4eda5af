// The socket half of the authorisation matrix: every event the socket server listens to, for every
// room it can name, by every role, against SOCKET_CASES in tests/access-table.ts. The list of
// events is read from the server's own sockets, so a new event without a row fails here.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { FORUM_EVENTS, type TypingEvent } from '#app/modules/forums/events.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { SOCKET_CASES, type SocketCase, type SocketOutcome } from '#tests/access-table.ts'
import { connected, connectSocket, refusal } from '#tests/running-server.ts'
import { ROLES, actorFor, buildWorld, type Actor, type Role, type World } from '#tests/world.ts'

// Events every socket has, which are not requests from the client.
const LIFECYCLE = new Set(['disconnect', 'disconnecting', 'error'])

let httpServer: HttpServer
let realtime: Realtime
let url: string
let world: World
const sockets: Socket[] = []

beforeAll(async () => {
	world = await buildWorld()
	// The socket server alone (handshake, flood limit, every event family) on a free port: the
	// production build of the pages is not needed for it.
	httpServer = createServer()
	realtime = await attachRealtime(httpServer)
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.disconnect()
})

afterAll(async () => {
	await realtime?.close()
	await new Promise((resolve) => httpServer?.close(resolve))
})

function open(actor: Actor | null): Socket {
	const socket = connectSocket(url, actor ? { cookie: actor.cookie } : {})
	sockets.push(socket)
	return socket
}

type Ack = { ok: boolean; error?: string }
const ask = (socket: Socket, event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>
/** A round trip through the server: everything the socket sent before has been handled. */
const roundTrip = (socket: Socket) => ask(socket, 'forum:join', { forumId: 'no-such-forum' })

function joinOutcome(ack: Ack): SocketOutcome | string {
	if (ack.ok) return 'ok'
	return ack.error === 'not_found' ? '404' : `refused (${ack.error})`
}

async function runCell(row: SocketCase, role: Role): Promise<string> {
	const actor = await actorFor(world, role)
	const socket = open(actor)
	if (!actor) {
		const error = await refusal(socket)
		return error.message === 'unauthorized' ? 'refused' : `refused (${error.message})`
	}
	await connected(socket)
	const payload = row.payload(world)
	if (row.event.endsWith(':join')) return joinOutcome(await ask(socket, row.event, payload))
	if (row.event.endsWith(':leave')) {
		socket.emit(row.event, payload, () => undefined)
		await roundTrip(socket)
		return socket.connected ? 'harmless' : 'disconnected'
	}
	if (row.event === FORUM_EVENTS.typing) {
		// A moderator of group A reads the thread; the actor tries to join it, then types.
		const watcher = await connected(open(await actorFor(world, 'moderator')))
		expect(await ask(watcher, 'thread:join', payload)).toEqual({ ok: true })
		const received: TypingEvent[] = []
		watcher.on(FORUM_EVENTS.typing, (event: TypingEvent) => received.push(event))
		await ask(socket, 'thread:join', payload)
		socket.emit(FORUM_EVENTS.typing, payload)
		await roundTrip(socket)
		await roundTrip(watcher)
		return received.some((event) => event.userId === actor.id) ? 'relayed' : 'dropped'
	}
	throw new Error(`no way to check ${row.event}: teach runCell`)
}

let cellsChecked = 0

describe('every socket event is in the table', () => {
	test('the events a connected socket listens to are exactly those of SOCKET_CASES', async () => {
		const actor = await actorFor(world, 'member')
		const client = await connected(open(actor))
		const serverSocket = realtime.io.of('/').sockets.get(client.id!)
		expect(serverSocket, 'the server socket of the client').toBeDefined()
		const listened = serverSocket!
			.eventNames()
			.map(String)
			.filter((name) => !LIFECYCLE.has(name))
			.sort()
		const inTable = [...new Set(SOCKET_CASES.map((row) => row.event))].sort()
		expect(inTable, 'add the missing events to SOCKET_CASES in tests/access-table.ts').toEqual(listened)
	})
})

describe.each(SOCKET_CASES.map((row) => [`${row.event} · ${row.room}`, row] as const))('%s', (_name, row) => {
	test.each(ROLES.map((role) => [role]))('as %s', async (role) => {
		const actual = await runCell(row, role)
		cellsChecked += 1
		expect(actual, `${row.event} (${row.room}) as ${role}`).toBe(row.expect[role])
	})
})

describe('summary', () => {
	test('figures', () => {
		console.log(`socket matrix: ${new Set(SOCKET_CASES.map((row) => row.event)).size} events, ${SOCKET_CASES.length} cases × ${ROLES.length} roles = ${cellsChecked} cells checked`)
		expect(cellsChecked).toBe(SOCKET_CASES.length * ROLES.length)
	})
})
