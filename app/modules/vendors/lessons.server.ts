// Lessons learned that name vendor programs: a lesson names up to LESSON_PROGRAMS_MAX approved
// programs the author may see; the lesson links to them, and a program's page lists the lessons
// about it that its reader may read (which threads are readable is the forums' rule, asked here).
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { listedThreadWhere } from '#app/modules/forums/access.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { catalogueViewer, visibleProgramsWhere } from './access.server.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

export const LESSON_PROGRAMS_MAX = 5

/** The ids a form sent (one value, several, or none), trimmed and once each. */
export function programIdList(value: unknown): string[] {
	const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
	return [...new Set(values.map((v) => String(v).trim()).filter(Boolean))]
}

/** The programs a lesson may name, for the lesson form: approved ones the author sees. */
export async function lessonProgramChoices(
	viewer: Viewer,
): Promise<{ id: string; label: string }[]> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return []
	const rows = await db.vendorProgram.findMany({
		where: { AND: [visibleProgramsWhere(cv), { state: 'approved' }] },
		orderBy: [{ vendor: { name: 'asc' } }, { name: 'asc' }],
		select: { id: true, name: true, vendor: { select: { name: true } } },
	})
	return rows.map((row) => ({ id: row.id, label: `${row.vendor.name} — ${row.name}` }))
}

/**
 * The programs a lesson's author names, checked: at most five, each an approved program they may
 * see. A message for the form when not; `kept` are ids the lesson already named, which stay valid
 * even if their program was merged since.
 */
export async function checkLessonPrograms(
	viewer: Viewer,
	ids: string[],
	kept: string[] = [],
): Promise<{ ok: true; ids: string[] } | { ok: false; message: string }> {
	if (ids.length === 0) return { ok: true, ids }
	if (ids.length > LESSON_PROGRAMS_MAX)
		return { ok: false, message: `A lesson can name at most ${LESSON_PROGRAMS_MAX} programs` }
	const cv = await catalogueViewer(viewer)
	const fresh = ids.filter((id) => !kept.includes(id))
	const found = cv
		? await db.vendorProgram.count({
				where: { AND: [visibleProgramsWhere(cv), { state: 'approved', id: { in: fresh } }] },
			})
		: 0
	if (found !== fresh.length)
		return { ok: false, message: 'Name programs from the catalogue’s approved programs only' }
	return { ok: true, ids }
}

/** Writes the programs a lesson names (checked by checkLessonPrograms), replacing those it named. */
export async function writeLessonPrograms(
	tx: DbTransaction,
	threadId: string,
	ids: string[],
): Promise<void> {
	await tx.lessonProgram.deleteMany({ where: { threadId, programId: { notIn: ids } } })
	const existing = new Set(
		(await tx.lessonProgram.findMany({ where: { threadId }, select: { programId: true } })).map(
			(r) => r.programId,
		),
	)
	const adding = ids.filter((id) => !existing.has(id))
	if (adding.length > 0)
		await tx.lessonProgram.createMany({
			data: adding.map((programId) => ({ threadId, programId })),
		})
}

/** The ids a lesson names, as its edit form shows them. */
export async function lessonProgramIds(threadId: string): Promise<string[]> {
	const rows = await db.lessonProgram.findMany({
		where: { threadId },
		orderBy: { createdAt: 'asc' },
		select: { programId: true },
	})
	return rows.map((row) => row.programId)
}

/**
 * The programs a lesson names, as links for a reader of the lesson (the caller has checked the
 * thread is theirs to read): approved ones, a merged one as the program it went into, once each.
 */
export async function programsOfLesson(
	viewer: Viewer,
	threadId: string,
): Promise<{ id: string; name: string }[]> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return []
	const rows = await db.lessonProgram.findMany({
		where: { threadId },
		orderBy: { createdAt: 'asc' },
		select: { program: { select: { id: true, state: true, mergedIntoId: true } } },
	})
	const ids = [
		...new Set(
			rows
				.map(({ program }) => (program.state === 'merged' ? program.mergedIntoId : program.id))
				.filter((id): id is string => id !== null),
		),
	]
	if (ids.length === 0) return []
	const programs = await db.vendorProgram.findMany({
		where: { AND: [visibleProgramsWhere(cv), { state: 'approved', id: { in: ids } }] },
		select: { id: true, name: true, vendor: { select: { name: true } } },
	})
	const byId = new Map(
		programs.map((p) => [p.id, { id: p.id, name: `${p.vendor.name} — ${p.name}` }]),
	)
	return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
}

/**
 * The lessons that name a program (or a duplicate merged into it) which the viewer may read, newest
 * first: for the program's page. Readable is the forums' rule (listedThreadWhere): lessons of the
 * viewer's groups' forums and the community's, never hidden ones.
 */
export async function lessonsAboutProgram(viewer: Viewer, programId: string, take = 20) {
	const merged = await db.vendorProgram.findMany({
		where: { mergedIntoId: programId },
		select: { id: true },
	})
	const rows = await db.thread.findMany({
		where: {
			kind: 'lesson',
			programs: { some: { programId: { in: [programId, ...merged.map((m) => m.id)] } } },
			...(await listedThreadWhere(viewer.id)),
		},
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take,
		select: {
			id: true,
			title: true,
			blocker: true,
			createdAt: true,
			helpfulCount: true,
			author: { select: { id: true, name: true } },
			forum: { select: { group: { select: { slug: true, name: true } } } },
		},
	})
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		blocker: row.blocker,
		createdAt: row.createdAt.toISOString(),
		helpfulCount: row.helpfulCount,
		author: row.author,
		href: `/t/${row.id}`,
		forum: row.forum.group
			? { name: row.forum.group.name, href: `/g/${row.forum.group.slug}/forum` }
			: { name: 'Community', href: '/community' },
	}))
}
