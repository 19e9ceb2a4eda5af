import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { facet } from '#app/modules/search/facets.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { sql } from '#app/utils/sql.server.ts'
import { forumAccess, threadAccess } from './access.server.ts'
import { COMMUNITY_FORUM_ID } from './constants.ts'
import { FORUM_EVENTS } from './events.ts'
import { ForumError } from './forum-error.ts'
import { minutesWords } from './thread-moderation.ts'

/**
 * What moderators do to a thread as a whole besides pinning and locking: move it to another
 * category or forum, and set its slow mode. Both are recorded in the audit log, in the write's
 * own transaction.
 */

type Viewer = Pick<SessionUser, 'id' | 'name' | 'isSiteAdmin'>

async function requireModeratedThread(viewer: Viewer, threadId: string) {
	const found = await threadAccess(viewer, threadId)
	if (!found) throw new ForumError('That thread does not exist or you cannot see it.', 404)
	if (!found.access.canModerate)
		throw new ForumError('Only the forum’s moderators can do this.', 403)
	return found
}

/**
 * Where a moderator may move threads to: the forums they moderate (a group's forum for its
 * moderators, the community forum for site admins; access.server.ts), and for site admins any
 * forum. The thread must come from a forum they moderate too (requireModeratedThread).
 */
async function mayMoveInto(viewer: Viewer, forumId: string): Promise<boolean> {
	if (viewer.isSiteAdmin) return true
	return (await forumAccess(viewer, forumId)).canModerate
}

type Destination = {
	forumId: string
	forumName: string
	categories: Array<{ id: string; name: string }>
}

/** The forums and categories a moderator may move this thread to, the current category left out. */
export async function moveDestinations(viewer: Viewer, threadId: string) {
	const { thread } = await requireModeratedThread(viewer, threadId)
	const current = await db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: { categoryId: true },
	})
	const forums = await db.forum.findMany({
		// Candidates (a site admin's: every forum; anyone else's: the groups they moderate), each then
		// put to mayMoveInto.
		where: viewer.isSiteAdmin
			? {}
			: { group: { memberships: { some: activeMembershipWhere({ userId: viewer.id, role: 'moderator' }) } } },
		select: {
			id: true,
			isCommunity: true,
			group: { select: { name: true } },
			categories: {
				orderBy: [{ position: 'asc' }, { name: 'asc' }],
				select: { id: true, name: true },
			},
		},
	})
	const destinations: Destination[] = []
	for (const forum of forums) {
		// The one rule, asked for each forum (a cheap check: a moderator runs a few).
		if (!(await mayMoveInto(viewer, forum.id))) continue
		const categories = forum.categories.filter((c) => c.id !== current.categoryId)
		if (categories.length === 0) continue
		destinations.push({
			forumId: forum.id,
			forumName:
				forum.id === COMMUNITY_FORUM_ID || forum.isCommunity
					? 'Community'
					: (forum.group?.name ?? 'Forum'),
			categories,
		})
	}
	// The thread's own forum first, then by name.
	destinations.sort(
		(a, b) =>
			Number(b.forumId === thread.forumId) - Number(a.forumId === thread.forumId) ||
			a.forumName.localeCompare(b.forumName),
	)
	return { thread, currentCategoryId: current.categoryId, destinations }
}

async function placeOf(tx: DbTransaction | typeof db, categoryId: string) {
	return tx.category.findUnique({
		where: { id: categoryId },
		select: {
			id: true,
			name: true,
			forumId: true,
			forum: { select: { groupId: true, isCommunity: true, group: { select: { name: true } } } },
		},
	})
}

const placeLabel = (place: NonNullable<Awaited<ReturnType<typeof placeOf>>>) =>
	`${place.forum.group?.name ?? 'Community'} › ${place.name}`

/**
 * Moves a thread to another category, in its forum or another the moderator may move into. The
 * thread keeps its id, so every link to it (/t/:id) keeps working; the counts follow (triggers on
 * Thread), and so do the search documents (their scope and forum token) and the notifications
 * (they are read through the thread's forum). Readers who may no longer read it leave its room.
 */
export async function moveThread(
	viewer: Viewer,
	threadId: string,
	categoryId: string,
	realtime: RealtimePublisher,
) {
	const { thread } = await requireModeratedThread(viewer, threadId)
	const target = await placeOf(db, categoryId)
	if (!target || !(await mayMoveInto(viewer, target.forumId))) {
		throw new ForumError(
			'Choose one of the places offered: you can move threads only to forums you moderate.',
			403,
		)
	}
	const moved = await db.$transaction(async (tx) => {
		const before = await tx.thread.findUniqueOrThrow({
			where: { id: threadId },
			select: { forumId: true, categoryId: true, title: true },
		})
		if (before.categoryId === categoryId)
			throw new ForumError('The thread is already there: choose another category.')
		const source = (await placeOf(tx, before.categoryId))!
		await tx.thread.update({
			where: { id: threadId },
			data: { forumId: target.forumId, categoryId },
		})
		if (before.forumId !== target.forumId) {
			// The forum is a search token of each post's document (search/facets.ts), and its scope.
			await tx.$executeRaw(sql`UPDATE "SearchDocument" SET "scope" = ${target.forumId},
				"facets" = REPLACE("facets", ${facet.forum(before.forumId)}, ${facet.forum(target.forumId)})
				WHERE "threadId" = ${threadId}`)
		}
		const detail = {
			from: { forumId: before.forumId, categoryId: before.categoryId, place: placeLabel(source) },
			to: { forumId: target.forumId, categoryId, place: placeLabel(target) },
		}
		// Each group concerned keeps the move in its own log (null: the community forum's, site-wide).
		const groups = [...new Set([source.forum.groupId, target.forum.groupId])]
		for (const groupId of groups) {
			await recordAudit(tx, {
				groupId,
				actor: viewer,
				action: 'thread.move',
				target: { kind: 'thread', id: threadId, label: before.title },
				detail,
			})
		}
		return { from: before.forumId, to: target.forumId, place: placeLabel(target) }
	})
	for (const forumId of new Set([moved.from, moved.to])) {
		realtime.toRoom(rooms.forum(forumId), FORUM_EVENTS.forumActivity, { forumId, threadId })
	}
	// Open pages of readers of the old forum who cannot read the new one leave the thread's room.
	if (moved.from !== moved.to) await realtime.accessChanged({ room: rooms.thread(thread.id) })
	return moved
}

/** Sets (or with 0, turns off) a thread's slow mode. */
export async function setSlowMode(viewer: Viewer, threadId: string, minutes: number) {
	const { thread } = await requireModeratedThread(viewer, threadId)
	const current = await db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: { slowModeMinutes: true, forum: { select: { groupId: true } } },
	})
	if (current.slowModeMinutes === minutes) return { changed: false }
	await db.$transaction(async (tx) => {
		await tx.thread.update({ where: { id: threadId }, data: { slowModeMinutes: minutes } })
		await recordAudit(tx, {
			groupId: current.forum.groupId,
			actor: viewer,
			action: 'thread.slow-mode',
			target: { kind: 'thread', id: threadId, label: thread.title },
			detail: { from: current.slowModeMinutes, to: minutes },
		})
	})
	return { changed: true }
}

/**
 * Slow mode's check before a reply: a member (not a moderator) who replied in the thread less than
 * N minutes ago is refused, told when they may post again. Asked before the reply is prepared
 * and again inside its transaction (after the thread's row is claimed), so two replies sent at
 * once cannot both pass.
 */
export async function checkSlowMode(
	tx: DbTransaction | typeof db,
	viewer: { id: string },
	thread: { id: string; slowModeMinutes: number },
	access: { canModerate: boolean },
	now = new Date(),
) {
	if (!thread.slowModeMinutes || access.canModerate) return
	const since = new Date(now.getTime() - thread.slowModeMinutes * 60_000)
	const last = await tx.post.findFirst({
		// Replies only (the opening post is not one); deleted ones count, or deleting would reset the wait.
		where: {
			threadId: thread.id,
			authorId: viewer.id,
			number: { gt: 1 },
			createdAt: { gt: since },
		},
		orderBy: { createdAt: 'desc' },
		select: { createdAt: true },
	})
	if (!last) return
	const waitMinutes = Math.max(
		1,
		Math.ceil(
			(last.createdAt.getTime() + thread.slowModeMinutes * 60_000 - now.getTime()) / 60_000,
		),
	)
	throw new ForumError(
		`Slow mode is on in this thread: one reply every ${minutesWords(thread.slowModeMinutes)}. You can reply again in ${waitMinutes === 1 ? 'a minute' : `${waitMinutes} minutes`}; your text is kept.`,
		429,
	)
}
