// Suspending accounts: the admin's list of accounts, suspending and lifting, what a suspended
// member meets (no session, no log-in, no socket), and who may do any of it.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { formatSuspensionDay } from '#app/modules/moderation/suspension-schemas.ts'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as userAction, loader as userLoader } from '#app/routes/admin/user.tsx'
import { loader as usersLoader } from '#app/routes/admin/users.tsx'
import { action as moveAction, loader as moveLoader } from '#app/routes/threads/move.tsx'
import { action as threadAction } from '#app/routes/threads/thread.tsx'
import { loader as notificationsLoader } from '#app/routes/notifications.tsx'
import { db } from '#app/utils/db.server.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import {
	createTestContext,
	createUser,
	dataOf,
	makeRequest,
	runRoute,
	sessionCookieFor,
	settle,
	statusOf,
	TEST_PASSWORD,
} from '#tests/helpers.ts'
import { connected, connectSocket, refusal } from '#tests/running-server.ts'
import { actorFor, addThread, buildWorld, type Actor, type World } from '#tests/world.ts'

let world: World
let admin: Actor

beforeAll(async () => {
	world = await buildWorld()
	admin = (await actorFor(world, 'admin'))!
})

// Each log-in from its own address, so the per-address limit never decides a test here.
let address = 0
function login(email: string, password: string) {
	address += 1
	const context = createTestContext({
		clientIp: `10.9.${Math.floor(address / 250)}.${(address % 250) + 1}`,
	})
	return settle(
		runRoute(loginAction, {
			request: makeRequest('/login', { form: { email, password } }),
			params: {},
			context,
		}),
	)
}

const formErrorsOf = (result: unknown) =>
	dataOf<{ result: { error?: Record<string, string[] | null> } }>(result).result.error?.[''] ?? []

function usersPage(cookie: string, query = '') {
	return settle(
		runRoute(usersLoader, { request: makeRequest(`/admin/users${query}`, { cookie }), params: {} }),
	)
}

function adminUser(
	cookie: string,
	userId: string,
	form: Record<string, string>,
	context = createTestContext(),
) {
	return settle(
		runRoute(userAction, {
			request: makeRequest(`/admin/users/${userId}`, { cookie, form }),
			params: { userId },
			context,
		}),
	)
}

const DAY = 24 * 60 * 60 * 1000
const dayIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

/** Whether a cookie still opens a page for its owner (not sent to the log-in page). */
async function signedIn(cookie: string): Promise<boolean> {
	const result = await settle(
		runRoute(notificationsLoader, {
			request: makeRequest('/notifications', { cookie }),
			params: {},
		}),
	)
	return !(result instanceof Response && result.headers.get('location')?.startsWith('/login'))
}

describe('the list of accounts', () => {
	test('is searched by name, email or company in any case, 50 a page, with groups, admin flag and suspension', async () => {
		const stamp = Date.now().toString(36)
		await db.user.createMany({
			data: Array.from({ length: 60 }, (_, i) => ({
				name: `Paged ${String(i).padStart(3, '0')}`,
				handle: `paged.${stamp}.${i}`,
				email: `paged${i}.${stamp}@example.com`,
				company: `Pagination ${stamp} Co`,
				passwordHash: 'x',
			})),
		})
		const first = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, `?q=PAGINATION%20${stamp}`),
		)
		expect(first.total).toBe(60)
		expect(first.users).toHaveLength(50)
		expect(first.pageCount).toBe(2)
		const second = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, `?q=pagination%20${stamp}&page=2`),
		)
		expect(second.users).toHaveLength(10)
		expect(new Set([...first.users, ...second.users].map((u) => u.id)).size).toBe(60)

		const byEmail = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, `?q=paged7.${stamp}@`),
		)
		expect(byEmail.users.map((u) => u.name)).toEqual(['Paged 007'])

		const byName = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, '?q=mona%20MODERATOR'),
		)
		expect(byName.users).toHaveLength(1)
		expect(byName.users[0]).toMatchObject({
			isSiteAdmin: false,
			suspended: false,
			groups: [{ name: 'Group A', role: 'moderator' }],
		})

		const ada = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, '?q=ada%20admin'),
		)
		expect(ada.users[0]).toMatchObject({ isSiteAdmin: true, groups: [] })

		// A wildcard typed in the box is a character to find, not "anything".
		const wildcard = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, '?q=%25'),
		)
		expect(wildcard.total).toBe(0)
	})

	test('shows who is suspended, and until when', async () => {
		const member = await createUser({ name: 'Listed Suspended' })
		await db.suspension.create({
			data: {
				userId: member.id,
				reason: 'Spam.',
				endsAt: new Date(Date.UTC(2031, 0, 5)),
				suspendedById: admin.id,
			},
		})
		const page = dataOf<Awaited<ReturnType<typeof usersLoader>>>(
			await usersPage(admin.cookie, '?q=listed%20suspended'),
		)
		expect(page.users[0]).toMatchObject({ suspended: true, suspendedUntil: '5 Jan 2031' })
	})
})

describe('suspending an account', () => {
	test('ends every session, refuses the log-in with the reason and end date (only after the right password), and is recorded', async () => {
		const member = await createUser({ name: 'Suspended Sam' })
		const cookies = [await sessionCookieFor(member.id), await sessionCookieFor(member.id)]
		expect(await signedIn(cookies[0]!)).toBe(true)

		const until = dayIn(30)
		const result = await adminUser(admin.cookie, member.id, {
			intent: 'suspend',
			reason: 'Shared the group’s numbers outside it.',
			until,
		})
		expect(statusOf(result)).toBe(302)
		expect(await db.session.count({ where: { userId: member.id } })).toBe(0)
		for (const cookie of cookies) expect(await signedIn(cookie)).toBe(false)

		const refused = await login(member.email, TEST_PASSWORD)
		expect(statusOf(refused)).toBe(403)
		const day = formatSuspensionDay(new Date(`${until}T00:00:00Z`))
		expect(formErrorsOf(refused)).toEqual([
			`Your account is suspended until ${day}: Shared the group’s numbers outside it.`,
		])
		expect(day).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/)
		expect(await db.session.count({ where: { userId: member.id } })).toBe(0)

		// A wrong password learns nothing of the suspension.
		const wrong = await login(member.email, 'not the password at all')
		expect(statusOf(wrong)).toBe(400)
		expect(formErrorsOf(wrong).join(' ')).not.toMatch(/suspend/i)

		const audit = await db.auditEntry.findFirstOrThrow({
			where: { action: 'user.suspend', targetId: member.id },
		})
		expect(audit).toMatchObject({
			groupId: null,
			actorId: admin.id,
			reason: 'Shared the group’s numbers outside it.',
		})
		expect(JSON.parse(audit.detail)).toMatchObject({ sessionsEnded: 2 })
	})

	test('without an end date, the message says so plainly', async () => {
		const member = await createUser()
		await adminUser(admin.cookie, member.id, { intent: 'suspend', reason: 'Abusive messages.' })
		expect(formErrorsOf(await login(member.email, TEST_PASSWORD))).toEqual([
			'Your account is suspended: Abusive messages.',
		])
	})

	test('a suspension whose end date has passed lets the member in', async () => {
		const member = await createUser()
		await db.suspension.create({
			data: {
				userId: member.id,
				reason: 'Cooling off.',
				endsAt: new Date(Date.now() - 60_000),
				suspendedById: admin.id,
			},
		})
		const result = await login(member.email, TEST_PASSWORD)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('set-cookie')).toMatch(/pp_session=/)
	})

	test('lifting it lets the member log in again, and is recorded', async () => {
		const member = await createUser()
		await adminUser(admin.cookie, member.id, { intent: 'suspend', reason: 'Spam.' })
		expect(statusOf(await login(member.email, TEST_PASSWORD))).toBe(403)
		const lifted = await adminUser(admin.cookie, member.id, { intent: 'lift' })
		expect(statusOf(lifted)).toBe(302)
		expect(statusOf(await login(member.email, TEST_PASSWORD))).toBe(302)
		expect(
			await db.auditEntry.count({
				where: { action: 'user.unsuspend', targetId: member.id, groupId: null },
			}),
		).toBe(1)
		const history = await db.suspension.findMany({ where: { userId: member.id } })
		expect(history).toHaveLength(1)
		expect(history[0]!.liftedAt).not.toBeNull()
		// The admin's page keeps the history.
		const page = dataOf<Awaited<ReturnType<typeof userLoader>>>(
			await settle(
				runRoute(userLoader, {
					request: makeRequest(`/admin/users/${member.id}`, { cookie: admin.cookie }),
					params: { userId: member.id },
				}),
			),
		)
		expect(page.user.active).toBeNull()
		expect(page.user.history.map((s) => s.state)).toEqual(['lifted'])
	})

	test('a session that survived a suspension is refused at its next request', async () => {
		const member = await createUser()
		const cookie = await sessionCookieFor(member.id)
		await db.suspension.create({
			data: { userId: member.id, reason: 'Spam.', suspendedById: admin.id },
		})
		expect(await signedIn(cookie)).toBe(false)
		expect(await db.session.count({ where: { userId: member.id } })).toBe(0)
	})

	test('their content stays', async () => {
		const member = await createUser()
		await db.membership.create({ data: { userId: member.id, groupId: world.group.id } })
		const thread = await addThread(world.group.forumId, member.id, {
			title: 'Still here after a suspension',
		})
		await adminUser(admin.cookie, member.id, { intent: 'suspend', reason: 'Spam.' })
		expect(await db.thread.count({ where: { id: thread.id } })).toBe(1)
		expect(await db.post.count({ where: { threadId: thread.id, authorId: member.id } })).toBe(1)
	})

	test('refusals say why and change nothing', async () => {
		const member = await createUser()
		const otherAdmin = world.people.ada
		const cases: Array<[string, Record<string, string>, RegExp, number]> = [
			[admin.id, { intent: 'suspend', reason: 'Testing.' }, /cannot suspend your own account/, 400],
			[
				otherAdmin.id,
				{ intent: 'suspend', reason: 'Testing.' },
				/Site admins cannot be suspended/,
				400,
			],
			[member.id, { intent: 'suspend', reason: '   ' }, /Say why/, 400],
			[member.id, { intent: 'suspend', reason: 'x'.repeat(501) }, /at most 500 characters/, 400],
			[
				member.id,
				{ intent: 'suspend', reason: 'Spam.', until: dayIn(-1) },
				/must be in the future/,
				400,
			],
			[
				member.id,
				{ intent: 'suspend', reason: 'Spam.', until: new Date().toISOString().slice(0, 10) },
				/must be in the future/,
				400,
			],
			[
				member.id,
				{ intent: 'suspend', reason: 'Spam.', until: '2027-02-30' },
				/Enter the end date/,
				400,
			],
			[
				member.id,
				{ intent: 'suspend', reason: 'Spam.', until: dayIn(365 * 20) },
				/within the next 10 years/,
				400,
			],
		]
		for (const [userId, form, message, status] of cases) {
			const before = await databaseDigest()
			const result = await adminUser(admin.cookie, userId, form)
			expect(statusOf(result), JSON.stringify(form)).toBe(status)
			const reply = dataOf<{
				result?: { error?: Record<string, string[] | null> }
				error?: string
			}>(result)
			const messages = [reply.error ?? '', ...Object.values(reply.result?.error ?? {}).flat()].join(
				' ',
			)
			expect(messages, JSON.stringify(form)).toMatch(message)
			expect(changedTables(before, await databaseDigest())).toEqual([])
		}
		// Suspending twice: the second is refused, the first stands.
		await adminUser(admin.cookie, member.id, { intent: 'suspend', reason: 'Spam.' })
		const again = await adminUser(admin.cookie, member.id, {
			intent: 'suspend',
			reason: 'More spam.',
		})
		expect(statusOf(again)).toBe(409)
		expect(await db.suspension.count({ where: { userId: member.id } })).toBe(1)
		// A missing account.
		expect(
			statusOf(
				await adminUser(admin.cookie, 'no-such-user', { intent: 'suspend', reason: 'Spam.' }),
			),
		).toBe(404)
	})
})

describe('a suspended member’s live connections', () => {
	let httpServer: HttpServer
	let realtime: Realtime
	let url: string
	const sockets: Socket[] = []

	beforeAll(async () => {
		httpServer = createServer()
		realtime = await attachRealtime(httpServer)
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
		url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
	})

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect()
		await realtime?.close()
		await new Promise((resolve) => httpServer?.close(resolve))
	})

	function open(cookie: string) {
		const socket = connectSocket(url, { cookie })
		sockets.push(socket)
		return socket
	}

	test('are dropped within a second of the suspension, and cannot come back', async () => {
		const member = await createUser()
		const bystander = await createUser()
		const cookie = await sessionCookieFor(member.id)
		const tabs = [
			await connected(open(cookie)),
			await connected(open(await sessionCookieFor(member.id))),
		]
		const other = await connected(open(await sessionCookieFor(bystander.id)))
		const dropped = tabs.map(
			(socket) =>
				new Promise<number>((resolve) =>
					socket.once('disconnect', () => resolve(performance.now())),
				),
		)
		const started = performance.now()
		const result = await adminUser(
			admin.cookie,
			member.id,
			{ intent: 'suspend', reason: 'Spam.' },
			createTestContext({ realtime: realtime.publisher }),
		)
		expect(statusOf(result)).toBe(302)
		const times = await Promise.race([
			Promise.all(dropped),
			new Promise<never>((_, reject) =>
				setTimeout(() => reject(new Error('sockets still open after a second')), 1000),
			),
		])
		for (const time of times) expect(time - started).toBeLessThan(1000)
		expect(other.connected).toBe(true)
		const error = await refusal(open(cookie))
		expect(error.message).toBe('unauthorized')
	})
})

// Who may use the new pages and forms. A refused request changes nothing (the whole database is
// compared); a suspended member's surviving session is refused like no session at all.
describe('who may suspend, move and slow down', () => {
	const ROLES = [
		'anonymous',
		'member',
		'moderator',
		'otherModerator',
		'admin',
		'suspended',
	] as const
	type Role = (typeof ROLES)[number]
	type Outcome = 'ok' | 'login' | '400' | '403' | '404'

	async function actor(role: Role): Promise<Actor | null> {
		if (role === 'suspended') {
			const suspended = (await actorFor(world, 'member'))!
			await db.suspension.create({
				data: { userId: suspended.id, reason: 'Spam.', suspendedById: admin.id },
			})
			return suspended
		}
		return actorFor(world, role)
	}

	type Made = Record<string, string>
	type Row = {
		what: string
		/** What the request acts on, made before the database is fingerprinted. */
		setup?: () => Promise<Made>
		run: (actor: Actor | null, made: Made) => Promise<unknown>
		expect: Record<Role, Outcome>
	}
	const answers = (line: string): Record<Role, Outcome> => {
		const parts = line.trim().split(/\s+/) as Outcome[]
		return Object.fromEntries(ROLES.map((role, i) => [role, parts[i]!])) as Record<Role, Outcome>
	}
	const call = <F extends (args: never) => unknown>(
		fn: F,
		path: string,
		params: Record<string, string>,
		actor: Actor | null,
		form?: Record<string, string>,
	) =>
		settle(
			Promise.resolve(
				runRoute(fn, {
					request: makeRequest(path, { cookie: actor?.cookie, form }),
					params: params as never,
				}),
			),
		)

	const otherCategory = async (forumId: string) =>
		(
			await db.category.findMany({
				where: { forumId },
				orderBy: { position: 'asc' },
				select: { id: true },
			})
		)[1]!.id
	const threadAndCategory = (into: () => string) => async () => ({
		threadId: (await addThread(world.group.forumId, world.people.alice.id)).id,
		categoryId: await otherCategory(into()),
	})

	//                                                       anonymous member moderator otherModerator admin suspended
	const rows: Row[] = [
		{
			what: 'list accounts',
			run: (a) => call(usersLoader, '/admin/users', {}, a),
			expect: answers('login 404 404 404 ok login'),
		},
		{
			what: 'open an account',
			run: (a) =>
				call(userLoader, `/admin/users/${world.people.bob.id}`, { userId: world.people.bob.id }, a),
			expect: answers('login 404 404 404 ok login'),
		},
		{
			what: 'suspend a member',
			setup: async () => ({ userId: (await createUser()).id }),
			run: (a, { userId }) =>
				call(userAction, `/admin/users/${userId}`, { userId: userId! }, a, {
					intent: 'suspend',
					reason: 'Spam.',
				}),
			expect: answers('login 404 404 404 ok login'),
		},
		{
			what: 'lift a suspension',
			setup: async () => {
				const { id } = await createUser()
				await db.suspension.create({
					data: { userId: id, reason: 'Spam.', suspendedById: admin.id },
				})
				return { userId: id }
			},
			run: (a, { userId }) =>
				call(userAction, `/admin/users/${userId}`, { userId: userId! }, a, { intent: 'lift' }),
			expect: answers('login 404 404 404 ok login'),
		},
		{
			what: 'open the move page',
			run: (a) =>
				call(moveLoader, `/t/${world.groupThread.id}/move`, { threadId: world.groupThread.id }, a),
			expect: answers('login 404 ok 404 404 login'),
		},
		{
			what: 'move a thread within its forum',
			setup: threadAndCategory(() => world.group.forumId),
			run: (a, { threadId, categoryId }) =>
				call(moveAction, `/t/${threadId}/move`, { threadId: threadId! }, a, {
					categoryId: categoryId!,
				}),
			expect: answers('login 404 ok 404 404 login'),
		},
		{
			what: 'move a thread into a forum its mover does not run',
			setup: threadAndCategory(() => world.otherGroup.forumId),
			run: (a, { threadId, categoryId }) =>
				call(moveAction, `/t/${threadId}/move`, { threadId: threadId! }, a, {
					categoryId: categoryId!,
				}),
			expect: answers('login 404 403 404 404 login'),
		},
		{
			what: 'set slow mode',
			setup: async () => ({
				threadId: (await addThread(world.group.forumId, world.people.alice.id)).id,
			}),
			run: (a, { threadId }) =>
				call(threadAction, `/t/${threadId}`, { threadId: threadId! }, a, {
					intent: 'slow-mode',
					minutes: '15',
				}),
			expect: answers('login 403 ok 404 404 login'),
		},
	]

	function outcomeOf(result: unknown): Outcome | string {
		if (result instanceof Response) {
			const location = result.headers.get('location') ?? ''
			if (result.status === 302 && location.startsWith('/login')) return 'login'
			if (result.status >= 300 && result.status < 400) return 'ok'
			return String(result.status)
		}
		const status = statusOf(result)
		return status < 400 ? 'ok' : String(status)
	}

	for (const row of rows) {
		for (const role of ROLES) {
			test(`${row.what}, as ${role}: ${row.expect[role]}`, async () => {
				const who = await actor(role)
				const made = (await row.setup?.()) ?? {}
				const before = await databaseDigest()
				const result = await row.run(who, made)
				const changed = changedTables(before, await databaseDigest())
				expect(outcomeOf(result)).toBe(row.expect[role])
				if (row.expect[role] === 'ok') return
				if (role === 'suspended') {
					// The refusal ends the session that had survived; nothing else changes.
					expect(changed).toEqual(['Session'])
					expect(await db.session.count({ where: { userId: who!.id } })).toBe(0)
				} else {
					expect(changed).toEqual([])
				}
			})
		}
	}
})
