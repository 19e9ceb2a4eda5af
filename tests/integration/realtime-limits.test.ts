// Limits of the live connection, per user (not per socket): how many sockets one member may hold
// open, and how many events all of them together may send. Real clients against a real server.
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '#server/index.ts'
import { FLOOD_LIMIT } from '#server/realtime/flood-limit.ts'
import { MAX_SOCKETS_PER_USER } from '#server/realtime/socket-cap.ts'
import { createUser, sessionCookieFor } from '#tests/helpers.ts'
import {
	connected,
	connectSocket,
	refusal,
	SERVER_START_TIMEOUT,
	startTestServer,
} from '#tests/running-server.ts'

type Ack = { ok: boolean; error?: string }

let server: RunningServer
const sockets: Socket[] = []

beforeAll(async () => {
	server = await startTestServer()
}, SERVER_START_TIMEOUT)

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.disconnect()
	// Let the server see them go before the next test counts sockets.
	await waitFor(() => server.realtime.io.sockets.sockets.size === 0)
})

afterAll(async () => {
	await server?.close()
})

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
	const started = Date.now()
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out waiting')
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

function open(cookie: string): Socket {
	const socket = connectSocket(server.url, { cookie })
	sockets.push(socket)
	return socket
}

function serverSocketsOf(userId: string): number {
	return [...server.realtime.io.sockets.sockets.values()].filter(
		(socket) => (socket.data as { user?: { id: string } }).user?.id === userId,
	).length
}

describe('sockets per user', () => {
	test(`a member may hold ${MAX_SOCKETS_PER_USER} sockets at once, across sessions; one more is refused with a clear error`, async () => {
		const user = await createUser()
		// Tabs on two devices: two sessions, one person.
		const [laptop, phone] = [await sessionCookieFor(user.id), await sessionCookieFor(user.id)]
		await Promise.all(
			Array.from({ length: MAX_SOCKETS_PER_USER }, (_, n) => connected(open(n % 2 ? laptop : phone))),
		)
		const error = await refusal(open(phone))
		expect(error.message).toBe('too_many_connections')
		expect((error as Error & { data?: { message?: string } }).data?.message).toMatch(
			/Too many open PeerPower tabs or windows/,
		)
		expect(serverSocketsOf(user.id)).toBe(MAX_SOCKETS_PER_USER)
	})

	test('a burst of handshakes cannot slip past the cap', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const outcomes = await Promise.allSettled(
			Array.from({ length: MAX_SOCKETS_PER_USER * 3 }, () => connected(open(cookie))),
		)
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(
			MAX_SOCKETS_PER_USER,
		)
		expect(serverSocketsOf(user.id)).toBe(MAX_SOCKETS_PER_USER)
	})

	test('closing a tab frees its place, and refused handshakes take none', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const open_ = await Promise.all(
			Array.from({ length: MAX_SOCKETS_PER_USER }, () => connected(open(cookie))),
		)
		await refusal(open(cookie))
		await refusal(open(cookie))
		open_[0]!.disconnect()
		await waitFor(() => serverSocketsOf(user.id) === MAX_SOCKETS_PER_USER - 1)
		await connected(open(cookie))
		await refusal(open(cookie))
	})

	test('one member at the cap does not keep another from connecting', async () => {
		const [greedy, other] = [await createUser(), await createUser()]
		const cookie = await sessionCookieFor(greedy.id)
		await Promise.all(Array.from({ length: MAX_SOCKETS_PER_USER }, () => connected(open(cookie))))
		await refusal(open(cookie))
		expect((await connected(open(await sessionCookieFor(other.id)))).connected).toBe(true)
	})
})

describe('events per user', () => {
	/** Sends `count` events spread over the sockets; answers how many were served and refused. */
	async function flood(from: Socket[], count: number) {
		const answers = await Promise.all(
			Array.from(
				{ length: count },
				(_, n) =>
					from[n % from.length]!.timeout(10_000).emitWithAck('presence:join', null) as Promise<Ack>,
			),
		)
		return {
			served: answers.filter((answer) => answer.error === 'not_found').length,
			refused: answers.filter((answer) => answer.error === 'rate_limited').length,
		}
	}

	test('several sockets of one member share one allowance', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const tabs = await Promise.all(Array.from({ length: 5 }, () => connected(open(cookie))))
		const { served, refused } = await flood(tabs, FLOOD_LIMIT.points * 2)
		expect(served).toBe(FLOOD_LIMIT.points)
		expect(refused).toBe(FLOOD_LIMIT.points)
	})

	test('a member who floods does not use up another member’s allowance', async () => {
		const [noisy, quiet] = [await createUser(), await createUser()]
		const noisyTabs = await Promise.all(
			Array.from({ length: 3 }, async () => connected(open(await sessionCookieFor(noisy.id)))),
		)
		await flood(noisyTabs, FLOOD_LIMIT.points + 10)
		const quietTab = await connected(open(await sessionCookieFor(quiet.id)))
		expect(await flood([quietTab], 10)).toEqual({ served: 10, refused: 0 })
	})
})
