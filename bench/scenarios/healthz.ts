// Does search hold the event loop? /healthz latency, at a steady open-loop rate, while ten
// members search at once (each starts a new search when the last one answered), beside /healthz
// alone on the same server. They search for a medium word (about 1 % of posts): a common word
// takes seconds per search on the full set, and ten of those would only measure a queue.
import { SEARCH_WORDS } from '../data/content.ts'
import { interleaved, type Context } from '../lib/context.ts'
import { drained } from '../lib/drain.ts'
import type { OpenLoopResult } from '../load/open-loop.ts'

const PROBE_RATE = 20

export async function run(ctx: Context): Promise<void> {
	const seconds = ctx.settings.seconds
	const healthz = `${ctx.app.url}/healthz`
	const probe = () =>
		ctx.probe.call<OpenLoopResult>('openLoop', { url: healthz, rate: PROBE_RATE, durationMs: seconds * 1000 }).then((result) => {
			if (result.errors > 0) throw new Error(`/healthz failed ${result.errors} times`)
			return { p50: result.p50, p99: result.p99 }
		})
	const search = `${ctx.app.url}/search?${new URLSearchParams({ q: SEARCH_WORDS.medium[0] })}`
	const figures = await interleaved(
		ctx.settings.rounds,
		async () => {
			// The searches run a little longer than the probe, so it never sees them start or stop.
			const searching = ctx.load.call<{ non2xx: number; total: number }>('cannon', {
				url: search,
				connections: 10,
				seconds: seconds + 2,
				headers: { cookie: ctx.viewerCookie },
			})
			await new Promise((resolve) => setTimeout(resolve, 1000))
			const result = await probe()
			const searches = await searching
			if (searches.non2xx > 0) throw new Error(`${searches.non2xx} of ${searches.total} searches failed`)
			await drained(ctx.app.url)
			return { ...result, searches: searches.total }
		},
		probe,
	)
	ctx.record({
		scenario: '/healthz while 10 searches run',
		measure: `p50 / p99 at ${PROBE_RATE}/s (${Math.round(figures.app.searches)} searches per round)`,
		unit: 'ms',
		app: [figures.app.p50, figures.app.p99],
		ceiling: [figures.ceiling.p50, figures.ceiling.p99],
		note: 'ceiling: /healthz alone',
	})
}
