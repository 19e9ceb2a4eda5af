// The kinds of subject a notification can be about, in one place. A kind answers, for its own
// subjects, who may see a notification about one (as a batch check and as a SQL condition for the
// statements that list and count: the unread count runs on every page, as one statement) and
// where one leads. Domains declare their kinds in their own module; this list is the only place
// that registers them, so every process, test and script has them without depending on what
// happened to be imported first.
import { forumNotificationSubjects } from '#app/modules/forums/subjects.server.ts'
import { moderationNotificationSubjects } from '#app/modules/moderation/subjects.server.ts'
import { planNotificationSubjects } from '#app/modules/plans/subjects.server.ts'
import { dashboardNotificationSubjects } from '#app/modules/quarterly/dashboard-subjects.server.ts'
import { quarterlyNotificationSubjects } from '#app/modules/quarterly/subjects.server.ts'
import { quarterlyMeetingNotificationSubjects } from '#app/modules/quarterly/action-item-subjects.server.ts'
import { vendorNotificationSubjects } from '#app/modules/vendors/program-subjects.server.ts'
import type { Sql } from '#app/utils/sql.server.ts'

/** What a notification list shows of its subject and where opening it leads. */
export type NotificationLink = {
	href: string
	/** The subject's name in the list ("Ada replied in <title>"). */
	title: string
	/** A remark on the subject's state since ("the post has since been deleted"), or null. */
	note: string | null
}

export type NotificationSubject = {
	/** "<domain>.<thing>", e.g. "forum.post". */
	kind: string
	/** Whether `userId` may see notifications about the subject whose id is `subjectId` (a column or a value). */
	readableSql(userId: string, subjectId: Sql): Sql
	/** Of these subjects, those `userId` may see notifications about: one query for the batch. */
	readable(userId: string, subjectIds: string[]): Promise<Set<string>>
	/** Where each subject leads and how it is named: one query for the batch (unknown ids are left out). */
	links(subjectIds: string[]): Promise<Map<string, NotificationLink>>
}

const kinds = new Map<string, NotificationSubject>()

/** Adds a kind; answers a function that removes it again (for tests that add their own). */
export function registerNotificationSubject(subject: NotificationSubject): () => void {
	if (kinds.has(subject.kind)) throw new Error(`Notification subject kind "${subject.kind}" is registered twice`)
	kinds.set(subject.kind, subject)
	return () => {
		kinds.delete(subject.kind)
	}
}

export function notificationSubject(kind: string): NotificationSubject | undefined {
	return kinds.get(kind)
}

export function notificationSubjects(): NotificationSubject[] {
	return [...kinds.values()]
}

for (const subject of [
	...forumNotificationSubjects,
	...planNotificationSubjects,
	...quarterlyNotificationSubjects,
	...dashboardNotificationSubjects,
	...quarterlyMeetingNotificationSubjects,
	...vendorNotificationSubjects,
	...moderationNotificationSubjects,
])
	registerNotificationSubject(subject)
