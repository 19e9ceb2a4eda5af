// An open-loop load generator: requests leave at fixed intervals whatever the server does, and
// each latency is counted from the moment the request was due, not from when it was sent. A slow
// server then shows its queue in the figures (a closed loop, or autocannon's -R, waits for answers
// and so sends less when the server slows, which hides exactly that).
import http from 'node:http'
import { latency, type Latency } from '../lib/stats.ts'

export type OpenLoopResult = Latency & { sent: number; errors: number; rate: number; late: number }

export async function openLoop(options: {
	url: string
	rate: number
	durationMs: number
	headers?: Record<string, string>
	/** Statuses counted as success (default 200). */
	ok?: number[]
}): Promise<OpenLoopResult> {
	const ok = new Set(options.ok ?? [200])
	// No socket limit: a request waits at the server, never in our pool.
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
	const samples: number[] = []
	let errors = 0
	let sent = 0
	let late = 0
	const interval = 1000 / options.rate
	const start = performance.now()
	const total = Math.max(1, Math.floor((options.durationMs / 1000) * options.rate))
	const inFlight: Array<Promise<void>> = []

	const fire = (due: number) =>
		new Promise<void>((resolve) => {
			sent++
			const request = http.get(options.url, { agent, headers: options.headers }, (response) => {
				response.resume()
				response.on('end', () => {
					if (ok.has(response.statusCode ?? 0)) samples.push(performance.now() - due)
					else errors++
					resolve()
				})
			})
			request.on('error', () => {
				errors++
				resolve()
			})
		})

	for (let i = 0; i < total; i++) {
		const due = start + i * interval
		const wait = due - performance.now()
		if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
		// Our own event loop fell behind the schedule (timers are not exact): count it, send anyway.
		if (performance.now() - due > 5) late++
		inFlight.push(fire(due))
	}
	await Promise.all(inFlight)
	agent.destroy()
	return { ...latency(samples), sent, errors, rate: options.rate, late }
}
