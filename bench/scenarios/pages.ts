// Reading pages, signed in: a 20-post page of the long thread (throughput at 50 connections, then
// latency at a steady open-loop rate of half that maximum) and pages 1, 200 and last of the big
// forum's list (20 connections). The ceiling is a bare Express server answering with React's
// renderToString of a page of the same size made of the same posts or threads (no database,
// session or router): bench/ceilings/render-server.ts.
import Database from 'better-sqlite3'
import { POSTS_PER_PAGE, THREADS_PER_PAGE } from '#app/modules/forums/constants.ts'
import type { RenderConfig } from '../ceilings/render-server.ts'
import { startRenderCeiling, type CeilingServer } from '../lib/ceiling-servers.ts'
import { interleaved, type Context } from '../lib/context.ts'
import { drained } from '../lib/drain.ts'
import { TIMEOUT_SECONDS, type CannonResult } from '../load/cannon.ts'
import type { OpenLoopResult } from '../load/open-loop.ts'

/** The most an open-loop run asks of one generator process. */
const MAX_OPEN_LOOP_RATE = 2000

function threadPageNumber(ctx: Context): number {
	return Math.ceil(Math.ceil(ctx.info.size.hotThreadPosts / POSTS_PER_PAGE) / 2)
}

function listPages(ctx: Context): number[] {
	const last = ctx.info.bigForumPageCount
	return [...new Set([1, Math.min(200, Math.ceil(last / 2)), last])]
}

async function pageBytes(url: string, cookie: string): Promise<number> {
	const response = await fetch(url, { headers: { cookie } })
	if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`)
	return Buffer.byteLength(await response.text())
}

/** The ceiling's pages, from the same rows the app shows, padded to the app's sizes. */
async function renderCeiling(ctx: Context): Promise<CeilingServer> {
	const page = threadPageNumber(ctx)
	const listPage = listPages(ctx)[1]!
	const database = new Database(ctx.dbFile, { readonly: true })
	let config: RenderConfig
	try {
		const from = (page - 1) * POSTS_PER_PAGE + 1
		const posts = database
			.prepare(
				`SELECT u."name" AS author, p."createdAt" AS date, p."bodyHtml" AS html FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
				WHERE p."threadId" = ? AND p."number" BETWEEN ? AND ? ORDER BY p."number"`,
			)
			.all(ctx.info.hotThreadId, from, from + POSTS_PER_PAGE - 1) as RenderConfig['thread']['posts']
		const threads = database
			.prepare(
				`SELECT t."title" AS title, u."name" AS author, t."replyCount" AS replies, t."lastActivityAt" AS date FROM "Thread" t
				JOIN "User" u ON u."id" = t."authorId" WHERE t."forumId" = ? ORDER BY t."lastActivityAt" DESC LIMIT ? OFFSET ?`,
			)
			.all(ctx.info.bigGroup.forumId, THREADS_PER_PAGE, (listPage - 1) * THREADS_PER_PAGE) as RenderConfig['list']['threads']
		const title = (database.prepare(`SELECT "title" FROM "Thread" WHERE "id" = ?`).get(ctx.info.hotThreadId) as { title: string }).title
		config = {
			thread: { title, posts, targetBytes: await pageBytes(threadUrl(ctx), ctx.viewerCookie) },
			list: { threads, targetBytes: await pageBytes(listUrl(ctx, listPage), ctx.viewerCookie) },
		}
	} finally {
		database.close()
	}
	return startRenderCeiling(config)
}

const threadUrl = (ctx: Context) => `${ctx.app.url}/t/${ctx.info.hotThreadId}?page=${threadPageNumber(ctx)}`
const listUrl = (ctx: Context, page: number) => `${ctx.app.url}/g/${ctx.info.bigGroup.slug}/forum?page=${page}`

async function cannon(ctx: Context, url: string, connections: number, cookie?: string) {
	const result = await ctx.load.call<CannonResult>('cannon', {
		url,
		connections,
		seconds: ctx.settings.seconds,
		headers: cookie ? { cookie } : undefined,
	})
	await drained(new URL(url).origin)
	// An error answer is a failure; a request that timed out is a figure (the server is too slow).
	if (result.non2xx > 0 || result.total === 0) {
		throw new Error(`GET ${url}: ${result.non2xx} error answers of ${result.total}`)
	}
	return { rps: result.rps, p99: result.p99, timeouts: result.errors }
}

async function openLoop(ctx: Context, url: string, rate: number, cookie?: string) {
	const result = await ctx.load.call<OpenLoopResult>('openLoop', {
		url,
		rate,
		durationMs: ctx.settings.seconds * 1000,
		headers: cookie ? { cookie } : undefined,
	})
	if (result.p50 !== result.p50) throw new Error(`GET ${url}: no answer in the open loop (${result.errors} failed)`)
	return { p50: result.p50, p99: result.p99, failed: result.errors }
}

export async function runThread(ctx: Context): Promise<void> {
	const ceiling = await renderCeiling(ctx)
	try {
		const sizes = `${(ceiling.info.threadBytes! / 1024).toFixed(0)} KB`
		const max = await interleaved(
			ctx.settings.rounds,
			() => cannon(ctx, threadUrl(ctx), 50, ctx.viewerCookie),
			() => cannon(ctx, `${ceiling.url}/thread`, 50),
		)
		ctx.record({ scenario: 'thread page (20 posts), 50 connections', measure: `requests/s (page of ${sizes})`, unit: '/s', app: max.app.rps, ceiling: max.ceiling.rps })
		ctx.record({ scenario: 'thread page (20 posts), 50 connections', measure: 'p99', unit: 'ms', app: max.app.p99, ceiling: max.ceiling.p99 })
		ctx.record({ scenario: 'thread page (20 posts), 50 connections', measure: `requests timed out (${TIMEOUT_SECONDS} s)`, unit: '', app: max.app.timeouts, ceiling: max.ceiling.timeouts })

		// The floor under every page: the lightest pages of the app (React Router's document request,
		// the shell, the session) against the same ceiling. No page can do better than these.
		for (const floor of [
			{ path: '/signup', label: 'sign-up page, signed out', cookie: undefined },
			{ path: '/settings/profile', label: 'profile settings, signed in', cookie: ctx.viewerCookie },
		]) {
			const url = `${ctx.app.url}${floor.path}`
			const bytes = await pageBytes(url, floor.cookie ?? '')
			const figures = await interleaved(
				ctx.settings.rounds,
				() => cannon(ctx, url, 50, floor.cookie),
				() => cannon(ctx, `${ceiling.url}/thread`, 50),
			)
			ctx.record({
				scenario: 'the app’s lightest pages, 50 connections (ceiling: the thread page’s)',
				measure: `${floor.label} (${(bytes / 1024).toFixed(0)} KB): requests/s`,
				unit: '/s',
				app: figures.app.rps,
				ceiling: figures.ceiling.rps,
			})
		}

		const appRate = Math.max(1, Math.min(MAX_OPEN_LOOP_RATE, Math.round(max.app.rps / 2)))
		const ceilingRate = Math.max(1, Math.min(MAX_OPEN_LOOP_RATE, Math.round(max.ceiling.rps / 2)))
		const steady = await interleaved(
			ctx.settings.rounds,
			() => openLoop(ctx, threadUrl(ctx), appRate, ctx.viewerCookie),
			() => openLoop(ctx, `${ceiling.url}/thread`, ceilingRate),
		)
		ctx.record({
			scenario: 'thread page, open loop at half its maximum',
			measure: `p50 / p99 (app ${appRate}/s, ceiling ${ceilingRate}/s)`,
			unit: 'ms',
			app: [steady.app.p50, steady.app.p99],
			ceiling: [steady.ceiling.p50, steady.ceiling.p99],
			note: steady.app.failed + steady.ceiling.failed > 0 ? `failed: app ${steady.app.failed}, ceiling ${steady.ceiling.failed}` : undefined,
		})
	} finally {
		await ceiling.close()
	}
}

export async function runForumList(ctx: Context): Promise<void> {
	const ceiling = await renderCeiling(ctx)
	try {
		for (const page of listPages(ctx)) {
			const figures = await interleaved(
				ctx.settings.rounds,
				() => cannon(ctx, listUrl(ctx, page), 20, ctx.viewerCookie),
				() => cannon(ctx, `${ceiling.url}/list`, 20),
			)
			const scenario = `forum list, ${ctx.info.size.bigForumThreads.toLocaleString('en-US')} threads, 20 connections`
			ctx.record({ scenario, measure: `page ${page}: requests/s`, unit: '/s', app: figures.app.rps, ceiling: figures.ceiling.rps })
			ctx.record({ scenario, measure: `page ${page}: p99`, unit: 'ms', app: figures.app.p99, ceiling: figures.ceiling.p99 })
			if (figures.app.timeouts + figures.ceiling.timeouts > 0) {
				ctx.record({ scenario, measure: `page ${page}: requests timed out (${TIMEOUT_SECONDS} s)`, unit: '', app: figures.app.timeouts, ceiling: figures.ceiling.timeouts })
			}
		}
	} finally {
		await ceiling.close()
	}
}

/**
 * The signed-in home page: unread threads across the viewer's forums, mentions, what is coming up,
 * who was active. Two readers: the benchmark's viewer (who opened about one thread in twenty), and
 * one who has read every thread of the 10,000-thread forum, so that finding what is still unread
 * walks past all of them. Ceiling: the forum list page's render.
 */
export async function runHome(ctx: Context): Promise<void> {
	const caughtUp = ctx.info.userIds.find((id) => id !== ctx.info.viewerId)!
	const database = new Database(ctx.dbFile)
	try {
		database
			.prepare(
				`INSERT INTO "ThreadUserState" ("userId", "threadId", "lastReadPostNumber", "level")
				SELECT ?, t."id", t."lastPostNumber", NULL FROM "Thread" t WHERE t."forumId" = ?
				ON CONFLICT ("userId", "threadId") DO UPDATE SET "lastReadPostNumber" = excluded."lastReadPostNumber"`,
			)
			.run(caughtUp, ctx.info.bigGroup.forumId)
	} finally {
		database.close()
	}
	const ceiling = await renderCeiling(ctx)
	try {
		for (const reader of [
			{ label: 'the viewer', cookie: ctx.viewerCookie },
			{ label: 'a member who has read every thread', cookie: ctx.cookies.get(caughtUp)! },
		]) {
			const url = `${ctx.app.url}/`
			const bytes = await pageBytes(url, reader.cookie)
			const figures = await interleaved(
				ctx.settings.rounds,
				() => cannon(ctx, url, 20, reader.cookie),
				() => cannon(ctx, `${ceiling.url}/list`, 20),
			)
			const scenario = `home page, ${ctx.info.size.bigForumThreads.toLocaleString('en-US')}-thread forum, 20 connections (ceiling: the forum list's render)`
			ctx.record({ scenario, measure: `${reader.label} (${(bytes / 1024).toFixed(0)} KB): requests/s`, unit: '/s', app: figures.app.rps, ceiling: figures.ceiling.rps })
			ctx.record({ scenario, measure: `${reader.label}: p99`, unit: 'ms', app: figures.app.p99, ceiling: figures.ceiling.p99 })
		}
	} finally {
		await ceiling.close()
	}
}
