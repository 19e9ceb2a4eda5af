import { getEnv } from '#app/utils/env.server.ts'
import { db } from '#app/utils/db.server.ts'
import { ForumError } from './forum-error.ts'

/**
 * How fast one member may post and mention others. A member of a peer group posts a few times a
 * day; hundreds of replies a minute or @mentions of the whole community are a script or an
 * abuse, and each mention reaches someone's inbox. The figures come from the environment
 * (POST_MIN_GAP_SECONDS, NEW_ACCOUNT_POST_MIN_GAP_SECONDS, MENTIONS_PER_HOUR).
 */
export const MENTIONS_PER_POST = 10
const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000

function waitWords(seconds: number): string {
	return seconds === 1 ? 'a second' : `${seconds} seconds`
}

/** A minimum gap between two posts of the same member, longer on an account's first day. */
export async function checkPostingGap(userId: string, now = new Date()): Promise<void> {
	const env = getEnv()
	const last = await db.post.findFirst({ where: { authorId: userId }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } })
	if (!last) return
	// Past the longer of the two gaps the account's age cannot matter: one query instead of two.
	const longestGapMs = Math.max(env.NEW_ACCOUNT_POST_MIN_GAP_SECONDS, env.POST_MIN_GAP_SECONDS) * 1000
	if (last.createdAt.getTime() + longestGapMs <= now.getTime()) return
	const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { createdAt: true } })
	const isNew = now.getTime() - user.createdAt.getTime() < NEW_ACCOUNT_MS
	const gapMs = (isNew ? env.NEW_ACCOUNT_POST_MIN_GAP_SECONDS : env.POST_MIN_GAP_SECONDS) * 1000
	const waitMs = last.createdAt.getTime() + gapMs - now.getTime()
	if (waitMs > 0) {
		const seconds = Math.ceil(waitMs / 1000)
		throw new ForumError(
			`You are posting faster than PeerPower allows${isNew ? ' on a new account' : ''}. Please wait ${waitWords(seconds)} and post again; your text is kept.`,
			429,
		)
	}
}

/** Mentions notify people: at most MENTIONS_PER_HOUR of them per member in any hour. */
export async function checkMentionBudget(userId: string, mentioning: number, now = new Date()): Promise<void> {
	if (mentioning === 0) return
	const limit = getEnv().MENTIONS_PER_HOUR
	const used = await db.notification.count({
		where: { actorId: userId, type: 'mention', createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
	})
	if (used + mentioning > limit) {
		throw new ForumError(
			`You can @mention at most ${limit} members an hour, and have mentioned ${used} in the last hour. Post it without the @ signs, or try again later.`,
			429,
		)
	}
}
