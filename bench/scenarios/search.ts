// Search over the whole data set, as the viewer (a member of four forums) types it into /search:
// rare, medium and common words and a phrase, each without a filter and with a forum, kind and
// author filter, on SQLite and on PostgreSQL. Requests go one after another (latency, not
// throughput). The ceiling is the engine's bare full-text query for the same words (no
// permissions, joins, snippets or page), measured in a process of its own.
import { searchTerms, toFtsExpression, toTsQuery } from '#app/modules/search/terms.ts'
import { freePort, spawnServer } from '#tests/server-process.ts'
import { SEARCH_WORDS } from '../data/content.ts'
import { generatePostgres } from '../data/postgres.ts'
import { interleaved, type Context } from '../lib/context.ts'
import { createPostgresSessions } from '../lib/sessions.ts'
import { percentile } from '../lib/stats.ts'

type WordClass = 'rare' | 'medium' | 'common' | 'phrase'
const CLASSES: Array<{ name: WordClass; words: readonly string[] }> = [
	{ name: 'rare', words: SEARCH_WORDS.rare.slice(0, 2) },
	{ name: 'medium', words: SEARCH_WORDS.medium.slice(0, 2) },
	{ name: 'common', words: SEARCH_WORDS.common.slice(0, 1) },
	{ name: 'phrase', words: SEARCH_WORDS.phrases },
]

/** A quick run searches one word or phrase per class. */
const wordsOf = (ctx: Context, words: readonly string[]) => (ctx.settings.quick ? words.slice(0, 1) : words)

function filters(ctx: Context): Array<{ name: string; params: Record<string, string> }> {
	return [
		{ name: 'no filter', params: {} },
		{ name: 'forum filter', params: { forum: ctx.info.smallForumId } },
		{ name: 'kind filter', params: { kind: 'question' } },
		{ name: 'author filter', params: { author: ctx.info.prolificAuthor.handle } },
	]
}

type Engine = { label: string; url: string; cookie: string; ceiling: (words: string) => Promise<number[]> }

async function measureEngine(ctx: Context, engine: Engine): Promise<void> {
	const budget = ctx.settings.searchBudget
	for (const wordClass of CLASSES) {
		for (const filter of filters(ctx)) {
			const figures = await interleaved(
				ctx.settings.rounds,
				async () => {
					const samples: number[] = []
					for (const words of wordsOf(ctx, wordClass.words)) {
						const query = new URLSearchParams({ q: words, ...filter.params })
						samples.push(
							...(await ctx.load.call<number[]>('sequential', {
								url: `${engine.url}/search?${query}`,
								headers: { cookie: engine.cookie },
								...budget,
								// Without a filter every planted word has hits: the page must show them.
								expect: filter.name === 'no filter' ? '<mark>' : undefined,
							})),
						)
					}
					return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) }
				},
				async () => {
					const samples: number[] = []
					for (const words of wordsOf(ctx, wordClass.words)) samples.push(...(await engine.ceiling(words)))
					return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) }
				},
			)
			ctx.record({
				scenario: `search, ${engine.label}`,
				measure: `${wordClass.name} · ${filter.name}`,
				unit: 'ms',
				app: [figures.app.p50, figures.app.p99],
				ceiling: [figures.ceiling.p50, figures.ceiling.p99],
			})
		}
	}
}

export async function run(ctx: Context): Promise<void> {
	const budget = ctx.settings.searchBudget
	await measureEngine(ctx, {
		label: 'SQLite',
		url: ctx.app.url,
		cookie: ctx.viewerCookie,
		ceiling: (words) => ctx.dbWork.call<number[]>('ftsSqlite', { file: ctx.dbFile, expression: toFtsExpression(searchTerms(words)), budget }),
	})

	ctx.log('search: loading the data set into a throwaway PostgreSQL database')
	const { database, info } = await generatePostgres(ctx.info.size, { seed: ctx.info.seed, log: (line) => ctx.log(`postgres: ${line}`) })
	try {
		const cookie = (await createPostgresSessions(database.url, [info.viewerId])).get(info.viewerId)!
		const server = await spawnServer({ buildDir: ctx.buildDir, databaseUrl: database.url, port: await freePort(), startTimeoutMs: 120_000 })
		try {
			await measureEngine(ctx, {
				label: 'PostgreSQL',
				url: server.url,
				cookie,
				ceiling: (words) => ctx.dbWork.call<number[]>('ftsPostgres', { url: database.url, tsquery: toTsQuery(searchTerms(words)), budget }),
			})
		} finally {
			await server.stop()
		}
	} finally {
		await database.drop()
	}
}
