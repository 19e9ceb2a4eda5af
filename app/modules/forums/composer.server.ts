import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { MarkdownRefusedError, renderMarkdown } from '#app/modules/markdown/renderer.server.ts'
import { db } from '#app/utils/db.server.ts'
import { forumAccess, threadAccess, threadReadersWhere } from './access.server.ts'
import { LIMITS } from './constants.ts'
import { resolveMentions } from './posts.server.ts'

/**
 * What the composer asks while a member writes: a preview rendered exactly as the post will be,
 * and the members they may mention. Both are for a place the member may write in (a thread they
 * read, a forum they may post in), and both draw on that place's readers: the one rule of who
 * reads a forum, from its access module.
 */

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>
export type ComposerPlace = { threadId: string } | { forumId: string }

/** The readers of the place, or null when the viewer may not write there (callers answer 404). */
async function readersOf(
	viewer: Viewer,
	place: ComposerPlace,
): Promise<Prisma.UserWhereInput | null> {
	if ('threadId' in place) {
		const found = await threadAccess(viewer, place.threadId)
		return found ? threadReadersWhere(found.thread) : null
	}
	const access = await forumAccess(viewer, place.forumId)
	return access.canPost ? threadReadersWhere({ forumId: place.forumId, hiddenAt: null }) : null
}

export const MENTION_SUGGESTIONS = 8
const PREFIX = /^[a-z0-9][a-z0-9.]{0,30}$/

export type MentionSuggestion = { handle: string; name: string; company: string }

/**
 * Members whose handle starts with the prefix (or whose surname part does, "@shah" finding
 * priya.shah), among the place's readers, the writer excluded. Null when the place is out of reach.
 */
export async function mentionSuggestions(
	viewer: Viewer,
	place: ComposerPlace,
	prefix: string,
): Promise<MentionSuggestion[] | null> {
	const readers = await readersOf(viewer, place)
	if (!readers) return null
	const lowered = prefix.toLowerCase()
	if (!PREFIX.test(lowered)) return []
	return db.user.findMany({
		where: {
			AND: [
				readers,
				{ id: { not: viewer.id } },
				{ OR: [{ handle: { startsWith: lowered } }, { handle: { contains: `.${lowered}` } }] },
			],
		},
		orderBy: { handle: 'asc' },
		take: MENTION_SUGGESTIONS,
		select: { handle: true, name: true, company: true },
	})
}

// Previews render in the markdown workers like posts: a member gets a preview a second for a
// minute, more than anyone clicking Preview needs, and not enough to keep the workers busy.
const previewLimiter = new RateLimiterMemory({
	keyPrefix: 'markdown-preview',
	points: 60,
	duration: 60,
})

export type PreviewResult = { html: string } | { error: string }

/** The body rendered as it would be posted (mentions of the place's readers linked), or why not. */
export async function previewMarkdown(
	viewer: Viewer,
	place: ComposerPlace,
	body: string,
): Promise<PreviewResult | null> {
	const readers = await readersOf(viewer, place)
	if (!readers) return null
	if (body.length > LIMITS.bodyMax) {
		return { error: `Posts can be at most ${LIMITS.bodyMax.toLocaleString('en-US')} characters` }
	}
	if (!body.trim()) return { html: '' }
	try {
		await previewLimiter.consume(viewer.id)
	} catch (error) {
		if (error instanceof RateLimiterRes)
			return { error: 'Too many previews at once. Wait a moment and try again.' }
		throw error
	}
	try {
		const rendered = await renderMarkdown(body, await resolveMentions(readers, body))
		return { html: rendered.html }
	} catch (error) {
		if (error instanceof MarkdownRefusedError) return { error: error.message }
		throw error
	}
}
