// Helpers for integration tests: real users and sessions in the test file's database, real
// Requests handed to route loaders and actions.
import { Server } from 'socket.io'
import type { AppLoadContext } from 'react-router'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { createSession, sessionCookieHeader } from '#app/modules/auth/sessions.server.ts'
import { createGroup } from '#app/modules/groups/groups.server.ts'
import { uniqueHandle } from '#app/modules/users/handles.server.ts'
import { db } from '#app/utils/db.server.ts'
import { configure, getEnv, type Env } from '#app/utils/env.server.ts'
import { createPublisher } from '#server/realtime/publisher.ts'

export const ORIGIN = 'http://localhost:3000'
let counter = 0

// Hashing is the slow part of creating users; tests share one hash of this password.
export const TEST_PASSWORD = 'correct horse battery'
let passwordHash: Promise<string> | undefined

export async function createUser(overrides: { name?: string; email?: string; company?: string; isSiteAdmin?: boolean } = {}) {
	counter += 1
	const number = counter
	passwordHash ??= hashPassword(TEST_PASSWORD)
	const name = overrides.name ?? `Member ${number}`
	return db.user.create({
		data: {
			name,
			handle: await uniqueHandle(name),
			email: overrides.email ?? `member${number}-${Date.now()}@example.com`,
			company: overrides.company ?? `Company ${number}`,
			isSiteAdmin: overrides.isSiteAdmin ?? false,
			passwordHash: await passwordHash,
		},
	})
}

/** A cookie header for a new session of the user, as the browser would send it. */
export async function sessionCookieFor(userId: string): Promise<string> {
	const { token } = await createSession(userId, { userAgent: 'vitest', ipAddress: '127.0.0.1' })
	return sessionCookieHeader(token).split(';')[0]!
}

export async function createGroupWith(options: { moderator: { id: string }; members?: Array<{ id: string }>; name?: string }) {
	counter += 1
	const group = await createGroup({ name: options.name ?? `Group ${counter}`, description: '', creatorId: options.moderator.id })
	for (const member of options.members ?? []) {
		await db.membership.create({ data: { userId: member.id, groupId: group.id, role: 'member' } })
	}
	return group
}

type RequestOptions = { cookie?: string; form?: Record<string, string>; method?: string; headers?: Record<string, string> }

export function makeRequest(path: string, options: RequestOptions = {}): Request {
	const headers = new Headers(options.headers)
	if (options.cookie) headers.set('cookie', options.cookie)
	const method = options.method ?? (options.form ? 'POST' : 'GET')
	if (method !== 'GET') headers.set('origin', ORIGIN)
	return new Request(new URL(path, ORIGIN), {
		method,
		headers,
		body: options.form ? new URLSearchParams(options.form) : undefined,
	})
}

/** A load context like the server's: a real socket.io server (not listening) behind the publisher. */
export function createTestContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
	const io = new Server()
	return { clientIp: `10.0.0.${(counter % 250) + 1}`, realtime: createPublisher(io), ...overrides }
}

type RouteArgs<F> = F extends (args: infer A) => unknown ? A : never

/**
 * Calls a route's loader or action as React Router does: the request with its URL, the route's
 * params (typed by the route module), and a load context like the server's unless one is given.
 */
export function runRoute<F extends (args: never) => unknown>(
	fn: F,
	args: {
		request: Request
		params?: RouteArgs<F> extends { params: infer P } ? P : never
		context?: AppLoadContext
	},
): ReturnType<F> {
	const url = new URL(args.request.url)
	const full = { request: args.request, url, pattern: url.pathname, params: args.params ?? {}, context: args.context ?? createTestContext() }
	return (fn as unknown as (args: unknown) => ReturnType<F>)(full)
}

/** Runs a loader or action and returns what it returned or threw (route functions throw Responses). */
export async function settle<T>(work: Promise<T>): Promise<T | Response> {
	try {
		return await work
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

/** The data of a `data()` result or a plain object returned by a route function. */
export function dataOf<T = unknown>(result: unknown): T {
	if (result && typeof result === 'object' && 'type' in result && (result as { type: string }).type === 'DataWithResponseInit') {
		return (result as unknown as { data: T }).data
	}
	return result as T
}

export function statusOf(result: unknown): number {
	if (result instanceof Response) return result.status
	if (result && typeof result === 'object' && 'init' in result) {
		return (result as { init?: { status?: number } | null }).init?.status ?? 200
	}
	return 200
}

/**
 * Changes some of the environment the modules read (as if the server had been started with it);
 * the returned function puts the previous one back.
 */
export function changeEnv(values: Partial<Env>): () => void {
	const before = getEnv()
	configure({ ...before, ...values })
	return () => configure(before)
}
