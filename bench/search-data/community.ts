// A community of the size search must hold up at, written straight into a migrated database:
// users, groups and their forums, threads with kinds, blockers, categories and tags, posts in
// time order (so rowid order is age order, as in life), and their search documents. Every column
// and index that search reads is filled; the bodies are made of a Zipf-distributed vocabulary of
// made-up words plus a few planted words whose share of posts is known, one per query class:
//   rare: "zeppelin" (about 25 posts), medium: "warranty" (1 %), common: "customer" (40 %),
//   phrase: "cash flow" (the two words together in about 2 %).
// Deterministic (a seeded generator), so two runs and both engines hold the same community.
import Database from 'better-sqlite3'
import pg from 'pg'
import { BLOCKERS, COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { facetTokens } from '#app/modules/search/facets.ts'

export type CommunitySize = { posts: number; threads: number; users: number; groups: number }

export const FULL_SIZE: CommunitySize = { posts: 1_000_000, threads: 10_000, users: 1_000, groups: 20 }

export const PLANTED = {
	rare: { word: 'zeppelin', share: 25 / 1_000_000 },
	medium: { word: 'warranty', share: 0.01 },
	common: { word: 'customer', share: 0.4 },
} as const
const PHRASE_SHARE = 0.02

/** Who the benchmark searches as: a member of two groups (so three forums of twenty-one). */
export const VIEWER_ID = 'u0000'
export const MODERATOR_ID = 'u0001'

function random(seed: number): () => number {
	// mulberry32
	let state = seed >>> 0
	return () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

const SYLLABLES = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split(' ')

function vocabulary(rand: () => number, size: number): string[] {
	const words = new Set<string>()
	while (words.size < size) {
		const syllables = 2 + Math.floor(rand() * 3)
		let word = ''
		for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]
		words.add(word)
	}
	return [...words]
}

/** Zipf (s = 1) over the vocabulary, by binary search in the cumulative weights. */
function zipf(rand: () => number, size: number): () => number {
	const cumulative = new Float64Array(size)
	let sum = 0
	for (let i = 0; i < size; i++) cumulative[i] = sum += 1 / (i + 1)
	return () => {
		const target = rand() * sum
		let lo = 0
		let hi = size - 1
		while (lo < hi) {
			const mid = (lo + hi) >> 1
			if (cumulative[mid]! < target) lo = mid + 1
			else hi = mid
		}
		return lo
	}
}

export type Row = Record<string, string | number | null>
export type Batch = { table: string; rows: Row[] }

const iso = (ms: number) => new Date(ms).toISOString()
const id = (prefix: string, n: number, width = 4) => `${prefix}${n.toString().padStart(width, '0')}`

/** The whole community as batches of rows, table by table, parents before children. */
export function* community(size: CommunitySize, batchSize = 10_000): Generator<Batch> {
	const rand = random(20261201)
	const words = vocabulary(rand, 4_000)
	const nextWord = zipf(rand, words.length)
	const sentence = (count: number) => {
		const out: string[] = []
		for (let i = 0; i < count; i++) out.push(words[nextWord()]!)
		return out
	}
	const start = Date.UTC(2024, 0, 1)
	const stepMs = Math.floor((Date.UTC(2026, 10, 1) - start) / size.posts)
	const now = iso(Date.UTC(2026, 10, 1))

	const users: Row[] = []
	for (let u = 0; u < size.users; u++) {
		users.push({
			id: id('u', u),
			email: `member${u}@example.com`,
			handle: `member${u}`,
			name: `Member ${u}`,
			company: `Company ${u}`,
			passwordHash: 'x',
			isSiteAdmin: u === size.users - 1 ? 1 : 0,
			createdAt: iso(start),
			updatedAt: iso(start),
		})
	}
	yield { table: 'User', rows: users }

	const groups: Row[] = []
	const forums: Row[] = [{ id: COMMUNITY_FORUM_ID, groupId: null, isCommunity: 1, name: 'Community', createdAt: iso(start) }]
	for (let g = 0; g < size.groups; g++) {
		groups.push({ id: id('g', g), slug: `group-${g}`, name: `Group ${g}`, createdAt: iso(start) })
		forums.push({ id: id('f', g), groupId: id('g', g), isCommunity: 0, name: `Group ${g}`, createdAt: iso(start) })
	}
	yield { table: 'Group', rows: groups }
	yield { table: 'Forum', rows: forums }

	// Every member in two groups; the viewer in groups 0 and 1, and a moderator of group 0.
	const memberships: Row[] = []
	for (let u = 0; u < size.users; u++) {
		const first = u % size.groups
		const second = (first + 1) % size.groups
		for (const g of [first, second]) {
			memberships.push({
				id: id('m', memberships.length, 6),
				userId: id('u', u),
				groupId: id('g', g),
				role: u === 1 && g === 0 ? 'moderator' : 'member',
				joinedAt: iso(start),
			})
		}
	}
	yield { table: 'Membership', rows: memberships }

	const categories: Row[] = []
	for (const forum of forums) {
		for (let c = 0; c < 4; c++) {
			categories.push({ id: `${forum.id}-c${c}`, forumId: forum.id!, slug: `c${c}`, name: `Category ${c}`, position: c, createdAt: iso(start) })
		}
	}
	yield { table: 'Category', rows: categories }
	const tags: Row[] = []
	for (let t = 0; t < 50; t++) tags.push({ id: id('tag', t), name: `tag${t}` })
	yield { table: 'Tag', rows: tags }

	// Half the threads in the community forum, the rest spread over the groups' forums.
	const postsPerThread = size.posts / size.threads
	const threadForum: string[] = []
	const threadKind: string[] = []
	const threadTitle: string[] = []
	const threadPosts = new Int32Array(size.threads)
	let threads: Row[] = []
	let threadTags: Row[] = []
	for (let t = 0; t < size.threads; t++) {
		const forumId = rand() < 0.5 ? COMMUNITY_FORUM_ID : id('f', Math.floor(rand() * size.groups))
		const roll = rand()
		const kind = roll < 0.6 ? 'discussion' : roll < 0.9 ? 'question' : 'lesson'
		const title = sentence(6).join(' ')
		threadForum.push(forumId)
		threadKind.push(kind)
		threadTitle.push(title)
		const createdAt = iso(start + Math.floor(t * postsPerThread) * stepMs)
		threads.push({
			id: id('t', t, 5),
			forumId,
			categoryId: `${forumId}-c${Math.floor(rand() * 4)}`,
			authorId: id('u', Math.floor(rand() * size.users)),
			kind,
			title,
			blocker: kind === 'lesson' ? BLOCKERS[Math.floor(rand() * BLOCKERS.length)]! : null,
			// One thread in two hundred hidden by a moderator.
			hiddenAt: rand() < 0.005 ? createdAt : null,
			lastActivityAt: createdAt,
			createdAt,
		})
		const tagCount = Math.floor(rand() * 3)
		for (let k = 0; k < tagCount; k++) threadTags.push({ threadId: id('t', t, 5), tagId: id('tag', (t + k * 17) % 50) })
		if (threads.length === batchSize) {
			yield { table: 'Thread', rows: threads }
			threads = []
		}
	}
	if (threads.length) yield { table: 'Thread', rows: threads }
	yield { table: 'ThreadTag', rows: threadTags }
	threadTags = []

	// Posts in time order: thread t opens at post t × (posts / threads); every other post replies
	// to an open thread, recent ones more often.
	let posts: Row[] = []
	let documents: Row[] = []
	for (let p = 0; p < size.posts; p++) {
		const opening = p % postsPerThread === 0 && p / postsPerThread < size.threads
		const open = Math.min(size.threads, Math.floor(p / postsPerThread) + 1)
		const t = opening ? p / postsPerThread : Math.floor(open * Math.sqrt(rand()))
		const number = (threadPosts[t] = threadPosts[t]! + 1)
		const body = sentence(15 + Math.floor(rand() * 35))
		const plant = (word: string, share: number) => {
			if (rand() < share) body.splice(Math.floor(rand() * body.length), 0, word)
		}
		plant(PLANTED.common.word, PLANTED.common.share)
		plant(PLANTED.medium.word, PLANTED.medium.share)
		plant(PLANTED.rare.word, PLANTED.rare.share)
		plant('cash flow', PHRASE_SHARE)
		const text = body.join(' ')
		const postId = id('p', p, 7)
		const authorId = id('u', Math.floor(rand() * size.users))
		const createdAt = iso(start + p * stepMs)
		// One post in two hundred deleted or hidden: it keeps its row but leaves the index.
		const gone = rand() < 0.005
		posts.push({
			id: postId,
			threadId: id('t', t, 5),
			number,
			authorId,
			body: text,
			bodyHtml: `<p>${text}</p>`,
			bodyText: text,
			createdAt,
			deletedAt: gone ? createdAt : null,
			hiddenAt: null,
		})
		if (!gone) {
			documents.push({
				id: p + 1,
				postId,
				threadId: id('t', t, 5),
				forumId: threadForum[t]!,
				title: threadTitle[t]!,
				body: text,
				facets: facetTokens({ forumId: threadForum[t]!, authorId, kind: threadKind[t]! }),
				updatedAt: now,
			})
		}
		if (posts.length === batchSize) {
			yield { table: 'Post', rows: posts }
			yield { table: 'SearchDocument', rows: documents }
			posts = []
			documents = []
		}
	}
	if (posts.length) {
		yield { table: 'Post', rows: posts }
		yield { table: 'SearchDocument', rows: documents }
	}
	// Keep lastPostNumber and replyCount true to the posts.
	const counts: Row[] = []
	for (let t = 0; t < size.threads; t++) counts.push({ id: id('t', t, 5), lastPostNumber: threadPosts[t]!, replyCount: Math.max(0, threadPosts[t]! - 1) })
	yield { table: '#threadCounts', rows: counts }
}

function columnsOf(rows: Row[]): string[] {
	return Object.keys(rows[0]!)
}

/** Fills a migrated SQLite database; the FTS5 index follows through its triggers. */
export function fillSqlite(file: string, size: CommunitySize, log: (line: string) => void = () => {}): void {
	const sqlite = new Database(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('synchronous = OFF')
	sqlite.pragma('cache_size = -262144')
	const statements = new Map<string, Database.Statement>()
	const insert = (table: string, columns: string[]) => {
		const key = `${table}:${columns.join(',')}`
		let statement = statements.get(key)
		if (!statement) {
			statement =
				table === '#threadCounts'
					? sqlite.prepare('UPDATE "Thread" SET "lastPostNumber" = @lastPostNumber, "replyCount" = @replyCount WHERE "id" = @id')
					: sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
			statements.set(key, statement)
		}
		return statement
	}
	const write = sqlite.transaction((batch: Batch) => {
		const statement = insert(batch.table, columnsOf(batch.rows))
		for (const row of batch.rows) statement.run(row)
	})
	let posts = 0
	for (const batch of community(size)) {
		if (batch.rows.length === 0) continue
		write(batch)
		if (batch.table === 'Post') {
			posts += batch.rows.length
			if (posts % 100_000 === 0) log(`  ${posts.toLocaleString('en')} posts`)
		}
	}
	// As a long-lived index would be after its automatic merges: one b-tree per level at most.
	log('  optimising the FTS5 index')
	sqlite.exec(`INSERT INTO "search_fts" ("search_fts") VALUES ('optimize')`)
	sqlite.exec('ANALYZE')
	sqlite.pragma('wal_checkpoint(TRUNCATE)')
	sqlite.close()
}

/**
 * Fills a migrated PostgreSQL database in multi-row batches (unnest of one array per column). The
 * tsvectors are computed in one statement after the documents, and the GIN index built once,
 * instead of row by row through the trigger: the end state is the same as the trigger's.
 */
export async function fillPostgres(url: string, size: CommunitySize, log: (line: string) => void = () => {}): Promise<void> {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const types = new Map<string, string>()
		const typeOf = async (table: string, column: string) => {
			const key = `${table}.${column}`
			if (!types.has(key)) {
				const { rows } = await client.query<{ t: string }>(
					`SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attname = $2`,
					[`"${table}"`, column],
				)
				types.set(key, rows[0]!.t)
			}
			return types.get(key)!
		}
		await client.query('ALTER TABLE "SearchDocument" DISABLE TRIGGER USER')
		// The full-text indexes are built once at the end, whatever the migrations made them.
		const { rows: indexes } = await client.query<{ name: string; definition: string }>(
			`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
			 WHERE tablename = 'search_index' AND indexname <> 'search_index_pkey'`,
		)
		for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`)
		let posts = 0
		for (const batch of community(size)) {
			if (batch.rows.length === 0) continue
			const columns = columnsOf(batch.rows)
			const table = batch.table === '#threadCounts' ? 'Thread' : batch.table
			const casts: string[] = []
			for (const column of columns) casts.push(await typeOf(table, column))
			const values = columns.map((column, i) =>
				batch.rows.map((row) => {
					const value = row[column]
					return casts[i] === 'boolean' && typeof value === 'number' ? value === 1 : value
				}),
			)
			const unnest = `SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::${casts[i]}[]`).join(', ')})`
			if (batch.table === '#threadCounts') {
				await client.query(
					`UPDATE "Thread" t SET "lastPostNumber" = v."lastPostNumber", "replyCount" = v."replyCount"
					 FROM (${unnest} AS v("id", "lastPostNumber", "replyCount")) v WHERE t."id" = v."id"`,
					values,
				)
			} else {
				await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ${unnest}`, values)
			}
			if (batch.table === 'Post') {
				posts += batch.rows.length
				if (posts % 100_000 === 0) log(`  ${posts.toLocaleString('en')} posts`)
			}
		}
		await client.query(`SELECT setval(pg_get_serial_sequence('"SearchDocument"', 'id'), (SELECT max("id") FROM "SearchDocument"))`)
		log('  computing tsvectors')
		// The same expression as the trigger's (the migrations' search_index_sync).
		await client.query(`INSERT INTO "search_index" ("id", "tsv")
			SELECT "id", setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "body"), 'B')
				|| setweight(to_tsvector('simple', "facets"), 'D')
			FROM "SearchDocument"`)
		await client.query('ALTER TABLE "SearchDocument" ENABLE TRIGGER USER')
		log('  building the full-text indexes')
		await client.query(`SET maintenance_work_mem = '1GB'`)
		for (const index of indexes) await client.query(index.definition)
		await client.query('VACUUM ANALYZE')
	} finally {
		await client.end()
	}
}
