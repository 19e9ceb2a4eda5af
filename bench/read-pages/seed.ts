// A big forum for the read-page benchmarks, written by bulk SQL (through Prisma it would take
// many minutes): one group of 200 members whose forum holds 10,000 threads and about 100,000
// posts, the reader's read markers, reactions, bookmarks and notifications, and a session cookie.
// Post bodies are rendered by the app's own markdown renderer, so the stored HTML is real.
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'

export type SeededForum = {
	cookie: string
	groupSlug: string
	forumId: string
	/** Pages of the forum's list for a member (25 threads a page, hidden threads left out). */
	threadPages: number
	/** A thread of 60 posts whose first page (20 posts) the thread benchmark reads. */
	threadId: string
	threads: number
	posts: number
}

const THREADS = 10_000
const MEMBERS = 200

const SENTENCES = [
	'We looked at **cash flow** again this quarter and the numbers are clearer now than they were in the spring.',
	'The vendor program details are [on the partner portal](https://partner.example.com/programs), but the claim form changed twice.',
	'Two of us are hiring a service manager; the market in the Midwest is tight and salaries went up about 12 % in a year.',
	'Our largest client asked for net-60 terms, and we said yes only against a *deposit* on the next project.',
	'What helped most was a weekly review of receivables with the office manager, fifteen minutes every Monday.',
	'I would not sign a three-year managed services contract without a price review clause again.',
	'The bank offered a credit line at prime plus two; we took it and never touched it, which was the point.',
	'Marketing spend moved from trade shows to two webinars a quarter, and the pipeline did not suffer.',
]

/** A post body like the forum's: a few paragraphs, a list now and then, a quote, some code. */
export function postBody(n: number): string {
	const pick = (k: number) => SENTENCES[(n * 7 + k * 3) % SENTENCES.length]!
	const parts = [`Reply ${n}: ${pick(0)} ${pick(1)}`, `${pick(2)} ${pick(3)}`]
	if (n % 2 === 0) parts.push('What worked for us:\n\n- invoicing in milestones\n- a credit line we never touched\n- weekly review of receivables')
	if (n % 3 === 0) parts.push(`> ${pick(4)}`)
	if (n % 5 === 0) parts.push('```\nMDF claim: 12,500 EUR, approved after 21 days\n```')
	parts.push(pick(5))
	return parts.join('\n\n')
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

/**
 * Fills a migrated, empty SQLite database. `render` turns markdown into the stored HTML and text
 * (the app's renderer); `sessionToken` makes the reader's cookie.
 */
export async function seedBigForum(
	file: string,
	helpers: {
		render: (markdown: string) => Promise<{ html: string; text: string }>
		hashToken: (token: string) => string
		generateToken: () => string
		cookieOf: (token: string) => string
	},
	options: { threads?: number } = {},
): Promise<SeededForum> {
	const threads = options.threads ?? THREADS
	const sqlite = new Database(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('synchronous = OFF')
	const bodies = await Promise.all(
		Array.from({ length: 30 }, async (_, n) => {
			const body = postBody(n + 1)
			return { body, ...(await helpers.render(body)) }
		}),
	)
	const now = Date.now()
	const groupId = 'grp_bench'
	const forumId = 'frm_bench'
	const users = Array.from({ length: MEMBERS }, (_, i) => `usr_${String(i).padStart(4, '0')}`)
	const reader = users[0]!
	const categories = ['general', 'finance', 'vendors', 'people'].map((slug, position) => ({ id: `cat_${slug}`, slug, position }))
	let posts = 0
	let visible = 0
	const benchThread = `thr_${String(threads - 1).padStart(6, '0')}`

	sqlite.transaction(() => {
		const user = sqlite.prepare(
			'INSERT INTO "User" (id, email, handle, name, company, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
		)
		users.forEach((id, i) => user.run(id, `member${i}@bench.example`, `member.${i}`, `Member ${i}`, `Company ${i % 37}`, 'unused', iso(now), iso(now)))
		sqlite.prepare('INSERT INTO "Group" (id, slug, name, createdAt) VALUES (?, ?, ?, ?)').run(groupId, 'bench', 'Bench group', iso(now))
		const membership = sqlite.prepare('INSERT INTO "Membership" (id, userId, groupId, role, joinedAt) VALUES (?, ?, ?, ?, ?)')
		users.forEach((id, i) => membership.run(`mem_${i}`, id, groupId, i === 1 ? 'moderator' : 'member', iso(now)))
		sqlite.prepare('INSERT INTO "Forum" (id, groupId, isCommunity, name, createdAt) VALUES (?, ?, 0, ?, ?)').run(forumId, groupId, 'Bench group forum', iso(now))
		const category = sqlite.prepare('INSERT INTO "Category" (id, forumId, slug, name, position, createdAt) VALUES (?, ?, ?, ?, ?, ?)')
		for (const c of categories) category.run(c.id, forumId, c.slug, c.slug, c.position, iso(now))
		const tag = sqlite.prepare('INSERT INTO "Tag" (id, name) VALUES (?, ?)')
		for (const name of ['mdf', 'hiring', 'cash', 'q1']) tag.run(`tag_${name}`, name)

		const thread = sqlite.prepare(
			`INSERT INTO "Thread" (id, forumId, categoryId, authorId, kind, title, pinned, hiddenAt, replyCount, lastPostNumber,
			  helpfulCount, lastActivityAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		)
		const post = sqlite.prepare(
			`INSERT INTO "Post" (id, threadId, number, authorId, body, bodyHtml, bodyText, helpfulCount, createdAt, editedAt)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		)
		const revision = sqlite.prepare('INSERT INTO "PostRevision" (id, postId, body, editedById, createdAt) VALUES (?, ?, ?, ?, ?)')
		const threadTag = sqlite.prepare('INSERT INTO "ThreadTag" (threadId, tagId) VALUES (?, ?)')
		const state = sqlite.prepare('INSERT INTO "ThreadUserState" (userId, threadId, lastReadPostNumber, level) VALUES (?, ?, ?, ?)')
		const reaction = sqlite.prepare('INSERT INTO "Reaction" (postId, userId, createdAt) VALUES (?, ?, ?)')
		const bookmark = sqlite.prepare('INSERT INTO "Bookmark" (userId, postId, createdAt) VALUES (?, ?, ?)')
		const notification = sqlite.prepare(
			'INSERT INTO "Notification" (id, userId, type, threadId, postId, actorId, createdAt, readAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
		)
		for (let t = 0; t < threads; t++) {
			const id = `thr_${String(t).padStart(6, '0')}`
			// Threads of 1 to 19 posts (10 on average); the benchmark's thread has 60.
			const count = id === benchThread ? 60 : 1 + ((t * 7919) % 19)
			const activity = now - (threads - t) * 60_000
			const hidden = t % 97 === 5 ? iso(activity) : null
			if (!hidden) visible++
			thread.run(
				id,
				forumId,
				categories[t % categories.length]!.id,
				users[(t * 13) % MEMBERS]!,
				t % 3 === 0 ? 'question' : 'discussion',
				`Thread ${t}: how did your firm handle ${['cash flow', 'hiring', 'vendor claims', 'pricing'][t % 4]} this year?`,
				t % 2500 === 0 ? 1 : 0,
				hidden,
				count - 1,
				count,
				t % 5,
				iso(activity),
				iso(activity - count * 60_000),
			)
			if (t % 3 === 0) threadTag.run(id, `tag_${['mdf', 'hiring', 'cash', 'q1'][t % 4]}`)
			for (let n = 1; n <= count; n++) {
				const b = bodies[(t + n) % bodies.length]!
				const postId = `pst_${String(t).padStart(6, '0')}_${n}`
				const edited = (t + n) % 11 === 0
				post.run(postId, id, n, users[(t + n * 31) % MEMBERS]!, b.body, b.html, b.text, n % 4, iso(activity - (count - n) * 60_000), edited ? iso(activity) : null)
				if (edited) revision.run(`rev_${postId}`, postId, b.body, users[(t + n * 31) % MEMBERS]!, iso(activity))
				posts++
				if (t % 4 === 0 && n % 3 === 1) reaction.run(postId, reader, iso(activity))
				if (t % 9 === 0 && n === 1) bookmark.run(reader, postId, iso(activity))
			}
			// The reader has opened a third of the threads, read them part of the way.
			if (t % 3 === 0) state.run(reader, id, Math.max(0, count - (t % 4)), t % 2 === 0 ? 'watching' : null)
			if (t % 50 === 0) {
				notification.run(`ntf_${t}`, reader, 'reply', id, `pst_${String(t).padStart(6, '0')}_1`, users[5]!, iso(activity), t % 100 === 0 ? iso(activity) : null)
			}
		}
		// The benchmark's thread: read to its end, nothing unread in it (the steady state of a reader).
		sqlite.prepare('DELETE FROM "ThreadUserState" WHERE userId = ? AND threadId = ?').run(reader, benchThread)
		state.run(reader, benchThread, 60, 'watching')
	})()
	sqlite.exec('ANALYZE')
	const token = helpers.generateToken()
	sqlite
		.prepare('INSERT INTO "Session" (id, userId, expiresAt, createdAt, lastSeenAt, userAgent, ipAddress) VALUES (?, ?, ?, ?, ?, ?, ?)')
		.run(helpers.hashToken(token), reader, iso(now + 29 * 86_400_000), iso(now), iso(now), 'bench', '127.0.0.1')
	sqlite.close()
	return { cookie: helpers.cookieOf(token), groupSlug: 'bench', forumId, threadId: benchThread, threads, posts, threadPages: Math.ceil(visible / 25) }
}

export function randomSuffix(): string {
	return randomBytes(4).toString('hex')
}
