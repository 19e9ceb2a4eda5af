import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { announceNotifications } from '#app/modules/notifications/notifications.server.ts'
import { indexPost, reindexThreadTitle, unindexPost } from '#app/modules/search/index.server.ts'
import type { MentionTarget } from '#app/modules/markdown/markdown.ts'
import { candidateHandles, markdownToText, MarkdownRefusedError, renderMarkdown } from '#app/modules/markdown/renderer.server.ts'
import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher, type ServerEvent, type ServerPayload } from '#app/utils/realtime.ts'
import { forumAccess, forumModeratorIds, isPostVisible, SHOWN_POST, threadAccess, threadReadersWhere, visiblePostWhere, type ForumAccess } from './access.server.ts'
import { FORUM_EVENTS, type PostCreatedEvent, type ThreadUpdatedEvent } from './events.ts'
import { forumCan } from './permissions.ts'
import { notifyAccepted, recordPostNotifications } from './post-notifications.server.ts'
import { FORUM_POST } from './constants.ts'
import { ForumError } from './forum-error.ts'
import { checkPostingGap, checkMentionBudget, MENTIONS_PER_POST } from './posting-limits.server.ts'
import { watchUnlessChosen } from './reading.server.ts'
import { announceHideToAuthor, recordModeratorHide } from '#app/modules/moderation/hide-notices.server.ts'
import { composeLessonBody, type NewThreadInput } from './schemas.ts'
import { checkSlowMode } from './thread-moderation.server.ts'
import { checkLessonPrograms, lessonProgramIds, programIdList, writeLessonPrograms } from '#app/modules/vendors/lessons.server.ts'
import { postViewSelect, toPostView } from './views.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>
/** Who moderates: named in the audit log (read when the caller does not have the name). */
type Moderator = Viewer & { name?: string }

/** Members mentioned by @handle who may read the thread; anyone else is left as plain text. */
export async function resolveMentions(readers: Prisma.UserWhereInput, markdown: string): Promise<MentionTarget[]> {
	const handles = candidateHandles(markdown)
	if (handles.length === 0) return []
	return db.user.findMany({ where: { AND: [{ handle: { in: handles } }, readers] }, select: { id: true, handle: true } })
}

/**
 * Members' posts are paced (posting-limits.server.ts: a gap between posts, mentions per hour).
 * Content PeerPower writes itself, such as the demo's conversations, is written all at once.
 */
export type PostingPace = 'member' | 'unpaced'

/**
 * What a caller commits together with the new post, in its transaction (the author's draft, the
 * form's idempotency key): one commit per post. It receives where the post landed.
 */
export type AlongWithPost = (tx: DbTransaction, created: { threadId: string; number: number }) => Promise<void>

type PostingOptions = { pace?: PostingPace; alongWith?: AlongWithPost }

type PreparedBody = { html: string; text: string; mentions: MentionTarget[]; readers: Prisma.UserWhereInput }

/**
 * The one parse of a body, before its write: the HTML, the plain text and the members it
 * mentions (within the limits). Done outside any transaction: rendering takes a worker's time,
 * and an open SQLite transaction holds every other statement back.
 */
async function prepareBody(
	viewer: Viewer,
	thread: { forumId: string; hiddenAt: Date | null },
	body: string,
): Promise<PreparedBody> {
	// Who may read the thread: only they can be mentioned, and only they are notified.
	const readers = await threadReadersWhere(thread)
	const candidates = await resolveMentions(readers, body)
	let rendered
	try {
		rendered = await renderMarkdown(body, candidates)
	} catch (error) {
		if (error instanceof MarkdownRefusedError) throw new ForumError(error.message)
		throw error
	}
	const written = new Set(rendered.mentionedHandles)
	const mentions = candidates.filter((target) => written.has(target.handle.toLowerCase()) && target.id !== viewer.id)
	if (mentions.length > MENTIONS_PER_POST) {
		throw new ForumError(`You can mention at most ${MENTIONS_PER_POST} members in one post (this one mentions ${mentions.length}).`)
	}
	return { html: rendered.html, text: rendered.text, mentions, readers }
}

async function lessonLearnedText(markdown: string): Promise<string> {
	try {
		return await markdownToText(markdown)
	} catch (error) {
		if (error instanceof MarkdownRefusedError) throw new ForumError(error.message)
		throw error
	}
}

/** The vendor programs a lesson names, checked by the catalogue's rule; a ForumError with its message when not. */
async function checkedLessonPrograms(viewer: Viewer, value: string | string[] | undefined, kept: string[] = []): Promise<string[]> {
	const checked = await checkLessonPrograms(viewer, programIdList(value), kept)
	if (!checked.ok) throw new ForumError(checked.message)
	return checked.ids
}

async function requireThread(viewer: Viewer, threadId: string) {
	const found = await threadAccess(viewer, threadId)
	if (!found) throw new ForumError('That thread does not exist or you cannot see it.', 404)
	return found
}

type PublishedThread = { id: string; forumId: string; hiddenAt: Date | null }

/**
 * One event to the thread's room, and "something happened" to the forum's list. The thread's room
 * holds only those who may read it (members leave it when it is hidden), but the forum's room
 * holds every reader of the forum: activity in a hidden thread goes to its moderators alone.
 */
async function publishThread<E extends ServerEvent>(
	realtime: RealtimePublisher,
	thread: PublishedThread,
	event: E,
	payload: ServerPayload<E>,
) {
	realtime.toRoom(rooms.thread(thread.id), event, payload)
	const activity = { forumId: thread.forumId, threadId: thread.id }
	if (thread.hiddenAt) realtime.toRooms((await forumModeratorIds(thread.forumId)).map(rooms.user), FORUM_EVENTS.forumActivity, activity)
	else realtime.toRoom(rooms.forum(thread.forumId), FORUM_EVENTS.forumActivity, activity)
}

async function upsertTags(tx: DbTransaction, threadId: string, tags: string[]) {
	for (const name of tags) {
		const tag = await tx.tag.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } })
		await tx.threadTag.create({ data: { threadId, tagId: tag.id } })
	}
}

export async function createThread(
	viewer: Viewer,
	forumId: string,
	input: NewThreadInput,
	realtime: RealtimePublisher,
	options: PostingPace | PostingOptions = 'member',
) {
	const { pace = 'member', alongWith } = typeof options === 'string' ? { pace: options } : options
	const access = await forumAccess(viewer, forumId)
	if (!access.canPost) throw new ForumError('You cannot post in this forum.', 404)
	const category = await db.category.findFirst({ where: { id: input.categoryId, forumId }, select: { id: true } })
	if (!category) throw new ForumError('Choose one of this forum’s categories.')
	const isLesson = input.kind === 'lesson'
	const lesson = isLesson
		? {
				lessonHappened: input.lessonHappened!.trim(),
				lessonLearned: input.lessonLearned!.trim(),
				lessonDifferently: input.lessonDifferently!.trim(),
			}
		: null
	const body = lesson ? composeLessonBody(lesson) : input.body!.trim()
	if (pace === 'member') await checkPostingGap(viewer.id)
	const { html, text, mentions, readers } = await prepareBody(viewer, { forumId, hiddenAt: null }, body)
	if (pace === 'member') await checkMentionBudget(viewer.id, mentions.length)
	const learnedText = lesson ? await lessonLearnedText(lesson.lessonLearned) : null
	const programIds = isLesson ? await checkedLessonPrograms(viewer, input.programIds) : []
	const { thread, notified } = await db.$transaction(async (tx) => {
		const created = await tx.thread.create({
			data: {
				forumId,
				categoryId: category.id,
				authorId: viewer.id,
				kind: input.kind,
				title: input.title,
				blocker: isLesson ? input.blocker : null,
				...(lesson ?? {}),
				lessonLearnedText: learnedText,
				posts: { create: { number: 1, authorId: viewer.id, body, bodyHtml: html, bodyText: text } },
			},
			select: { id: true, forumId: true, title: true, posts: { select: { id: true } } },
		})
		await upsertTags(tx, created.id, input.tags)
		if (programIds.length > 0) await writeLessonPrograms(tx, created.id, programIds)
		await indexPost(tx, { postId: created.posts[0]!.id, threadId: created.id, forumId, title: created.title, text })
		await watchUnlessChosen(tx, viewer.id, created.id, 1)
		const notified = await recordPostNotifications(
			tx,
			{ threadId: created.id, postId: created.posts[0]!.id, actorId: viewer.id, mentionedIds: mentions.map((m) => m.id), quotedAuthorId: null },
			readers,
		)
		await alongWith?.(tx, { threadId: created.id, number: 1 })
		return { thread: created, notified }
	})
	announceNotifications(realtime, { kind: FORUM_POST, id: thread.posts[0]!.id }, notified)
	realtime.toRoom(rooms.forum(forumId), FORUM_EVENTS.forumActivity, { forumId, threadId: thread.id })
	return { threadId: thread.id }
}

type ThreadWithAccess = NonNullable<Awaited<ReturnType<typeof threadAccess>>>

/**
 * `target`: the thread's id, or the thread and the viewer's access as the route already looked
 * them up for this request (the lock and the number are checked again inside the write).
 */
export async function createReply(
	viewer: Viewer,
	target: string | ThreadWithAccess,
	input: { body: string; quotedPostId?: string },
	realtime: RealtimePublisher,
	options: PostingPace | PostingOptions = 'member',
) {
	const { pace = 'member', alongWith } = typeof options === 'string' ? { pace: options } : options
	const { thread, access } = typeof target === 'string' ? await requireThread(viewer, target) : target
	const threadId = thread.id
	if (thread.locked) throw new ForumError('This thread is locked: it takes no new replies.', 409)
	if (!forumCan.reply(access, thread)) throw new ForumError('You cannot reply in this forum.', 403)
	const body = input.body.trim()
	const quoted = input.quotedPostId
		? await db.post.findFirst({ where: { id: input.quotedPostId, threadId, ...SHOWN_POST }, select: { id: true, authorId: true } })
		: null
	if (pace === 'member') await checkPostingGap(viewer.id)
	await checkSlowMode(db, viewer, thread, access)
	const { html, text, mentions, readers } = await prepareBody(viewer, thread, body)
	if (pace === 'member') await checkMentionBudget(viewer.id, mentions.length)
	// One transaction, one commit: the post, its number, its index entry, the author's watch,
	// the notifications and what the caller adds (its draft, its idempotency key).
	const { post, notified } = await db.$transaction(async (tx) => {
		// Incrementing the counter claims the next number atomically on both engines.
		const counters = await tx.thread.update({
			where: { id: threadId },
			data: { lastPostNumber: { increment: 1 }, replyCount: { increment: 1 }, lastActivityAt: new Date() },
			select: { lastPostNumber: true, title: true, locked: true, slowModeMinutes: true },
		})
		if (counters.locked) throw new ForumError('This thread is locked: it takes no new replies.', 409)
		// Again now that the thread's row is claimed: two replies sent at once cannot both pass.
		await checkSlowMode(tx, viewer, { id: threadId, slowModeMinutes: counters.slowModeMinutes }, access)
		const created = await tx.post.create({
			data: {
				threadId,
				number: counters.lastPostNumber,
				authorId: viewer.id,
				body,
				bodyHtml: html,
				bodyText: text,
				quotedPostId: quoted?.id ?? null,
			},
			select: postViewSelect,
		})
		await indexPost(tx, { postId: created.id, threadId, forumId: thread.forumId, title: counters.title, text })
		await watchUnlessChosen(tx, viewer.id, threadId, created.number)
		const notified = await recordPostNotifications(
			tx,
			{ threadId, postId: created.id, actorId: viewer.id, mentionedIds: mentions.map((m) => m.id), quotedAuthorId: quoted?.authorId ?? null },
			readers,
		)
		await alongWith?.(tx, { threadId, number: created.number })
		return { post: created, notified }
	})
	const event: PostCreatedEvent = { threadId, post: toPostView(post), lastPostNumber: post.number }
	await publishThread(realtime, thread, FORUM_EVENTS.postCreated, event)
	announceNotifications(realtime, { kind: FORUM_POST, id: post.id }, notified)
	return { postId: post.id, number: post.number }
}

async function requirePost(viewer: Viewer, postId: string) {
	const post = await db.post.findUnique({
		where: { id: postId },
		select: { id: true, threadId: true, authorId: true, number: true, deletedAt: true, hiddenAt: true, body: true, bodyText: true },
	})
	if (!post) throw new ForumError('That post does not exist.', 404)
	const { thread, access } = await requireThread(viewer, post.threadId)
	if (!isPostVisible(access, post)) throw new ForumError('That post does not exist.', 404)
	return { post, thread, access }
}

/**
 * A changed post, to those who may see it. Hiding it tells the thread's readers to drop it; any
 * later change to a hidden post (an edit, a deletion) reaches the forum's moderators only, so
 * members learn nothing about it.
 */
async function publishPostUpdate(realtime: RealtimePublisher, thread: PublishedThread, postId: string, change: 'hidden' | 'other' = 'other') {
	const row = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { ...postViewSelect, hiddenAt: true } })
	if (!row.hiddenAt) {
		await publishThread(realtime, thread, FORUM_EVENTS.postUpdated, { threadId: thread.id, post: toPostView(row) })
	} else if (change === 'hidden') {
		await publishThread(realtime, thread, FORUM_EVENTS.postRemoved, { threadId: thread.id, postId })
	} else {
		const moderatorRooms = (await forumModeratorIds(thread.forumId)).map(rooms.user)
		realtime.toRooms(moderatorRooms, FORUM_EVENTS.postUpdated, { threadId: thread.id, post: toPostView(row) })
	}
}

/** A post of a thread the viewer reads, as its edit page shows it; null when it is not there for them. */
export function findPostInThread(access: ForumAccess, threadId: string, postId: string) {
	return db.post.findFirst({
		where: { id: postId, threadId, ...visiblePostWhere(access) },
		select: { id: true, number: true, body: true, authorId: true, deletedAt: true },
	})
}

/** A post of a thread with its earlier versions, newest first: its history page, for moderators. */
export function findPostHistory(threadId: string, postId: string) {
	return db.post.findFirst({
		where: { id: postId, threadId },
		select: {
			id: true,
			number: true,
			body: true,
			editedAt: true,
			author: { select: { name: true } },
			revisions: { orderBy: { createdAt: 'desc' }, select: { id: true, body: true, createdAt: true, editedBy: { select: { name: true } } } },
		},
	})
}

/** Edits keep the earlier version for moderators. */
export async function editPost(viewer: Viewer, postId: string, newBody: string, realtime: RealtimePublisher) {
	const { post, thread, access } = await requirePost(viewer, postId)
	if (!forumCan.editPost(viewer, access, post)) throw new ForumError('You can only edit your own posts.', 403)
	if (thread.kind === 'lesson' && post.number === 1) throw new ForumError('Edit a lesson with the lesson form.')
	const body = newBody.trim()
	if (body === post.body) return { changed: false }
	const { html, text } = await prepareBody(viewer, thread, body)
	await db.$transaction(async (tx) => {
		await tx.postRevision.create({ data: { postId, body: post.body, editedById: viewer.id } })
		await tx.post.update({ where: { id: postId }, data: { body, bodyHtml: html, bodyText: text, editedAt: new Date() } })
		if (!post.hiddenAt) await indexPost(tx, { postId, threadId: thread.id, forumId: thread.forumId, title: thread.title, text })
	})
	await publishPostUpdate(realtime, thread, postId)
	return { changed: true }
}

export async function editLesson(
	viewer: Viewer,
	threadId: string,
	input: { title: string; blocker: string; lessonHappened: string; lessonLearned: string; lessonDifferently: string; programIds?: string | string[] },
	realtime: RealtimePublisher,
) {
	const { thread, access } = await requireThread(viewer, threadId)
	const opening = await db.post.findUniqueOrThrow({
		where: { threadId_number: { threadId, number: 1 } },
		select: { id: true, authorId: true, number: true, deletedAt: true, hiddenAt: true, body: true, bodyText: true },
	})
	if (thread.kind !== 'lesson') throw new ForumError('Only lessons have lesson parts.')
	if (!forumCan.editPost(viewer, access, opening)) throw new ForumError('You can only edit your own lessons.', 403)
	const body = composeLessonBody(input)
	const changed = body !== opening.body
	const prepared = changed ? await prepareBody(viewer, thread, body) : null
	const text = prepared?.text ?? opening.bodyText
	const learnedText = await lessonLearnedText(input.lessonLearned)
	const programIds = await checkedLessonPrograms(viewer, input.programIds, await lessonProgramIds(threadId))
	await db.$transaction(async (tx) => {
		await writeLessonPrograms(tx, threadId, programIds)
		if (prepared) {
			await tx.postRevision.create({ data: { postId: opening.id, body: opening.body, editedById: viewer.id } })
			await tx.post.update({ where: { id: opening.id }, data: { body, bodyHtml: prepared.html, bodyText: prepared.text, editedAt: new Date() } })
		}
		await tx.thread.update({
			where: { id: threadId },
			data: {
				title: input.title,
				blocker: input.blocker,
				lessonHappened: input.lessonHappened,
				lessonLearned: input.lessonLearned,
				lessonLearnedText: learnedText,
				lessonDifferently: input.lessonDifferently,
			},
		})
		await reindexThreadTitle(tx, threadId, input.title)
		if (!opening.hiddenAt) await indexPost(tx, { postId: opening.id, threadId, forumId: thread.forumId, title: input.title, text })
	})
	await publishPostUpdate(realtime, thread, opening.id)
	await publishThreadState(realtime, threadId)
}

export async function editThreadTitle(viewer: Viewer, threadId: string, title: string, realtime: RealtimePublisher) {
	const { thread, access } = await requireThread(viewer, threadId)
	if (thread.authorId !== viewer.id && !access.canModerate) throw new ForumError('You can only rename your own threads.', 403)
	await db.$transaction(async (tx) => {
		await tx.thread.update({ where: { id: threadId }, data: { title } })
		await reindexThreadTitle(tx, threadId, title)
	})
	await publishThreadState(realtime, threadId)
}

/** Deleted posts keep their place in the thread, shown as "deleted"; their words leave the index. */
export async function deletePost(viewer: Viewer, postId: string, realtime: RealtimePublisher) {
	const { post, thread, access } = await requirePost(viewer, postId)
	if (!forumCan.deletePost(viewer, access, post)) throw new ForumError('You can only delete your own posts.', 403)
	await db.$transaction(async (tx) => {
		await tx.post.update({ where: { id: postId }, data: { deletedAt: new Date(), deletedById: viewer.id } })
		// A hidden reply was taken out of the count when it was hidden.
		if (post.number > 1 && !post.hiddenAt) await tx.thread.update({ where: { id: thread.id }, data: { replyCount: { decrement: 1 } } })
		if (thread.acceptedPostId === postId) await tx.thread.update({ where: { id: thread.id }, data: { acceptedPostId: null } })
		await unindexPost(tx, postId)
	})
	await publishPostUpdate(realtime, thread, postId)
	if (thread.acceptedPostId === postId) await publishThreadState(realtime, thread.id)
}

/**
 * Hidden posts are seen by moderators (and their author, with the reason); hiding the opening post
 * hides the thread. A moderator's hide carries a reason the author is shown (required from the
 * thread page's form). `alongWith` commits what the caller adds (an audit entry, the author's
 * notification) in the same transaction.
 */
export async function setPostHidden(
	viewer: Viewer,
	postId: string,
	hidden: boolean,
	realtime: RealtimePublisher,
	options: { reason?: string; alongWith?: (tx: DbTransaction, post: HiddenPostFacts) => Promise<void> } = {},
) {
	const { post, thread, access } = await requirePost(viewer, postId)
	if (!forumCan.hidePost(access)) throw new ForumError('Only moderators can hide posts.', 403)
	if (Boolean(post.hiddenAt) === hidden) return false
	const reason = hidden ? (options.reason?.trim() ?? '') : ''
	const facts = await changePostHidden(
		{
			postId,
			hidden,
			byId: viewer.id,
			reason: reason || null,
			alongWith: async (tx, facts) => {
				await recordModeratorHide(tx, viewer, { ...facts, groupId: thread.groupId }, hidden, reason)
				await options.alongWith?.(tx, facts)
			},
		},
		realtime,
	)
	announceHideToAuthor(realtime, viewer, facts)
	return true
}

export type HiddenPostFacts = { id: string; number: number; authorId: string; threadId: string; threadTitle: string; forumId: string }

/**
 * The one way a post becomes hidden or shown again, for a moderator (the caller has checked that
 * they may) or for members' flags (`byId` null: hidden until a moderator reviews it). Hiding a
 * post already hidden changes who hid it and why; the counts, the index and the live events move
 * only when the post's visibility does.
 */
export async function changePostHidden(
	input: {
		postId: string
		hidden: boolean
		byId: string | null
		reason: string | null
		alongWith?: (tx: DbTransaction, post: HiddenPostFacts) => Promise<void>
	},
	realtime: RealtimePublisher,
) {
	const post = await db.post.findUniqueOrThrow({
		where: { id: input.postId },
		select: { id: true, number: true, authorId: true, deletedAt: true, hiddenAt: true, bodyText: true, threadId: true },
	})
	const thread = await db.thread.findUniqueOrThrow({ where: { id: post.threadId }, select: { id: true, forumId: true, title: true, hiddenAt: true } })
	const { hidden } = input
	const changes = Boolean(post.hiddenAt) !== hidden
	const facts: HiddenPostFacts = { id: post.id, number: post.number, authorId: post.authorId, threadId: thread.id, threadTitle: thread.title, forumId: thread.forumId }
	await db.$transaction(async (tx) => {
		const reason = hidden ? input.reason : null
		await tx.post.update({
			where: { id: post.id },
			data: hidden ? { hiddenAt: post.hiddenAt ?? new Date(), hiddenById: input.byId, hiddenReason: reason } : { hiddenAt: null, hiddenById: null, hiddenReason: null },
		})
		if (post.number === 1) {
			await tx.thread.update({ where: { id: thread.id }, data: hidden ? { hiddenAt: thread.hiddenAt ?? new Date(), hiddenReason: reason } : { hiddenAt: null, hiddenReason: null } })
		}
		if (changes && post.number > 1 && !post.deletedAt) {
			await tx.thread.update({ where: { id: thread.id }, data: { replyCount: { increment: hidden ? -1 : 1 } } })
		}
		if (changes && hidden) await unindexPost(tx, post.id)
		else if (changes && !post.deletedAt) await indexPost(tx, { postId: post.id, threadId: thread.id, forumId: thread.forumId, title: thread.title, text: post.bodyText })
		await input.alongWith?.(tx, facts)
	})
	if (!changes) return facts
	await publishPostUpdate(realtime, thread, post.id, hidden ? 'hidden' : 'other')
	// A thread hidden from members: their open pages leave its room, moderators (and its author) stay.
	if (hidden && post.number === 1) await realtime.accessChanged({ room: rooms.thread(thread.id) })
	return facts
}

async function publishThreadState(realtime: RealtimePublisher, threadId: string) {
	const thread = await db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: { id: true, forumId: true, hiddenAt: true, locked: true, pinned: true, acceptedPostId: true, title: true },
	})
	const event: ThreadUpdatedEvent = { threadId, locked: thread.locked, pinned: thread.pinned, acceptedPostId: thread.acceptedPostId, title: thread.title }
	await publishThread(realtime, thread, FORUM_EVENTS.threadUpdated, event)
}

export async function setThreadFlag(viewer: Moderator, threadId: string, flag: 'locked' | 'pinned', value: boolean, realtime: RealtimePublisher) {
	const { thread, access } = await requireThread(viewer, threadId)
	if (!access.canModerate) throw new ForumError(`Only moderators can ${flag === 'locked' ? 'lock' : 'pin'} threads.`, 403)
	if (thread[flag] === value) return
	await db.$transaction(async (tx) => {
		await tx.thread.update({ where: { id: threadId }, data: { [flag]: value } })
		await recordAudit(tx, {
			groupId: await auditGroupOf(tx, thread.forumId),
			actor: await auditActor(tx, viewer),
			action: flag === 'locked' ? (value ? 'thread.lock' : 'thread.unlock') : value ? 'thread.pin' : 'thread.unpin',
			target: { kind: 'thread', id: threadId, label: thread.title },
		})
	})
	await publishThreadState(realtime, threadId)
}

async function auditActor(tx: DbTransaction, viewer: Moderator): Promise<{ id: string; name: string }> {
	const name = viewer.name ?? (await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true } })).name
	return { id: viewer.id, name }
}

/** The group a forum's moderation is logged under: its group, or none (site-wide) for the community forum. */
async function auditGroupOf(tx: DbTransaction, forumId: string): Promise<string | null> {
	return (await tx.forum.findUnique({ where: { id: forumId }, select: { groupId: true } }))?.groupId ?? null
}

/** The question's author (or a moderator) marks one reply as the answer; choosing it again clears it. */
export async function acceptAnswer(viewer: Viewer, postId: string, realtime: RealtimePublisher) {
	const { post, thread, access } = await requirePost(viewer, postId)
	if (!forumCan.acceptAnswer(viewer, access, thread, post)) {
		throw new ForumError('Only the person who asked can mark the answer, and only on a reply.', 403)
	}
	const accept = thread.acceptedPostId !== postId
	await db.thread.update({ where: { id: thread.id }, data: { acceptedPostId: accept ? postId : null } })
	await publishThreadState(realtime, thread.id)
	if (accept) await notifyAccepted({ threadId: thread.id, postId, actorId: viewer.id, recipientId: post.authorId }, realtime)
	return { accepted: accept }
}

/** Toggles the viewer's "helpful" on a post and publishes the new count. */
export async function toggleHelpful(viewer: Viewer, postId: string, realtime: RealtimePublisher) {
	const { post, thread, access } = await requirePost(viewer, postId)
	if (!forumCan.react(viewer, access, post)) throw new ForumError('You cannot mark your own post as helpful.', 403)
	const key = { postId_userId: { postId, userId: viewer.id } }
	const existing = await db.reaction.findUnique({ where: key })
	await db.$transaction(async (tx) => {
		if (existing) await tx.reaction.delete({ where: key })
		else await tx.reaction.create({ data: { postId, userId: viewer.id } })
		const count = await tx.reaction.count({ where: { postId } })
		await tx.post.update({ where: { id: postId }, data: { helpfulCount: count } })
		if (post.number === 1) await tx.thread.update({ where: { id: thread.id }, data: { helpfulCount: count } })
	})
	await publishPostUpdate(realtime, thread, postId)
	return { helpful: !existing }
}

export async function toggleBookmark(viewer: Viewer, postId: string) {
	await requirePost(viewer, postId)
	const key = { userId_postId: { userId: viewer.id, postId } }
	const existing = await db.bookmark.findUnique({ where: key })
	if (existing) await db.bookmark.delete({ where: key })
	else await db.bookmark.create({ data: { userId: viewer.id, postId } })
	return { bookmarked: !existing }
}

export type { ForumAccess }
