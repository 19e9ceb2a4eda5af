// The load generator process: autocannon, the open-loop generator, sequential latency probes and
// reply writers, each run on the parent's call (bench/lib/children.ts). It never shares a process
// with a server it measures.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import autocannon from 'autocannon'
import { serve } from '../lib/children.ts'
import { latency } from '../lib/stats.ts'
import { TIMEOUT_SECONDS, type CannonResult } from './cannon.ts'
import { openLoop } from './open-loop.ts'


type Headers = Record<string, string>

/** One GET or POST on a keep-alive agent; resolves with status, body and duration. */
export function request(
	agent: http.Agent,
	url: string,
	options: { method?: string; headers?: Headers; body?: string } = {},
): Promise<{ status: number; body: string; ms: number; location?: string }> {
	const started = performance.now()
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
			const chunks: Buffer[] = []
			res.on('data', (chunk: Buffer) => chunks.push(chunk))
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					ms: performance.now() - started,
					location: res.headers.location,
				}),
			)
		})
		req.on('error', reject)
		req.end(options.body)
	})
}

serve({
	async cannon(request) {
		const { url, connections, seconds, headers } = request as { url: string; connections: number; seconds: number; headers?: Headers }
		const result = await autocannon({ url, connections, duration: seconds, headers, timeout: TIMEOUT_SECONDS })
		return {
			rps: result.requests.average,
			p50: result.latency.p50,
			p99: result.latency.p99,
			total: result.requests.total,
			errors: result.errors + result.timeouts,
			non2xx: result.non2xx,
		} satisfies CannonResult
	},

	openLoop: (request) => openLoop(request as unknown as Parameters<typeof openLoop>[0]),

	/**
	 * Requests one after another (one connection), until `maxSamples` answers or `maxMs` has passed
	 * (at least `minSamples`). Every answer must be 200 and contain `expect` when given.
	 */
	async sequential(request) {
		const { url, headers, maxSamples, minSamples, maxMs, expect } = request as {
			url: string
			headers?: Headers
			maxSamples: number
			minSamples: number
			maxMs: number
			expect?: string
		}
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
		const samples: number[] = []
		const started = performance.now()
		try {
			while (samples.length < maxSamples && (samples.length < minSamples || performance.now() - started < maxMs)) {
				const answer = await request_(agent, url, headers)
				if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`)
				if (expect && !answer.body.includes(expect)) throw new Error(`GET ${url}: the page does not contain ${JSON.stringify(expect)}`)
				samples.push(answer.ms)
			}
		} finally {
			agent.destroy()
		}
		return samples
	},

	/**
	 * `writers` members posting replies as fast as they are answered (a closed loop each), each with
	 * their own session, into their own thread: the reply form as a browser sends it.
	 */
	async writers(call) {
		const { origin, writers, seconds } = call as {
			origin: string
			writers: Array<{ cookie: string; threadId: string }>
			seconds: number
		}
		const agent = new http.Agent({ keepAlive: true, maxSockets: writers.length })
		const samples: number[] = []
		const failures: string[] = []
		let errors = 0
		const until = performance.now() + seconds * 1000
		const started = performance.now()
		await Promise.all(
			writers.map(async (writer, w) => {
				for (let i = 0; performance.now() < until; i++) {
					const body = new URLSearchParams({
						intent: 'reply',
						body: `Benchmark reply ${w}.${i}: our **numbers** for the quarter, and what the customer said.`,
						idempotencyKey: randomUUID(),
					}).toString()
					try {
						const answer = await request(agent, `${origin}/t/${writer.threadId}`, {
							method: 'POST',
							headers: {
								cookie: writer.cookie,
								origin,
								'content-type': 'application/x-www-form-urlencoded',
								'content-length': String(Buffer.byteLength(body)),
							},
							body,
						})
						// Success is the redirect to the new post.
						if (answer.status >= 300 && answer.status < 400 && /#post-\d+$/.test(answer.location ?? '')) samples.push(answer.ms)
						else {
							errors++
							if (failures.length < 3) failures.push(`${answer.status} ${answer.body.slice(0, 200)}`)
						}
					} catch (error) {
						errors++
						if (failures.length < 3) failures.push(String(error))
					}
				}
			}),
		)
		agent.destroy()
		const elapsed = (performance.now() - started) / 1000
		return { ...latency(samples), perSecond: samples.length / elapsed, errors, failures }
	},
})

function request_(agent: http.Agent, url: string, headers?: Headers) {
	return request(agent, url, { headers })
}
