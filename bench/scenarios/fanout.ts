// A reply reaching the thread's readers: N signed-in socket.io clients (in processes of their
// own, 5,000 at most each) joined to the long thread's room through 'thread:join'; a member posts
// a reply through the form; the figure is the time from sending the POST to the last client
// receiving 'thread:post-created'. The ceiling is a bare socket.io server broadcasting a payload
// of the same size, on an HTTP POST, to a room of as many clients.
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { forkChild, type Child } from '../lib/children.ts'
import { startSocketCeiling } from '../lib/ceiling-servers.ts'
import { interleaved, type Context } from '../lib/context.ts'
import { percentile } from '../lib/stats.ts'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PER_PROCESS = 5_000
const socketsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../load/sockets.ts')
const now = () => performance.timeOrigin + performance.now()

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
			res.resume()
			res.on('end', () => resolve(res.statusCode ?? 0))
		})
		req.on('error', reject)
		req.end(body)
	})
}

/** Client processes holding `count` sockets in all, connected to `url` and joined to the room. */
export async function openClients(
	url: string,
	count: number,
	options: { cookies?: string[]; join?: { event: string; payload: unknown } },
): Promise<Child[]> {
	const processes = Math.ceil(count / PER_PROCESS)
	const children = Array.from({ length: processes }, () => forkChild(socketsFile, { execArgv: ['--max-old-space-size=4096'] }))
	try {
		await Promise.all(
			children.map(async (child, p) => {
				const from = p * PER_PROCESS
				const share = Math.min(PER_PROCESS, count - from)
				await child.call('connect', { url, count: share, cookies: options.cookies?.slice(from, from + share) })
				if (options.join) await child.call('join', options.join)
			}),
		)
	} catch (error) {
		await Promise.all(children.map((child) => child.close()))
		throw error
	}
	return children
}

async function broadcastTimes(children: Child[], rounds: number, send: (i: number) => Promise<void>): Promise<number[]> {
	const times: number[] = []
	// The first broadcast warms up the encoder and the sockets: not counted.
	for (let i = 0; i <= rounds; i++) {
		await Promise.all(children.map((child) => child.call('arm')))
		const sent = now()
		await send(i)
		const lasts = await Promise.all(children.map((child) => child.call<number>('wait')))
		if (i > 0) times.push(Math.max(...lasts) - sent)
	}
	return times
}

export async function run(ctx: Context): Promise<void> {
	const replies = ctx.settings.quick ? 3 : 10
	const poster = ctx.info.userIds[1]!
	const ceiling = await startSocketCeiling()
	try {
		for (const readers of ctx.settings.readers) {
			// Readers are the generated members, a few tabs each (the app allows 20 per member).
			const cookies = Array.from({ length: readers }, (_, i) => ctx.cookies.get(ctx.info.userIds[i % ctx.info.userIds.length]!)!)
			const figures = await interleaved(
				ctx.settings.rounds,
				async () => {
					const children = await openClients(ctx.app.url, readers, {
						cookies,
						join: { event: 'thread:join', payload: { threadId: ctx.info.hotThreadId } },
					})
					try {
						const times = await broadcastTimes(children, replies, async (i) => {
							const body = new URLSearchParams({ intent: 'reply', body: `Fan-out reply ${i}: the **customer** numbers.`, idempotencyKey: randomUUID() }).toString()
							const status = await post(`${ctx.app.url}/t/${ctx.info.hotThreadId}`, {
								cookie: ctx.cookies.get(poster)!,
								origin: ctx.app.url,
								'content-type': 'application/x-www-form-urlencoded',
							}, body)
							if (status < 300 || status >= 400) throw new Error(`the reply answered ${status}`)
						})
						return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) }
					} finally {
						await Promise.all(children.map((child) => child.close()))
					}
				},
				async () => {
					const children = await openClients(ceiling.url, readers, { join: { event: 'join', payload: 'thread' } })
					try {
						const payload = JSON.stringify({ threadId: ctx.info.hotThreadId, post: { bodyHtml: '<p>' + 'x'.repeat(600) + '</p>', author: { name: 'Bench' } } })
						const times = await broadcastTimes(children, replies, async () => {
							const status = await post(`${ceiling.url}/emit/thread`, { 'content-type': 'application/json' }, payload)
							if (status !== 204) throw new Error(`the ceiling's emit answered ${status}`)
						})
						return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) }
					} finally {
						await Promise.all(children.map((child) => child.close()))
					}
				},
			)
			ctx.record({
				scenario: `reply reaching ${readers.toLocaleString('en-US')} readers`,
				measure: `POST to last client, p50 / p99 (${replies} replies a round)`,
				unit: 'ms',
				app: [figures.app.p50, figures.app.p99],
				ceiling: [figures.ceiling.p50, figures.ceiling.p99],
			})
		}
	} finally {
		await ceiling.close()
	}
}
