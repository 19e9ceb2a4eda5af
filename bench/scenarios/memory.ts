// Memory: the server's RSS once started and warmed up (pages, lists and searches served), then
// what each idle signed-in socket adds (1,000 of them, connected and left alone). Each round starts
// a fresh server. The ceiling is a bare socket.io server: its RSS idle, and per idle socket.
import { freePort, spawnServer } from '#tests/server-process.ts'
import { SEARCH_WORDS } from '../data/content.ts'
import { startSocketCeiling } from '../lib/ceiling-servers.ts'
import { interleaved, type Context } from '../lib/context.ts'
import { openClients } from './fanout.ts'

const SOCKETS = 1_000
const MB = 1024 * 1024

export async function run(ctx: Context): Promise<void> {
	// Time for the heap to settle (and sockets' first buffers to be freed) before reading RSS.
	const settle = () => new Promise((resolve) => setTimeout(resolve, ctx.settings.quick ? 1000 : 2000))
	const warmUpSeconds = ctx.settings.quick ? 1 : 2
	const cookies = Array.from({ length: SOCKETS }, (_, i) => ctx.cookies.get(ctx.info.userIds[i % ctx.info.userIds.length]!)!)
	const warmUp = [
		`/t/${ctx.info.hotThreadId}`,
		`/g/${ctx.info.bigGroup.slug}/forum`,
		`/g/${ctx.info.bigGroup.slug}/forum?page=2`,
		`/search?q=${SEARCH_WORDS.medium[0]}`,
	]
	/** The server's RSS once settled, then what each of SOCKETS idle sockets adds to it. */
	const idleAndPerSocket = async (
		server: { url: string; rss: () => number },
		options: Parameters<typeof openClients>[2],
	) => {
		await settle()
		const idle = server.rss()
		const children = await openClients(server.url, SOCKETS, options)
		try {
			await settle()
			return { idleMb: idle / MB, perSocketKb: (server.rss() - idle) / SOCKETS / 1024 }
		} finally {
			await Promise.all(children.map((child) => child.close()))
		}
	}
	const figures = await interleaved(
		ctx.settings.rounds,
		async () => {
			const server = await spawnServer({ buildDir: ctx.buildDir, databaseUrl: `file:${ctx.dbFile}`, port: await freePort(), startTimeoutMs: 120_000 })
			try {
				for (const path of warmUp) {
					const result = await ctx.load.call<{ non2xx: number }>('cannon', { url: server.url + path, connections: 4, seconds: warmUpSeconds, headers: { cookie: ctx.viewerCookie } })
					if (result.non2xx > 0) throw new Error(`warm-up: ${path} failed`)
				}
				return await idleAndPerSocket(server, { cookies })
			} finally {
				await server.stop()
			}
		},
		async () => {
			const server = await startSocketCeiling()
			try {
				return await idleAndPerSocket(server, {})
			} finally {
				await server.close()
			}
		},
	)
	ctx.record({ scenario: 'memory', measure: 'RSS idle after start and warm-up', unit: 'MB', app: figures.app.idleMb, ceiling: figures.ceiling.idleMb, note: 'ceiling: bare socket.io server idle' })
	ctx.record({ scenario: 'memory', measure: `RSS per idle signed-in socket (${SOCKETS.toLocaleString('en-US')})`, unit: 'KB', app: figures.app.perSocketKb, ceiling: figures.ceiling.perSocketKb })
}
