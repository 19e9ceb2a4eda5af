/**
 * autocannon stops at its deadline without waiting for the requests in flight, which the server
 * still works through: the next round (often the ceiling's, on the same two cores) starts once
 * the server answers /healthz quickly again, or after two minutes.
 */
export async function drained(serverUrl: string): Promise<void> {
	const until = performance.now() + 120_000
	while (performance.now() < until) {
		const started = performance.now()
		const ok = await fetch(`${serverUrl}/healthz`).then(
			(response) => response.ok,
			() => false,
		)
		if (ok && performance.now() - started < 50) return
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
}
