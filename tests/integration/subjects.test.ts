// A subject kind other than forum posts, registered here alone: it can notify a member and be
// found by search, through the same registries the forums use, and a member its access rule
// refuses sees neither the notification nor the search result.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	deleteSubjectNotifications,
	listNotifications,
	openNotification,
	recordNotifications,
	unreadNotificationCount,
} from '#app/modules/notifications/notifications.server.ts'
import { registerNotificationSubject } from '#app/modules/notifications/subjects.server.ts'
import { indexSubject, unindexSubject } from '#app/modules/search/index.server.ts'
import { searchPosts } from '#app/modules/search/search.server.ts'
import { registerSearchSubject } from '#app/modules/search/subjects.server.ts'
import { db, onStatement } from '#app/utils/db.server.ts'
import { sql } from '#app/utils/sql.server.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { person, startThread } from '#tests/forum-helpers.ts'
import { createGroupWith } from '#tests/helpers.ts'

// "test.note": a note kept in a group, readable by the group's members. Its id names its group
// ("<groupId>:<n>"), so the rule is a condition on the id alone, as SQL and as a batch check.
const KIND = 'test.note'
const titles = new Map<string, string>()
/** Notes the kind's own check refuses although their scope is readable (the second lock). */
const withdrawn = new Set<string>()
const groupOf = (noteId: string) => noteId.slice(0, noteId.indexOf(':'))

async function memberGroupIds(userId: string): Promise<Set<string>> {
	const rows = await db.membership.findMany({ where: { userId }, select: { groupId: true } })
	return new Set(rows.map((row) => row.groupId))
}

const unregister: Array<() => void> = []
beforeAll(() => {
	unregister.push(
		registerNotificationSubject({
			kind: KIND,
			readableSql: (userId, noteId) =>
				sql`EXISTS (SELECT 1 FROM "Membership" tm WHERE tm."userId" = ${userId} AND ${noteId} LIKE tm."groupId" || ':%')`,
			async readable(userId, noteIds) {
				const groups = await memberGroupIds(userId)
				return new Set(noteIds.filter((id) => groups.has(groupOf(id))))
			},
			async links(noteIds) {
				return new Map(noteIds.map((id) => [id, { href: `/notes/${id}`, title: titles.get(id) ?? '?', note: null }]))
			},
		}),
		registerSearchSubject({
			kind: KIND,
			scopes: async (viewer) => [...(await memberGroupIds(viewer.id))],
			async results(viewer, noteIds) {
				const groups = await memberGroupIds(viewer.id)
				const readable = noteIds.filter((id) => groups.has(groupOf(id)) && !withdrawn.has(id))
				return new Map(readable.map((id) => [id, { href: `/notes/${id}`, title: titles.get(id) ?? '?', label: 'Note' }]))
			},
		}),
	)
})
afterAll(() => {
	for (const undo of unregister) undo()
})

async function world() {
	await ensureCommunityForum()
	const [mia, max, nia] = [await person({ name: 'Mia Member' }), await person({ name: 'Max Member' }), await person({ name: 'Nia Outsider' })]
	const group = await createGroupWith({ moderator: mia, members: [max] })
	// Nia has a group of her own: forums and notes she may read, this group's not among them.
	await createGroupWith({ moderator: nia })
	const note = async (n: number, title: string, text: string) => {
		const id = `${group.id}:${n}`
		titles.set(id, title)
		await db.$transaction((tx) => indexSubject(tx, { kind: KIND, id, scope: group.id, title, text }))
		return id
	}
	return { mia, max, nia, group, note }
}

describe('a subject kind registered by its domain', () => {
	test('notifies a member who may read it, and nobody its rule refuses', async () => {
		const { mia, max, nia, note } = await world()
		const noteId = await note(1, 'Annual plan check-in: Q3', 'Revenue is on plan.')
		// Written for both; what the outsider may see is decided when reading, by the kind's rule.
		await recordNotifications(db, {
			subject: { kind: KIND, id: noteId },
			actorId: mia.id,
			recipients: [
				{ userId: max.id, type: 'checkin' },
				{ userId: nia.id, type: 'checkin' },
			],
		})

		const seen: string[] = []
		const stop = onStatement((statement) => seen.push(statement))
		const count = await unreadNotificationCount(max.id).finally(stop)
		expect(count).toBe(1)
		expect(seen).toHaveLength(1) // the count stays one statement with every kind's rule in it
		const list = await listNotifications(max.id, 1)
		expect(list.total).toBe(1)
		expect(list.rows).toMatchObject([{ type: 'checkin', link: { href: `/notes/${noteId}`, title: 'Annual plan check-in: Q3' } }])
		expect(list.rows[0]!.readAt).toBeNull()
		expect(await openNotification(max.id, list.rows[0]!.id)).toBe(`/notes/${noteId}`)
		expect(await unreadNotificationCount(max.id)).toBe(0)

		expect(await unreadNotificationCount(nia.id)).toBe(0)
		expect(await listNotifications(nia.id, 1)).toEqual({ total: 0, rows: [] })
		const hers = await db.notification.findFirstOrThrow({ where: { userId: nia.id }, select: { id: true } })
		expect(await openNotification(nia.id, hers.id)).toBeNull()

		// The domain deletes its subject: the notifications go with it.
		await deleteSubjectNotifications(db, KIND, [noteId])
		expect(await db.notification.count({ where: { subjectKind: KIND, subjectId: noteId } })).toBe(0)
	})

	test('is found by search by those its rule lets read it, beside forum posts, and by nobody else', async () => {
		const { mia, nia, note } = await world()
		const found = await note(1, 'Vendor program review: Wombat Logistics', 'The wombat contract renews in March.')
		const refused = await note(2, 'Vendor program review: withdrawn', 'A second wombat review, withdrawn.')
		withdrawn.add(refused)
		await startThread(mia, 'community', { title: 'Wombat sightings near the depot', body: 'Two wombats this week.' })

		const results = await searchPosts(mia, { q: 'wombat' })
		expect(results.results).toHaveLength(2)
		expect(results.results.find((r) => r.type === 'post')).toMatchObject({ threadTitle: 'Wombat sightings near the depot' })
		expect(results.results.filter((r) => r.type === 'subject')).toEqual([
			{
				type: 'subject',
				subjectKind: KIND,
				subjectId: found,
				href: `/notes/${found}`,
				title: 'Vendor program review: Wombat Logistics',
				label: 'Note',
				snippetHtml: expect.stringContaining('<mark>wombat</mark>'),
			},
		])
		// Outside the group: its scope is not hers, so the index walk passes the notes by; the
		// community post she may read.
		expect((await searchPosts(nia, { q: 'wombat' })).results.map((r) => r.type)).toEqual(['post'])
		// A post filter asks for forum posts alone.
		expect((await searchPosts(mia, { q: 'wombat', kind: 'discussion' })).results.map((r) => r.type)).toEqual(['post'])

		await db.$transaction((tx) => unindexSubject(tx, KIND, [found, refused]))
		expect((await searchPosts(mia, { q: 'wombat' })).results.map((r) => r.type)).toEqual(['post'])
	})
})
