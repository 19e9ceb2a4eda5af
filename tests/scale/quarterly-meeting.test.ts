// The live quarterly meeting with two PeerPower instances on one database, sharing live events
// through Redis: a moderator connected to one instance steps through the agenda, a member on the
// other follows; who has joined is counted across both instances.
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { QUARTERLY_EVENTS, type MeetingPresenceEvent, type MeetingStateEvent } from '#app/modules/quarterly/events.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { action as meetingAction, loader as meetingLoader } from '#app/routes/quarterly/meeting.tsx'
import { db } from '#app/utils/db.server.ts'
import type { RunningServer } from '#server/index.ts'
import { createGroupWith, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle } from '#tests/helpers.ts'
import { connected, connectSocket, nextEvent, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

let first: RunningServer
let second: RunningServer
const sockets: Socket[] = []

beforeAll(async () => {
	expect(process.env.DATABASE_URL).toMatch(/^postgres/)
	first = await startTestServer({ REDIS_URL })
	second = await startTestServer({ REDIS_URL })
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	for (const socket of sockets) socket.disconnect()
	await first?.close()
	await second?.close()
})

async function openAs(server: RunningServer, cookie: string): Promise<Socket> {
	const socket = connectSocket(server.url, { cookie })
	sockets.push(socket)
	return connected(socket)
}

describe('a meeting across two instances', () => {
	test('the moderator on one instance advances; a member on the other follows and sees who has joined', async () => {
		const mona = await createUser({ name: 'Mona Across' })
		const bob = await createUser({ name: 'Bob Beyond' })
		const group = await createGroupWith({ moderator: mona, members: [bob] })
		const cycle = await db.reviewCycle.create({
			data: { groupId: group.id, quarter: '2026-Q4', opensOn: new Date(Date.UTC(2026, 9, 1)), dueOn: new Date(Date.UTC(2026, 11, 31)), status: 'open', questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: mona.id },
			select: { id: true },
		})
		const agenda = []
		for (const [i, title] of ['Opening round', 'Bob asks about hiring', 'Wrap-up'].entries())
			agenda.push(await db.agendaItem.create({ data: { cycleId: cycle.id, position: i + 1, kind: 'custom', title }, select: { id: true } }))
		const monaCookie = await sessionCookieFor(mona.id)
		const bobCookie = await sessionCookieFor(bob.id)
		const path = `/g/${group.slug}/reviews/${cycle.id}/meeting`
		const post = (form: Record<string, string>) =>
			settle(
				runRoute(meetingAction, {
					request: makeRequest(path, { cookie: monaCookie, form }),
					params: { slug: group.slug, cycleId: cycle.id },
					context: { clientIp: '127.0.0.1', realtime: first.realtime.publisher },
				}),
			)
		await post({ intent: 'start' })
		const meeting = await db.meeting.findUniqueOrThrow({ where: { cycleId: cycle.id } })

		const monaSocket = await openAs(first, monaCookie)
		const bobSocket = await openAs(second, bobCookie)
		expect(await monaSocket.timeout(10_000).emitWithAck('meeting:join', { meetingId: meeting.id })).toMatchObject({ ok: true })
		const monaSeesBob = nextEvent<MeetingPresenceEvent>(monaSocket, QUARTERLY_EVENTS.meetingPresence, (e) => e.members.some((m) => m.id === bob.id))
		const joined = (await bobSocket.timeout(10_000).emitWithAck('meeting:join', { meetingId: meeting.id })) as { ok: boolean; online: { userId: string }[] }
		expect(joined.online.map((m) => m.userId).sort()).toEqual([mona.id, bob.id].sort())
		await monaSeesBob

		const follows = nextEvent<MeetingStateEvent>(bobSocket, QUARTERLY_EVENTS.meetingState, (e) => e.meetingId === meeting.id)
		await post({ intent: 'move', to: 'next', version: String(meeting.version) })
		const state = await follows
		expect(state).toMatchObject({ currentItemId: agenda[1]!.id, version: meeting.version + 1, status: 'live' })
		// What Bob's page reloads (on the other instance's database connection) agrees with the event.
		const data = dataOf<{ meeting: { currentItemId: string | null; itemStartedAt: string | null } | null }>(
			await settle(runRoute(meetingLoader, { request: makeRequest(path, { cookie: bobCookie }), params: { slug: group.slug, cycleId: cycle.id } })),
		)
		expect(data.meeting).toMatchObject({ currentItemId: state.currentItemId, itemStartedAt: state.itemStartedAt })

		const monaSeesBobLeave = nextEvent<MeetingPresenceEvent>(monaSocket, QUARTERLY_EVENTS.meetingPresence, (e) => !e.members.some((m) => m.id === bob.id))
		bobSocket.disconnect()
		expect((await monaSeesBobLeave).members.map((m) => m.id)).toEqual([mona.id])
	})
})
