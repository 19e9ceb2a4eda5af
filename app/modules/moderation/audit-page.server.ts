import { db } from '#app/utils/db.server.ts'
import { AUDIT_ACTIONS, listAudit, type AuditAction, type AuditFilter } from './audit.server.ts'

/**
 * A page of an audit log as its pages show it: each entry with its action in words and a link to
 * its target while the target still exists. Who may read which log is the routes' guard: a group's
 * log its moderators and the site admins, the site-wide log the site admins.
 */

export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
	'thread.pin': 'pinned a thread',
	'thread.unpin': 'unpinned a thread',
	'thread.lock': 'locked a thread',
	'thread.unlock': 'unlocked a thread',
	'thread.move': 'moved a thread',
	'thread.slow-mode': 'changed a thread’s slow mode',
	'post.hide': 'hid a post',
	'post.unhide': 'restored a hidden post',
	'thread.hide': 'hid a thread',
	'thread.unhide': 'restored a hidden thread',
	'flag.hide': 'hid a flagged post',
	'flag.dismiss': 'dismissed a flag',
	'member.role': 'changed a member’s role',
	'member.remove': 'removed a member',
	'invitation.create': 'created an invitation link',
	'invitation.revoke': 'revoked an invitation link',
	'agreement.version': 'published a version of the confidentiality agreement',
	'user.suspend': 'suspended an account',
	'user.unsuspend': 'lifted a suspension',
	'program.approve': 'approved a vendor program',
	'program.edit': 'edited a vendor program',
	'program.merge': 'merged vendor programs',
}

export function actionInWords(action: string): string {
	return (AUDIT_ACTION_WORDS as Record<string, string>)[action] ?? action
}

export function isAuditAction(value: string): value is AuditAction {
	return (AUDIT_ACTIONS as readonly string[]).includes(value)
}

/** The keyset cursor in a URL: `<ISO time>_<id>`; anything else is no cursor (the first page). */
export function parseCursor(value: string | null): { createdAt: Date; id: string } | undefined {
	if (!value) return undefined
	const at = value.indexOf('_')
	if (at <= 0) return undefined
	const createdAt = new Date(value.slice(0, at))
	const id = value.slice(at + 1)
	if (Number.isNaN(createdAt.getTime()) || !/^[A-Za-z0-9-]{1,64}$/.test(id)) return undefined
	return { createdAt, id }
}

export function cursorOf(entry: { createdAt: Date; id: string }): string {
	return `${entry.createdAt.toISOString()}_${entry.id}`
}

/** Where each target leads while it exists (one query per kind on the page). */
async function targetLinks(
	entries: Array<{ targetKind: string; targetId: string }>,
	groupSlug: string | null,
) {
	const ids = (kind: string) => [
		...new Set(entries.filter((e) => e.targetKind === kind).map((e) => e.targetId)),
	]
	const [threads, posts, users, invitations, versions] = await Promise.all([
		db.thread.findMany({ where: { id: { in: ids('thread') } }, select: { id: true } }),
		db.post.findMany({
			where: { id: { in: ids('post') }, deletedAt: null },
			select: { id: true, number: true, threadId: true },
		}),
		db.user.findMany({ where: { id: { in: ids('user') } }, select: { id: true } }),
		groupSlug
			? db.invitation.findMany({ where: { id: { in: ids('invitation') } }, select: { id: true } })
			: [],
		groupSlug
			? db.groupAgreementVersion.findMany({
					where: { id: { in: ids('agreement') } },
					select: { id: true },
				})
			: [],
	])
	const links = new Map<string, string>()
	for (const thread of threads) links.set(`thread:${thread.id}`, `/t/${thread.id}`)
	for (const post of posts) links.set(`post:${post.id}`, `/t/${post.threadId}?post=${post.number}`)
	for (const user of users) links.set(`user:${user.id}`, `/u/${user.id}`)
	for (const invitation of invitations)
		links.set(`invitation:${invitation.id}`, `/g/${groupSlug}/invitations`)
	for (const version of versions) links.set(`agreement:${version.id}`, `/g/${groupSlug}/agreement`)
	return links
}

/** One page of a log with the actors who appear in it (for the filter), newest first. */
export async function auditPage(
	filter: AuditFilter,
	options: { before?: { createdAt: Date; id: string }; groupSlug: string | null },
) {
	const [{ entries, hasMore }, actors] = await Promise.all([
		listAudit(filter, { before: options.before }),
		db.auditEntry.findMany({
			where: { groupId: filter.groupId },
			distinct: ['actorId'],
			orderBy: { actorId: 'asc' },
			select: { actorId: true, actorName: true },
		}),
	])
	const links = await targetLinks(entries, options.groupSlug)
	const last = entries.at(-1)
	return {
		entries: entries.map((entry) => ({
			id: entry.id,
			createdAt: entry.createdAt,
			actorId: entry.actorId,
			actorName: entry.actorName,
			action: entry.action,
			words: actionInWords(entry.action),
			targetLabel: entry.targetLabel || entry.targetKind,
			targetHref: links.get(`${entry.targetKind}:${entry.targetId}`) ?? null,
			reason: entry.reason,
		})),
		next: hasMore && last ? cursorOf(last) : null,
		actors: actors
			.map((a) => ({ id: a.actorId, name: a.actorName }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	}
}

/** Reads a log's filters from a page's address; unknown values are ignored. */
export function auditQuery(url: URL): {
	actorId?: string
	action?: AuditAction
	before?: { createdAt: Date; id: string }
} {
	const actorId = url.searchParams.get('actor')?.trim() || undefined
	const action = url.searchParams.get('action')?.trim() || ''
	return {
		actorId: actorId && actorId.length <= 64 ? actorId : undefined,
		action: isAuditAction(action) ? action : undefined,
		before: parseCursor(url.searchParams.get('before')),
	}
}
