// The audit log's pages and what writes to it: every moderator and admin action of the forums and
// the groups leaves its entry (in its own transaction); a group's log is read by its moderators and
// the site admins, the site-wide log by site admins; filters and pages.
import { beforeAll, describe, expect, test } from 'vitest'
import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { AUDIT_PAGE_SIZE } from '#app/modules/moderation/audit.server.ts'
import { loader as adminAuditLoader } from '#app/routes/admin/audit.tsx'
import { action as groupHomeAction } from '#app/routes/groups/home.tsx'
import { loader as groupAuditLoader } from '#app/routes/groups/audit.tsx'
import { action as invitationsAction } from '#app/routes/groups/invitations.tsx'
import { db } from '#app/utils/db.server.ts'
import {
	callRoute,
	forumWorld,
	person,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'
import { changeEnv, dataOf, statusOf } from '#tests/helpers.ts'

let w: Awaited<ReturnType<typeof forumWorld>>
let threadId: string

beforeAll(async () => {
	const restore = changeEnv({ POST_MIN_GAP_SECONDS: 0, NEW_ACCOUNT_POST_MIN_GAP_SECONDS: 0 })
	w = await forumWorld()
	threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'Pricing managed backup' })
	restore()
})

type Page = {
	entries: Array<{
		id: string
		action: string
		actorName: string
		words: string
		targetLabel: string
		targetHref: string | null
		reason: string
	}>
	actors: Array<{ id: string; name: string }>
	next: string | null
}

function groupLog(who: Person | null, query = '') {
	return callRoute(
		groupAuditLoader,
		`/g/${w.group.slug}/audit${query}`,
		{ slug: w.group.slug },
		who ? { as: who } : {},
	)
}

async function groupEntries(query = '') {
	return dataOf<Page>(await groupLog(w.moderator, query))
}

const lastAction = async () =>
	await db.auditEntry.findFirstOrThrow({
		where: { groupId: w.group.id },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
	})

describe('each action writes its entry', () => {
	test('pin, unpin, lock, unlock', async () => {
		for (const intent of ['pin', 'unpin', 'lock', 'unlock'] as const) {
			expect(statusOf(await threadForm(w.moderator, threadId, { intent }))).toBe(302)
			expect(await lastAction()).toMatchObject({
				action: `thread.${intent}`,
				actorId: w.moderator.id,
				actorName: 'Mona Moderator',
				targetKind: 'thread',
				targetId: threadId,
				targetLabel: 'Pricing managed backup',
			})
		}
		// Unlocking an unlocked thread changes nothing and records nothing.
		const before = await db.auditEntry.count()
		await threadForm(w.moderator, threadId, { intent: 'unlock' })
		expect(await db.auditEntry.count()).toBe(before)
		// A member's attempt is refused and leaves no entry.
		expect(statusOf(await threadForm(w.bob, threadId, { intent: 'pin' }))).toBe(403)
		expect(await db.auditEntry.count()).toBe(before)
	})

	test('hide and unhide a reply and a thread', async () => {
		const reply = await db.post.create({
			data: { threadId, number: 2, authorId: w.bob.id, body: 'x', bodyHtml: '<p>x</p>' },
		})
		await db.thread.update({ where: { id: threadId }, data: { lastPostNumber: 2, replyCount: 1 } })
		for (const intent of ['hide', 'unhide'] as const) {
			expect(statusOf(await threadForm(w.moderator, threadId, { intent, postId: reply.id }))).toBe(
				302,
			)
			expect(await lastAction()).toMatchObject({
				action: `post.${intent}`,
				targetKind: 'post',
				targetId: reply.id,
			})
		}
		const opening = await db.post.findFirstOrThrow({ where: { threadId, number: 1 } })
		for (const intent of ['hide', 'unhide'] as const) {
			expect(
				statusOf(await threadForm(w.moderator, threadId, { intent, postId: opening.id })),
			).toBe(302)
			expect(await lastAction()).toMatchObject({
				action: `thread.${intent}`,
				targetKind: 'thread',
				targetId: threadId,
			})
		}
	})

	test('role changes and removals', async () => {
		const carl = await person({ name: 'Carl Colleague' })
		const membership = await db.membership.create({
			data: { userId: carl.id, groupId: w.group.id },
		})
		const form = (f: Record<string, string>) =>
			callRoute(
				groupHomeAction,
				`/g/${w.group.slug}`,
				{ slug: w.group.slug },
				{ as: w.moderator, form: f },
			)
		expect(
			statusOf(await form({ intent: 'set-role', membershipId: membership.id, role: 'moderator' })),
		).toBe(302)
		const role = await lastAction()
		expect(role).toMatchObject({
			action: 'member.role',
			targetKind: 'user',
			targetId: carl.id,
			targetLabel: 'Carl Colleague',
		})
		expect(JSON.parse(role.detail)).toEqual({ from: 'member', to: 'moderator' })
		expect(statusOf(await form({ intent: 'remove', membershipId: membership.id }))).toBe(302)
		expect(await lastAction()).toMatchObject({ action: 'member.remove', targetId: carl.id })
	})

	test('invitation links created and revoked', async () => {
		const path = `/g/${w.group.slug}/invitations`
		expect(
			statusOf(
				await callRoute(
					invitationsAction,
					path,
					{ slug: w.group.slug },
					{ as: w.moderator, form: { intent: 'create', expiresInDays: '7', singleUse: 'on' } },
				),
			),
		).toBe(200)
		const created = await lastAction()
		expect(created).toMatchObject({
			action: 'invitation.create',
			targetKind: 'invitation',
			actorId: w.moderator.id,
		})
		expect(
			statusOf(
				await callRoute(
					invitationsAction,
					path,
					{ slug: w.group.slug },
					{ as: w.moderator, form: { intent: 'revoke', invitationId: created.targetId } },
				),
			),
		).toBe(302)
		expect(await lastAction()).toMatchObject({
			action: 'invitation.revoke',
			targetId: created.targetId,
		})
		// Revoking it again is not a second action.
		const before = await db.auditEntry.count()
		await callRoute(
			invitationsAction,
			path,
			{ slug: w.group.slug },
			{ as: w.moderator, form: { intent: 'revoke', invitationId: created.targetId } },
		)
		expect(await db.auditEntry.count()).toBe(before)
	})

	test('the group’s page lists them newest first, in words, linked while the target exists', async () => {
		const page = await groupEntries()
		expect(page.entries.map((e) => e.action).slice(0, 3)).toEqual([
			'invitation.revoke',
			'invitation.create',
			'member.remove',
		])
		const pin = page.entries.find((e) => e.action === 'thread.pin')!
		expect(pin).toMatchObject({
			words: 'pinned a thread',
			actorName: 'Mona Moderator',
			targetLabel: 'Pricing managed backup',
			targetHref: `/t/${threadId}`,
		})
		const invitation = page.entries.find((e) => e.action === 'invitation.create')!
		expect(invitation.targetHref).toBe(`/g/${w.group.slug}/invitations`)
		// A target that is gone keeps its label, without a link.
		await db.thread.delete({ where: { id: threadId } })
		const after = (await groupEntries()).entries.find((e) => e.action === 'thread.pin')!
		expect(after).toMatchObject({ targetLabel: 'Pricing managed backup', targetHref: null })
	})
})

describe('who may read the logs', () => {
	test('a group’s log: its moderators and site admins; members 403; others 404; signed out to log in', async () => {
		expect(statusOf(await groupLog(w.moderator))).toBe(200)
		expect(statusOf(await groupLog(w.admin))).toBe(200)
		expect(statusOf(await groupLog(w.bob))).toBe(403)
		expect(statusOf(await groupLog(w.outsider))).toBe(404) // moderator of another group
		expect(statusOf(await groupLog(w.loner))).toBe(404)
		const anonymous = await groupLog(null)
		expect(statusOf(anonymous)).toBe(302)
		expect((anonymous as Response).headers.get('location')).toMatch(/^\/login/)
		// Another group's moderator does not read this log at their own group's address either.
		const other = dataOf<Page>(
			await callRoute(
				groupAuditLoader,
				`/g/${w.otherGroup.slug}/audit`,
				{ slug: w.otherGroup.slug },
				{ as: w.outsider },
			),
		)
		expect(other.entries).toEqual([])
	})

	test('the site log: site admins only, and only site-wide entries', async () => {
		await db.$transaction((tx) =>
			recordAudit(tx, {
				groupId: null,
				actor: { id: w.admin.id, name: 'Ada Admin' },
				action: 'user.suspend',
				target: { kind: 'user', id: w.loner.id, label: 'Lou Loner' },
				reason: 'Spam',
			}),
		)
		const page = dataOf<Page>(
			await callRoute(adminAuditLoader, '/admin/audit', {}, { as: w.admin }),
		)
		expect(page.entries).toEqual([
			expect.objectContaining({
				action: 'user.suspend',
				words: 'suspended an account',
				reason: 'Spam',
				targetHref: `/u/${w.loner.id}`,
			}),
		])
		for (const who of [w.moderator, w.bob, w.outsider, w.loner]) {
			expect(statusOf(await callRoute(adminAuditLoader, '/admin/audit', {}, { as: who }))).toBe(404)
		}
		expect(statusOf(await callRoute(adminAuditLoader, '/admin/audit', {}, {}))).toBe(302)
	})
})

describe('filters and pages', () => {
	test('by actor and by action; an unknown value is no filter; an empty result says so', async () => {
		const byAction = await groupEntries('?action=thread.lock')
		expect(byAction.entries.map((e) => e.action)).toEqual(['thread.lock'])
		await db.$transaction((tx) =>
			recordAudit(tx, {
				groupId: w.group.id,
				actor: { id: w.admin.id, name: 'Ada Admin' },
				action: 'thread.lock',
				target: { kind: 'thread', id: 'gone', label: 'Old thread' },
			}),
		)
		const byAdmin = await groupEntries(`?actor=${w.admin.id}`)
		expect(byAdmin.entries.map((e) => e.actorName)).toEqual(['Ada Admin'])
		expect(byAdmin.actors.map((a) => a.name)).toEqual(['Ada Admin', 'Mona Moderator'])
		const both = await groupEntries(`?actor=${w.moderator.id}&action=thread.lock`)
		expect(both.entries).toHaveLength(1)
		const none = await groupEntries(`?actor=${w.bob.id}`)
		expect(none.entries).toEqual([])
		const unknown = await groupEntries('?action=drop.tables&before=yesterday')
		expect(unknown.entries.length).toBeGreaterThan(5)
	})

	test('older entries by the before cursor, without repeats or gaps', async () => {
		const many = Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
			groupId: w.otherGroup.id,
			actorId: w.outsider.id,
			actorName: 'Olga Outsider',
			action: 'thread.pin',
			targetKind: 'thread',
			targetId: `t${i}`,
			targetLabel: `Thread ${i}`,
			createdAt: new Date(Date.UTC(2040, 0, 1, 0, 0, i % 3)),
		}))
		await db.auditEntry.createMany({ data: many })
		const load = async (query = '') =>
			dataOf<Page>(
				await callRoute(
					groupAuditLoader,
					`/g/${w.otherGroup.slug}/audit${query}`,
					{ slug: w.otherGroup.slug },
					{ as: w.outsider },
				),
			)
		const first = await load()
		expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE)
		expect(first.next).not.toBeNull()
		const second = await load(`?before=${encodeURIComponent(first.next!)}`)
		expect(second.entries).toHaveLength(5)
		expect(second.next).toBeNull()
		const seen = [...first.entries, ...second.entries].map((e) => e.targetLabel)
		expect(new Set(seen).size).toBe(AUDIT_PAGE_SIZE + 5)
	})
})
