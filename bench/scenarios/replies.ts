// Posting: 20 members each posting replies into a thread of their own, as fast as they are
// answered, through the real reply form (session cookie, Origin, idempotency key). The ceiling is
// the same reply's writes as one prepared better-sqlite3 transaction in a loop
// (bench/ceilings/db-work.ts): what SQLite itself can take.
import Database from 'better-sqlite3'
import { interleaved, type Context } from '../lib/context.ts'

const WRITERS = 20

type WriteResult = { p50: number; p99: number; count: number; perSecond: number; errors: number; failures?: string[] }

export async function run(ctx: Context): Promise<void> {
	const database = new Database(ctx.dbFile, { readonly: true })
	// Open threads of the big forum, not the long one (the fan-out scenario posts there).
	const threads = database
		.prepare(`SELECT "id" FROM "Thread" WHERE "forumId" = ? AND "locked" = 0 AND "id" <> ? ORDER BY "id" LIMIT ?`)
		.all(ctx.info.bigGroup.forumId, ctx.info.hotThreadId, WRITERS) as Array<{ id: string }>
	database.close()
	const writers = threads.map((thread, i) => ({ userId: ctx.info.userIds[i + 1]!, threadId: thread.id }))
	const seconds = ctx.settings.seconds
	const figures = await interleaved(
		ctx.settings.rounds,
		async () => {
			const result = await ctx.load.call<WriteResult>('writers', {
				origin: ctx.app.url,
				seconds,
				writers: writers.map((w) => ({ cookie: ctx.cookies.get(w.userId)!, threadId: w.threadId })),
			})
			if (result.count === 0) throw new Error(`no reply was posted: ${result.failures?.join(' | ')}`)
			if (result.errors > 0) ctx.log(`replies: ${result.errors} error answers, e.g. ${result.failures?.[0]}`)
			return { perSecond: result.perSecond, p99: result.p99, errors: result.errors }
		},
		async () => {
			const result = await ctx.dbWork.call<WriteResult>('replyWrites', { file: ctx.dbFile, writers, seconds })
			return { perSecond: result.perSecond, p99: result.p99, errors: result.errors }
		},
	)
	const scenario = `replies posted, ${WRITERS} writers`
	ctx.record({ scenario, measure: 'replies/s', unit: '/s', app: figures.app.perSecond, ceiling: figures.ceiling.perSecond })
	ctx.record({ scenario, measure: 'p99', unit: 'ms', app: figures.app.p99, ceiling: figures.ceiling.p99 })
	ctx.record({ scenario, measure: 'error answers per round', unit: '', app: figures.app.errors, ceiling: figures.ceiling.errors })
}
