import { expiredSessionsJob } from '#app/modules/auth/expired-sessions.server.ts'
import { plainTextBackfillJob } from '#app/modules/forums/plain-text-backfill.server.ts'
import { planRemindersJob } from '#app/modules/plans/reminders.server.ts'
import { cycleSchedulerJob } from '#app/modules/quarterly/cycle-scheduler.server.ts'
import { actionItemRemindersJob } from '#app/modules/quarterly/action-item-reminders.server.ts'
import { deadlineNoticesJob } from '#app/modules/vendors/deadline-notices.server.ts'
import type { ScheduledJob } from './scheduler.server.ts'

// Every domain's scheduled work, in one list the server starts. A domain adds its job here
// (plans: stale goals and check-in reminders; vendor programs: deadline notices; quarterly
// reviews: cycles that open and close) and keeps the job itself in its own module.
export const scheduledJobs: ScheduledJob[] = [
	expiredSessionsJob,
	plainTextBackfillJob,
	planRemindersJob,
	cycleSchedulerJob,
	actionItemRemindersJob,
	deadlineNoticesJob,
]
