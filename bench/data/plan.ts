// The shape of a generated data set, engine-neutral: which users, groups, forums, threads and posts
// exist, as rows of plain values handed to a sink (SQLite or PostgreSQL) table by table. Ids are
// derived from counters, so the set is the same for a given size and seed, and the benchmark can
// name any row without asking the database.
import { createHash } from 'node:crypto'
import { BLOCKERS, DEFAULT_CATEGORIES, THREADS_PER_PAGE } from '#app/modules/forums/constants.ts'
import { companyName, lessonParts, personName, pick, plantedWords, postBody, random, threadTitle, type Rng } from './content.ts'

export type DatasetSize = {
	users: number
	/** Groups; the first one owns the big forum and has every user as a member. */
	groups: number
	/** Threads of the big forum (the forum list scenario pages through it). */
	bigForumThreads: number
	/** Threads of the other forums: half in the community forum, half shared by the other groups. */
	otherThreads: number
	/** Posts in all, opening posts included. */
	posts: number
	/** Posts of the one long thread whose pages the thread scenarios read. */
	hotThreadPosts: number
}

export const FULL_SIZE: DatasetSize = {
	users: 1_000,
	groups: 10,
	bigForumThreads: 10_000,
	otherThreads: 1_000,
	posts: 1_000_000,
	hotThreadPosts: 2_000,
}

export const QUICK_SIZE: DatasetSize = {
	users: 1_000,
	groups: 10,
	bigForumThreads: 1_000,
	otherThreads: 100,
	posts: 50_000,
	hotThreadPosts: 400,
}

export type ColumnType = 'text' | 'int' | 'bool' | 'time'
export type Value = string | number | boolean | null
/** Tables in insertion order (parents first), with their columns as the migrations name them. */
export const TABLES = {
	User: { id: 'text', email: 'text', handle: 'text', name: 'text', company: 'text', bio: 'text', passwordHash: 'text', isSiteAdmin: 'bool', createdAt: 'time', updatedAt: 'time' },
	Group: { id: 'text', slug: 'text', name: 'text', description: 'text', createdAt: 'time' },
	Membership: { id: 'text', userId: 'text', groupId: 'text', role: 'text', joinedAt: 'time' },
	Forum: { id: 'text', groupId: 'text', isCommunity: 'bool', name: 'text', createdAt: 'time' },
	Category: { id: 'text', forumId: 'text', slug: 'text', name: 'text', description: 'text', position: 'int', createdAt: 'time' },
	Tag: { id: 'text', name: 'text' },
	Thread: {
		id: 'text', forumId: 'text', categoryId: 'text', authorId: 'text', kind: 'text', title: 'text', blocker: 'text',
		lessonHappened: 'text', lessonLearned: 'text', lessonLearnedText: 'text', lessonDifferently: 'text',
		pinned: 'bool', locked: 'bool', replyCount: 'int', lastPostNumber: 'int', helpfulCount: 'int',
		lastActivityAt: 'time', createdAt: 'time',
	},
	ThreadTag: { threadId: 'text', tagId: 'text' },
	Post: { id: 'text', threadId: 'text', number: 'int', authorId: 'text', body: 'text', bodyHtml: 'text', bodyText: 'text', helpfulCount: 'int', createdAt: 'time' },
	SearchDocument: { id: 'int', subjectKind: 'text', subjectId: 'text', scope: 'text', postId: 'text', threadId: 'text', title: 'text', body: 'text', updatedAt: 'time' },
	ThreadUserState: { userId: 'text', threadId: 'text', lastReadPostNumber: 'int', level: 'text' },
	Reaction: { postId: 'text', userId: 'text', createdAt: 'time' },
	Bookmark: { userId: 'text', postId: 'text', createdAt: 'time' },
} satisfies Record<string, Record<string, ColumnType>>
export type TableName = keyof typeof TABLES

/** Where rows go: `rows` may be called many times per table, in the order of TABLES. */
export type Sink = { rows(table: TableName, rows: Value[][]): Promise<void> | void }

const pad = (n: number) => n.toString(36).padStart(7, '0')
// Counter-based ids sort in insertion order, so every primary key index is appended to, not split.
export const ids = {
	user: (n: number) => `bu${pad(n)}`,
	group: (n: number) => `bg${pad(n)}`,
	forum: (g: number) => `bf${pad(g)}`,
	category: (forumId: string, position: number) => `${forumId}c${position}`,
	thread: (n: number) => `bt${pad(n)}`,
	post: (n: number) => `bp${pad(n)}`,
	tag: (n: number) => `bx${pad(n)}`,
}
export const COMMUNITY = 'community'
export const handleOf = (n: number) => `member.${n + 1}`

/** What the benchmark needs to know about a generated set, stored beside it as JSON. */
export type DatasetInfo = {
	size: DatasetSize
	seed: number
	counts: { users: number; groups: number; threads: number; posts: number; threadStates: number }
	/** A member of the big group and two others, never a moderator: the benchmark's reader. */
	viewerId: string
	/** A member who wrote many posts, for the author filter. */
	prolificAuthor: { id: string; handle: string }
	userIds: string[]
	bigGroup: { id: string; slug: string; forumId: string }
	/** A small group forum the viewer reads, for the forum filter. */
	smallForumId: string
	hotThreadId: string
	bigForumPageCount: number
}

const DAY = 86_400_000
const TAGS = ['msp', 'cloud', 'security', 'pricing', 'hiring', 'microsoft', 'cisco', 'backup', 'rebates', 'mdf', 'contracts', 'sales', 'marketing', 'finance', 'helpdesk', 'm365', 'azure', 'aws', 'insurance', 'm-and-a']

type ForumPlan = { id: string; categories: string[]; members: number[] }

/** Thread sizes adding up to `total`: skewed (exponential), at least one post each. */
function threadSizes(rng: Rng, threads: number, total: number, hot: number): number[] {
	const rest = total - hot - (threads - 1)
	const raw = Array.from({ length: threads - 1 }, () => -Math.log(1 - rng()))
	const sum = raw.reduce((a, b) => a + b, 0)
	const sizes = [hot, ...raw.map((r) => 1 + Math.floor((r / sum) * rest))]
	let missing = total - sizes.reduce((a, b) => a + b, 0)
	for (let i = 1; missing > 0; i = (i % (threads - 1)) + 1, missing--) sizes[i]!++
	return sizes
}

/**
 * Writes a whole data set into `sink`, table by table, in batches. `now` anchors the dates (posts
 * reach back two years from it).
 */
export async function writeDataset(
	sink: Sink,
	size: DatasetSize,
	options: { seed?: number; now?: number; passwordHash: string; batch?: number; log?: (line: string) => void },
): Promise<DatasetInfo> {
	const seed = options.seed ?? 1
	const rng = random(seed)
	const now = options.now ?? Date.now()
	const batchSize = options.batch ?? 20_000
	const log = options.log ?? (() => {})
	const created = now - 3 * 365 * DAY

	// Users: everyone is in the big group; each other group has about a ninth of them.
	const users = Array.from({ length: size.users }, (_, n) => n)
	await sink.rows(
		'User',
		users.map((n) => [ids.user(n), `member${n + 1}@bench.example`, handleOf(n), personName(n), companyName(n), '', options.passwordHash, false, created, created]),
	)
	const otherGroups = size.groups - 1
	const membersOf = (g: number) => (g === 0 ? users : users.filter((n) => n % otherGroups === g - 1 || (n === 0 && g <= 3)))
	const groups = Array.from({ length: size.groups }, (_, g) => g)
	await sink.rows(
		'Group',
		groups.map((g) => [ids.group(g), g === 0 ? 'bench-group' : `bench-group-${g}`, g === 0 ? 'Bench group' : `Peer group ${g}`, 'A group of the benchmark data set.', created]),
	)
	const memberships: Value[][] = []
	for (const g of groups) {
		// The viewer (user 0) is never a moderator; the group's next member is.
		const members = membersOf(g)
		const moderator = members.find((n) => n !== 0)
		for (const n of members) memberships.push([`bm${g}x${pad(n)}`, ids.user(n), ids.group(g), n === moderator ? 'moderator' : 'member', created])
	}
	await sink.rows('Membership', memberships)

	const forums: ForumPlan[] = groups.map((g) => ({ id: ids.forum(g), categories: [], members: membersOf(g) }))
	const community: ForumPlan = { id: COMMUNITY, categories: [], members: users }
	await sink.rows('Forum', [
		...groups.map((g) => [ids.forum(g), ids.group(g), false, `${g === 0 ? 'Bench group' : `Peer group ${g}`} forum`, created]),
		[COMMUNITY, null, true, 'Community', created],
	])
	const categoryRows: Value[][] = []
	for (const forum of [...forums, community]) {
		const defaults = forum.id === COMMUNITY ? DEFAULT_CATEGORIES.filter((c) => c.slug !== 'meetings') : DEFAULT_CATEGORIES
		defaults.forEach((c, position) => {
			const id = ids.category(forum.id, position)
			forum.categories.push(id)
			categoryRows.push([id, forum.id, c.slug, c.name, c.description, position, created])
		})
	}
	await sink.rows('Category', categoryRows)
	await sink.rows('Tag', TAGS.map((name, n) => [ids.tag(n), name]))

	// Threads: the big forum first (its thread 0 is the long one), then the others.
	const threadCount = size.bigForumThreads + size.otherThreads
	const sizes = threadSizes(rng, threadCount, size.posts, size.hotThreadPosts)
	const forumOfThread = (t: number): ForumPlan => {
		if (t < size.bigForumThreads) return forums[0]!
		const k = t - size.bigForumThreads
		return k % 2 === 0 ? community : forums[1 + ((k >> 1) % otherGroups)]!
	}

	let postIndex = 0
	let docId = 0
	let threadStates = 0
	const authorPosts = new Map<number, number>()
	let threadRows: Value[][] = []
	let tagRows: Value[][] = []
	let postRows: Value[][] = []
	let docRows: Value[][] = []
	let stateRows: Value[][] = []
	const flush = async (force = false) => {
		if (!force && postRows.length < batchSize) return
		// Parents before children, as foreign keys would want.
		await sink.rows('Thread', threadRows)
		await sink.rows('ThreadTag', tagRows)
		await sink.rows('Post', postRows)
		await sink.rows('SearchDocument', docRows)
		await sink.rows('ThreadUserState', stateRows)
		threadRows = []
		tagRows = []
		postRows = []
		docRows = []
		stateRows = []
	}
	const reactionPosts: string[] = []
	let lastLogged = 0
	for (let t = 0; t < threadCount; t++) {
		const forum = forumOfThread(t)
		const posts = sizes[t]!
		const threadId = ids.thread(t)
		// A conversation among a few members: the opening poster and a cast that grows with length.
		const castSize = Math.max(1, Math.min(forum.members.length, 2 + Math.floor(posts / 4), 40))
		const cast = Array.from({ length: castSize }, () => pick(rng, forum.members))
		const kindDraw = rng()
		const kind = t === 0 ? 'discussion' : kindDraw < 0.7 ? 'discussion' : kindDraw < 0.9 ? 'question' : 'lesson'
		const title = threadTitle(rng)
		const start = t === 0 ? now - 300 * DAY : now - Math.floor(rng() * 730 * DAY)
		const gap = (now - start) / (posts + 1)
		const lastRead = new Map<number, number>()
		let time = start
		let lesson: ReturnType<typeof lessonParts> | null = null
		for (let number = 1; number <= posts; number++, postIndex++) {
			const author = number === 1 ? cast[0]! : pick(rng, cast)
			const planted = plantedWords(postIndex, size.posts, rng)
			let content
			if (number === 1 && kind === 'lesson') {
				lesson = lessonParts(rng, planted)
				content = lesson.opening
			} else content = postBody(rng, planted)
			const postId = ids.post(postIndex)
			postRows.push([postId, threadId, number, ids.user(author), content.body, content.html, content.text, Math.floor(rng() * rng() * 6), time])
			docRows.push([++docId, 'forum.post', postId, forum.id, postId, threadId, title, content.text, time])
			lastRead.set(author, number)
			authorPosts.set(author, (authorPosts.get(author) ?? 0) + 1)
			if (rng() < 0.002) reactionPosts.push(postId)
			if (number < posts) time = Math.min(now - 1000, time + Math.max(1000, Math.floor(-Math.log(1 - rng()) * gap)))
		}
		const categoryPosition = kind === 'lesson' ? 1 : Math.floor(rng() * forum.categories.length)
		const category = forum.categories[Math.min(categoryPosition, forum.categories.length - 1)]!
		threadRows.push([
			threadId, forum.id, category, ids.user(cast[0]!), kind, title,
			kind === 'lesson' ? pick(rng, BLOCKERS) : null,
			lesson?.lessonHappened ?? null, lesson?.lessonLearned ?? null, lesson?.lessonLearnedText ?? null, lesson?.lessonDifferently ?? null,
			forum === forums[0] && t >= 1 && t <= 3, rng() < 0.01 && t !== 0,
			posts - 1, posts, Math.floor(rng() * rng() * 8), time, start,
		])
		if (rng() < 0.3) {
			const first = Math.floor(rng() * TAGS.length)
			tagRows.push([threadId, ids.tag(first)])
			if (rng() < 0.4) tagRows.push([threadId, ids.tag((first + 1 + Math.floor(rng() * (TAGS.length - 1))) % TAGS.length)])
		}
		// Everyone who posted watches the thread, as posting does in the app (watchUnlessChosen).
		for (const [user, number] of lastRead) stateRows.push([ids.user(user), threadId, number, 'watching'])
		threadStates += lastRead.size
		// The viewer has opened some threads of the forums they read.
		if (!lastRead.has(0) && forum.members.includes(0) && (t === 0 || rng() < 0.05)) {
			stateRows.push([ids.user(0), threadId, t === 0 ? Math.floor(posts / 2) : Math.floor(rng() * posts), null])
			threadStates++
		}
		await flush()
		if (postIndex - lastLogged >= 100_000) {
			lastLogged = postIndex
			log(`${postIndex.toLocaleString('en-US')} posts`)
		}
	}
	await flush(true)

	// Helpful reactions and bookmarks, a few per member.
	const reactions = new Set<string>()
	const reactionRows: Value[][] = []
	for (const postId of reactionPosts) {
		for (let k = 0; k < 3; k++) {
			const user = ids.user(Math.floor(rng() * size.users))
			if (reactions.has(postId + user)) continue
			reactions.add(postId + user)
			reactionRows.push([postId, user, now - DAY])
		}
	}
	await sink.rows('Reaction', reactionRows)
	await sink.rows('Bookmark', reactionPosts.slice(0, 200).map((postId) => [ids.user(0), postId, now - DAY]))

	const [prolific] = [...authorPosts.entries()].sort((a, b) => b[1] - a[1])
	return {
		size,
		seed,
		counts: { users: size.users, groups: size.groups, threads: threadCount, posts: postIndex, threadStates },
		viewerId: ids.user(0),
		prolificAuthor: { id: ids.user(prolific![0]), handle: handleOf(prolific![0]) },
		userIds: users.map(ids.user),
		bigGroup: { id: ids.group(0), slug: 'bench-group', forumId: ids.forum(0) },
		smallForumId: ids.forum(1),
		hotThreadId: ids.thread(0),
		bigForumPageCount: Math.ceil(size.bigForumThreads / THREADS_PER_PAGE),
	}
}

/** A name for a data set's cache file: changes with the size, seed, generator and migrations. */
export function datasetKey(size: DatasetSize, seed: number, salt: string): string {
	return createHash('sha256').update(JSON.stringify({ size, seed, salt })).digest('hex').slice(0, 12)
}
