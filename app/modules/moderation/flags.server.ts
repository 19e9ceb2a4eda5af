import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { forumAccess, threadAccess } from '#app/modules/forums/access.server.ts'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { changePostHidden } from '#app/modules/forums/posts.server.ts'
import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import { catalogueViewer, programAccessFrom } from '#app/modules/vendors/access.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { queryRows, sql } from '#app/utils/sql.server.ts'
import { recordAudit } from './audit.server.ts'
import {
	MODERATION_FLAG,
	MODERATION_POST,
	MODERATION_RATING,
	MODERATION_TYPES,
} from './constants.ts'
import {
	FLAG_HIDDEN_REASON,
	FLAG_REASON_LABELS,
	type FlagInput,
	type FlagReason,
	type FlagSubjectKind,
} from './flag-schemas.ts'
import { announceHideToAuthor, notifyAuthorOfHide } from './hide-notices.server.ts'
import { ModerationError } from './moderation-error.ts'

/**
 * Flags: a member tells the moderators that a post, a thread or a program review needs a look.
 *
 *   - Who may flag: whoever may read the item (the forums' and the catalogue's access modules
 *     answer), except its author; once per item; at most FLAGS_PER_HOUR flags an hour.
 *   - Who reviews: the moderators of the item's group; for the community forum, whoever the
 *     forums' access module says moderates it (the site admins). Site admins review every group's
 *     queue too. A review belongs to the group it is shown as.
 *   - When `flagThreshold` distinct members (the group's setting; DEFAULT_FLAG_THRESHOLD in the
 *     community forum) have open flags on an item, it is hidden the way a moderator hides it, with
 *     FLAG_HIDDEN_REASON and no moderator, until one reviews it.
 *   - A moderator resolves all of an item's open flags at once: hide it (with a reason its author
 *     sees) or dismiss them (which shows again what the flags alone had hidden). Each reporter is
 *     told; the audit log keeps the decision.
 */

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'> & { name?: string }

export const FLAGS_PER_HOUR = 10
export const DEFAULT_FLAG_THRESHOLD = 3
export const FLAG_QUEUE_PAGE_SIZE = 20
const HOUR_MS = 60 * 60 * 1000
const EXCERPT_LENGTH = 280

type HiddenState = { hiddenAt: Date | null; hiddenById: string | null; hiddenReason: string | null }

/** What the flags, the queue and the resolution need to know about an item. */
export type FlagTarget = {
	kind: FlagSubjectKind
	id: string
	/** The group whose moderators review it; null for the community forum. */
	groupId: string | null
	authorId: string
	authorName: string
	/** "a post in “Cash flow”": how the item is named in lists and notices. */
	label: string
	/** Where it is seen in context. */
	href: string
	excerpt: string
	hidden: HiddenState
	deleted: boolean
	/** What the forums hide for a post or thread: the post (the opening post for a thread). */
	postId: string | null
	/** For the reader rule: the thread, or the rating's program. */
	threadId: string | null
	programId: string | null
}

const KIND_WORDS: Record<FlagSubjectKind, string> = {
	post: 'post',
	thread: 'thread',
	rating: 'review',
}

function excerpt(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim()
	return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat
}

const postSelect = {
	id: true,
	threadId: true,
	number: true,
	authorId: true,
	bodyText: true,
	body: true,
	deletedAt: true,
	hiddenAt: true,
	hiddenById: true,
	hiddenReason: true,
	author: { select: { name: true } },
	thread: { select: { title: true, forum: { select: { groupId: true } } } },
} as const

/** An item as it is, whoever asks; null when it does not exist. */
export async function loadFlagTarget(
	kind: FlagSubjectKind,
	id: string,
): Promise<FlagTarget | null> {
	if (kind === 'rating') {
		const rating = await db.programRating.findUnique({
			where: { id },
			select: {
				id: true,
				programId: true,
				groupId: true,
				memberId: true,
				review: true,
				pros: true,
				cons: true,
				hiddenAt: true,
				hiddenById: true,
				hiddenReason: true,
				member: { select: { name: true } },
				program: { select: { name: true } },
			},
		})
		if (!rating) return null
		return {
			kind,
			id,
			groupId: rating.groupId,
			authorId: rating.memberId,
			authorName: rating.member.name,
			label: `a review of ${rating.program.name}`,
			href: `/programs/${rating.programId}#review-${rating.id}`,
			excerpt: excerpt([rating.review, rating.pros, rating.cons].filter(Boolean).join(' · ')),
			hidden: {
				hiddenAt: rating.hiddenAt,
				hiddenById: rating.hiddenById,
				hiddenReason: rating.hiddenReason,
			},
			deleted: false,
			postId: null,
			threadId: null,
			programId: rating.programId,
		}
	}
	const post =
		kind === 'thread'
			? await db.post.findUnique({
					where: { threadId_number: { threadId: id, number: 1 } },
					select: postSelect,
				})
			: await db.post.findUnique({ where: { id }, select: postSelect })
	if (!post) return null
	return {
		kind,
		id,
		groupId: post.thread.forum.groupId,
		authorId: post.authorId,
		authorName: post.author.name,
		label:
			kind === 'thread' ? `the thread “${post.thread.title}”` : `a post in “${post.thread.title}”`,
		href: `/t/${post.threadId}?post=${post.number}`,
		excerpt: excerpt(post.bodyText || post.body),
		hidden: {
			hiddenAt: post.hiddenAt,
			hiddenById: post.hiddenById,
			hiddenReason: post.hiddenReason,
		},
		deleted: Boolean(post.deletedAt),
		postId: post.id,
		threadId: post.threadId,
		programId: null,
	}
}

/**
 * An item the viewer may read, or null: the forums' rule for a post or thread (a hidden one is
 * its moderators' and its author's), the catalogue's for a review.
 */
export async function readableFlagTarget(
	viewer: Viewer,
	kind: FlagSubjectKind,
	id: string,
): Promise<FlagTarget | null> {
	const target = await loadFlagTarget(kind, id)
	if (!target || target.deleted) return null
	if (target.threadId) {
		const found = await threadAccess(viewer, target.threadId)
		if (!found) return null
		if (target.hidden.hiddenAt && !found.access.canModerate && target.authorId !== viewer.id)
			return null
		return target
	}
	const cv = await catalogueViewer(viewer)
	if (!cv || !target.programId) return null
	const program = await db.vendorProgram.findUnique({
		where: { id: target.programId },
		select: { id: true, state: true, proposedById: true },
	})
	if (!program || !programAccessFrom(cv, program)) return null
	const rating = await db.programRating.findUnique({
		where: { id },
		select: { visibility: true, groupId: true },
	})
	const readable =
		rating &&
		(rating.visibility === 'community' ||
			cv.groupIds.includes(rating.groupId) ||
			target.authorId === viewer.id)
	if (!readable) return null
	if (
		target.hidden.hiddenAt &&
		target.authorId !== viewer.id &&
		!(await moderatesFlagScope(viewer, target.groupId))
	)
		return null
	return target
}

/**
 * Whether the viewer reviews the flags of a group (or, for null, of the community forum): its
 * moderators and the site admins; the community forum's moderators as the forums say.
 */
export async function moderatesFlagScope(viewer: Viewer, groupId: string | null): Promise<boolean> {
	if (groupId === null) return (await forumAccess(viewer, COMMUNITY_FORUM_ID)).canModerate
	if (viewer.isSiteAdmin) return true
	const membership = await db.membership.findFirst({
		where: activeMembershipWhere({ userId: viewer.id, groupId }),
		select: { role: true },
	})
	return membership?.role === 'moderator'
}

/** How many distinct members' flags hide an item of the group. */
async function thresholdOf(groupId: string | null): Promise<number> {
	if (groupId === null) return DEFAULT_FLAG_THRESHOLD
	const group = await db.group.findUnique({
		where: { id: groupId },
		select: { flagThreshold: true },
	})
	return group?.flagThreshold ?? DEFAULT_FLAG_THRESHOLD
}

/** The viewer's flag of an item, if they made one: the flag page shows it instead of the form. */
export function findOwnFlag(viewerId: string, kind: FlagSubjectKind, id: string) {
	return db.flag.findUnique({
		where: {
			reporterId_subjectKind_subjectId: { reporterId: viewerId, subjectKind: kind, subjectId: id },
		},
		select: {
			id: true,
			reason: true,
			note: true,
			status: true,
			createdAt: true,
			resolvedAt: true,
			resolutionNote: true,
		},
	})
}

function isUniqueViolation(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		'code' in error &&
		(error as { code: unknown }).code === 'P2002'
	)
}

/** Hides or shows again a review, in the forums' way: who hid it (null: members' flags) and why. */
async function changeRatingHidden(input: {
	ratingId: string
	hidden: boolean
	byId: string | null
	reason: string | null
	alongWith?: (tx: DbTransaction) => Promise<void>
}) {
	await db.$transaction(async (tx) => {
		const current = await tx.programRating.findUniqueOrThrow({
			where: { id: input.ratingId },
			select: { hiddenAt: true },
		})
		await tx.programRating.update({
			where: { id: input.ratingId },
			data: input.hidden
				? {
						hiddenAt: current.hiddenAt ?? new Date(),
						hiddenById: input.byId,
						hiddenReason: input.reason,
					}
				: { hiddenAt: null, hiddenById: null, hiddenReason: null },
		})
		await input.alongWith?.(tx)
	})
}

/** Hides or shows an item, its own way, with what the caller commits alongside. */
async function changeTargetHidden(
	target: FlagTarget,
	input: {
		hidden: boolean
		byId: string | null
		reason: string | null
		alongWith: (tx: DbTransaction) => Promise<void>
	},
	realtime: RealtimePublisher,
) {
	if (target.postId) {
		await changePostHidden({ postId: target.postId, ...input }, realtime)
	} else {
		await changeRatingHidden({ ratingId: target.id, ...input })
	}
}

const authorKind = (target: FlagTarget) =>
	target.kind === 'rating' ? MODERATION_RATING : MODERATION_POST
const authorSubject = (target: FlagTarget) => ({
	id: target.postId ?? target.id,
	authorId: target.authorId,
})

/**
 * A member's flag. Refused, with a message and nothing written: an item they cannot read (404),
 * their own (400), one they flagged before (409), past the hourly allowance (429). Past the
 * group's threshold the item is hidden until a moderator reviews it.
 */
export async function createFlag(
	viewer: Viewer,
	input: FlagInput,
	realtime: RealtimePublisher,
	now = new Date(),
) {
	const target = await readableFlagTarget(viewer, input.kind, input.id)
	const word = KIND_WORDS[input.kind]
	if (!target) throw new ModerationError(`That ${word} does not exist or you cannot see it.`, 404)
	if (target.authorId === viewer.id) throw new ModerationError(`You cannot flag your own ${word}.`)
	if (await findOwnFlag(viewer.id, input.kind, input.id)) {
		throw new ModerationError(`You have already flagged this ${word}; the moderators have it.`, 409)
	}
	const recent = await db.flag.count({
		where: { reporterId: viewer.id, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
	})
	if (recent >= FLAGS_PER_HOUR) {
		throw new ModerationError(
			`You can flag at most ${FLAGS_PER_HOUR} items an hour. The moderators have your earlier flags; try again later.`,
			429,
		)
	}
	let flagId: string
	let open: number
	try {
		;({ flagId, open } = await db.$transaction(async (tx) => {
			const flag = await tx.flag.create({
				data: {
					subjectKind: input.kind,
					subjectId: input.id,
					groupId: target.groupId,
					reporterId: viewer.id,
					reason: input.reason,
					note: input.note,
				},
				select: { id: true },
			})
			const open = await tx.flag.count({
				where: { subjectKind: input.kind, subjectId: input.id, status: 'open' },
			})
			return { flagId: flag.id, open }
		}))
	} catch (error) {
		// Two submissions of the same form at once: the second finds the first.
		if (isUniqueViolation(error))
			throw new ModerationError(
				`You have already flagged this ${word}; the moderators have it.`,
				409,
			)
		throw error
	}
	let hidden = false
	if (!target.hidden.hiddenAt && open >= (await thresholdOf(target.groupId))) {
		await changeTargetHidden(
			target,
			{
				hidden: true,
				byId: null,
				reason: FLAG_HIDDEN_REASON,
				alongWith: (tx) =>
					notifyAuthorOfHide(tx, null, authorSubject(target), true, authorKind(target)),
			},
			realtime,
		)
		announceHideToAuthor(realtime, null, authorSubject(target), authorKind(target))
		hidden = true
	}
	return { flagId, hidden, target }
}

export type QueueScope = { groupId: string | null }

function scopeSql(scope: QueueScope) {
	return scope.groupId === null ? sql`f."groupId" IS NULL` : sql`f."groupId" = ${scope.groupId}`
}

export type QueueItem = {
	kind: FlagSubjectKind
	id: string
	count: number
	firstFlaggedAt: Date
	reasons: Array<{ reason: FlagReason; label: string; count: number }>
	flags: Array<{
		id: string
		reporterName: string
		reason: FlagReason
		reasonLabel: string
		note: string
		createdAt: Date
	}>
	target: FlagTarget | null
	/** Hidden by the flags alone, waiting for this review. */
	hiddenByFlags: boolean
	hiddenByModerator: boolean
}

/** The queue: flagged items with open flags, each once with its count and reasons, oldest first, a page at a time. */
export async function listFlagQueue(scope: QueueScope, page: number) {
	const [counted] = await queryRows<{ count: number | bigint }>(sql`
		SELECT COUNT(*) AS "count" FROM (SELECT DISTINCT f."subjectKind", f."subjectId" FROM "Flag" f WHERE ${scopeSql(scope)} AND f."status" = 'open') items`)
	const total = Number(counted?.count ?? 0)
	const pageCount = Math.max(1, Math.ceil(total / FLAG_QUEUE_PAGE_SIZE))
	const current = Math.min(Math.max(1, page), pageCount)
	// The subject breaks ties between items first flagged in the same millisecond, so pages never overlap.
	const rows = await queryRows<{
		subjectKind: string
		subjectId: string
		count: number | bigint
		firstAt: Date | string
	}>(sql`
		SELECT f."subjectKind", f."subjectId", COUNT(*) AS "count", MIN(f."createdAt") AS "firstAt"
		FROM "Flag" f WHERE ${scopeSql(scope)} AND f."status" = 'open'
		GROUP BY f."subjectKind", f."subjectId"
		ORDER BY MIN(f."createdAt") ASC, f."subjectKind" ASC, f."subjectId" ASC
		LIMIT ${FLAG_QUEUE_PAGE_SIZE} OFFSET ${(current - 1) * FLAG_QUEUE_PAGE_SIZE}`)
	const flags = rows.length
		? await db.flag.findMany({
				where: {
					status: 'open',
					OR: rows.map((row) => ({ subjectKind: row.subjectKind, subjectId: row.subjectId })),
				},
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				select: {
					id: true,
					subjectKind: true,
					subjectId: true,
					reason: true,
					note: true,
					createdAt: true,
					reporter: { select: { name: true } },
				},
			})
		: []
	const items: QueueItem[] = await Promise.all(
		rows.map(async (row) => {
			const kind = row.subjectKind as FlagSubjectKind
			const own = flags.filter(
				(flag) => flag.subjectKind === row.subjectKind && flag.subjectId === row.subjectId,
			)
			const byReason = new Map<FlagReason, number>()
			for (const flag of own)
				byReason.set(flag.reason as FlagReason, (byReason.get(flag.reason as FlagReason) ?? 0) + 1)
			const target = await loadFlagTarget(kind, row.subjectId)
			return {
				kind,
				id: row.subjectId,
				count: Number(row.count),
				firstFlaggedAt: new Date(row.firstAt),
				reasons: [...byReason].map(([reason, count]) => ({
					reason,
					label: FLAG_REASON_LABELS[reason] ?? reason,
					count,
				})),
				flags: own.map((flag) => ({
					id: flag.id,
					reporterName: flag.reporter.name,
					reason: flag.reason as FlagReason,
					reasonLabel: FLAG_REASON_LABELS[flag.reason as FlagReason] ?? flag.reason,
					note: flag.note,
					createdAt: flag.createdAt,
				})),
				target,
				hiddenByFlags: Boolean(target?.hidden.hiddenAt && !target.hidden.hiddenById),
				hiddenByModerator: Boolean(target?.hidden.hiddenAt && target.hidden.hiddenById),
			}
		}),
	)
	return { items, total, page: current, pageCount }
}

export type Resolution = { intent: 'hide'; reason: string } | { intent: 'dismiss'; note: string }

/**
 * A moderator's decision on an item of their queue: all its open flags resolved together, the
 * item hidden (with the reason its author sees) or, on dismissal, shown again if the flags alone
 * had hidden it; an audit entry; each reporter told. The caller has checked that the viewer
 * reviews `scope`; an item of another scope answers 404, one already handled 409.
 */
export async function resolveFlags(
	viewer: Viewer,
	scope: QueueScope,
	item: { kind: FlagSubjectKind; id: string },
	resolution: Resolution,
	realtime: RealtimePublisher,
) {
	const open = await db.flag.findMany({
		where: { subjectKind: item.kind, subjectId: item.id, status: 'open' },
		select: { id: true, groupId: true, reporterId: true, reason: true },
	})
	const word = KIND_WORDS[item.kind]
	if (open.length === 0) {
		const any = await db.flag.findFirst({
			where: { subjectKind: item.kind, subjectId: item.id, groupId: scope.groupId },
			select: { id: true },
		})
		if (!any) throw new ModerationError(`That ${word} is not in this queue.`, 404)
		throw new ModerationError(
			`Another moderator has already handled the flags on this ${word}.`,
			409,
		)
	}
	if (open.some((flag) => flag.groupId !== scope.groupId))
		throw new ModerationError(`That ${word} is not in this queue.`, 404)
	const actor = {
		id: viewer.id,
		name:
			viewer.name ??
			(await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true } })).name,
	}
	const target = await loadFlagTarget(item.kind, item.id)
	const hide = resolution.intent === 'hide'
	const status = hide ? 'hidden' : 'dismissed'
	const note = hide ? resolution.reason : resolution.note
	const reporterType = hide ? MODERATION_TYPES.flagHidden : MODERATION_TYPES.flagDismissed
	const unhide = !hide && Boolean(target?.hidden.hiddenAt && !target.hidden.hiddenById)
	let authorTold = false

	const alongWith = async (tx: DbTransaction) => {
		const { count } = await tx.flag.updateMany({
			where: { id: { in: open.map((flag) => flag.id) }, status: 'open' },
			data: { status, resolvedById: viewer.id, resolvedAt: new Date(), resolutionNote: note },
		})
		// Another moderator's decision came first: this one changes nothing (the transaction rolls back).
		if (count !== open.length)
			throw new ModerationError(
				`Another moderator has already handled the flags on this ${word}.`,
				409,
			)
		await recordAudit(tx, {
			groupId: scope.groupId,
			actor,
			action: hide ? 'flag.hide' : 'flag.dismiss',
			target: { kind: item.kind, id: item.id, label: target?.label ?? word },
			reason: note,
			detail: { flags: open.length, reasons: open.map((flag) => flag.reason), unhidden: unhide },
		})
		for (const flag of open) {
			await recordNotifications(tx, {
				subject: { kind: MODERATION_FLAG, id: flag.id },
				actorId: viewer.id,
				recipients: [{ userId: flag.reporterId, type: reporterType }],
			})
		}
		if (target && (hide || unhide)) {
			await notifyAuthorOfHide(tx, viewer.id, authorSubject(target), hide, authorKind(target))
			authorTold = target.authorId !== viewer.id
		}
	}

	if (target && !target.deleted && (hide || unhide)) {
		await changeTargetHidden(
			target,
			{ hidden: hide, byId: viewer.id, reason: hide ? resolution.reason : null, alongWith },
			realtime,
		)
	} else {
		await db.$transaction(alongWith)
	}
	for (const flag of open)
		announceNotifications(realtime, { kind: MODERATION_FLAG, id: flag.id }, [flag.reporterId])
	if (target && authorTold)
		announceHideToAuthor(realtime, viewer, authorSubject(target), authorKind(target))
	return { resolved: open.length, status, unhidden: unhide }
}

/** A group's threshold, set on its queue page by those who review it. */
export async function setFlagThreshold(viewer: Viewer, groupId: string, threshold: number) {
	if (!(await moderatesFlagScope(viewer, groupId)))
		throw new ModerationError('Only the group’s moderators can change this.', 403)
	await db.group.update({ where: { id: groupId }, data: { flagThreshold: threshold } })
}

export function groupFlagThreshold(groupId: string) {
	return thresholdOf(groupId)
}
