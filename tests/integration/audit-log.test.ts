// The audit log keeps every entry and refuses edits and deletions, whatever path a write takes.
import { describe, expect, test } from 'vitest'
import { listAudit, recordAudit, AUDIT_PAGE_SIZE } from '#app/modules/moderation/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createUser } from '#tests/helpers.ts'

describe('audit log', () => {
	test('entries are listed newest first, by page, and filter by actor and action', async () => {
		const moderator = await createUser()
		const other = await createUser()
		const group = await createGroupWith({ moderator })
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
			await recordAudit(db, {
				groupId: group.id,
				actor: i % 2 ? moderator : other,
				action: i % 3 ? 'thread.pin' : 'thread.lock',
				target: { kind: 'thread', id: `t${i}`, label: `Thread ${i}` },
				reason: 'tidy',
			})
		}
		const first = await listAudit({ groupId: group.id })
		expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE)
		expect(first.hasMore).toBe(true)
		const last = first.entries.at(-1)!
		const second = await listAudit({ groupId: group.id }, { before: last })
		expect(second.entries).toHaveLength(5)
		const ids = new Set([...first.entries, ...second.entries].map((entry) => entry.targetId))
		expect(ids.size).toBe(AUDIT_PAGE_SIZE + 5)

		const byActor = await listAudit({ groupId: group.id, actorId: moderator.id })
		expect(byActor.entries.every((entry) => entry.actorId === moderator.id)).toBe(true)
		expect(byActor.entries.length).toBe(Math.floor((AUDIT_PAGE_SIZE + 5) / 2))
		const locks = await listAudit({ groupId: group.id, action: 'thread.lock' })
		expect(locks.entries.every((entry) => entry.action === 'thread.lock')).toBe(true)
		expect(locks.entries.length).toBe(Math.ceil((AUDIT_PAGE_SIZE + 5) / 3))
	})

	test('the database refuses to change or delete an entry', async () => {
		const moderator = await createUser()
		const group = await createGroupWith({ moderator })
		await recordAudit(db, {
			groupId: group.id,
			actor: moderator,
			action: 'member.remove',
			target: { kind: 'user', id: 'someone' },
		})
		const entry = await db.auditEntry.findFirstOrThrow({ where: { groupId: group.id } })
		await expect(
			db.auditEntry.update({ where: { id: entry.id }, data: { reason: 'changed' } }),
		).rejects.toThrow()
		await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow()
		await expect(db.auditEntry.deleteMany({ where: { groupId: group.id } })).rejects.toThrow()
		expect(await db.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry)
	})
})
