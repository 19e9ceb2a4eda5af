// The shapes the thread page and the live events share: a post as a reader may see it.
export type PostAuthor = { id: string; name: string; company: string; handle: string }

export type PostView = {
	id: string
	threadId: string
	number: number
	author: PostAuthor
	/** Rendered, sanitised HTML; null when deleted (everyone) or hidden (non-moderators never get the post). */
	bodyHtml: string | null
	/** The markdown, for quoting and editing; null when deleted. */
	body: string | null
	createdAt: string
	editedAt: string | null
	deleted: boolean
	hidden: boolean
	/** Why it is hidden, for the moderators and the author who see it; null when shown. */
	hiddenReason: string | null
	helpfulCount: number
	revisionCount: number
}

/** What a viewer adds to a post view: their own reaction and bookmark. */
export type PostViewerState = { foundHelpful: boolean; bookmarked: boolean }

export type PostRow = {
	id: string
	threadId: string
	number: number
	body: string
	bodyHtml: string
	createdAt: Date
	editedAt: Date | null
	deletedAt: Date | null
	hiddenAt: Date | null
	hiddenReason?: string | null
	helpfulCount: number
	author: PostAuthor
	_count?: { revisions: number }
}

export const postViewSelect = {
	id: true,
	threadId: true,
	number: true,
	body: true,
	bodyHtml: true,
	createdAt: true,
	editedAt: true,
	deletedAt: true,
	hiddenAt: true,
	hiddenReason: true,
	helpfulCount: true,
	author: { select: { id: true, name: true, company: true, handle: true } },
	_count: { select: { revisions: true } },
} as const

/** A deleted post keeps its place but not its words; a hidden post reaches moderators only (callers filter). */
export function toPostView(row: PostRow): PostView {
	const deleted = Boolean(row.deletedAt)
	return {
		id: row.id,
		threadId: row.threadId,
		number: row.number,
		author: row.author,
		bodyHtml: deleted ? null : row.bodyHtml,
		body: deleted ? null : row.body,
		createdAt: row.createdAt.toISOString(),
		editedAt: row.editedAt?.toISOString() ?? null,
		deleted,
		hidden: Boolean(row.hiddenAt),
		hiddenReason: row.hiddenAt ? (row.hiddenReason ?? null) : null,
		helpfulCount: row.helpfulCount,
		revisionCount: row._count?.revisions ?? 0,
	}
}
