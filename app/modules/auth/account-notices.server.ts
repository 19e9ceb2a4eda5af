/**
 * Notices for an account's owner about something done in their name by someone else: today, a
 * sign-up with their email. Sign-up answers the same whether or not the email has an account (so
 * it does not tell who is a member); the owner is told here instead, at their next log-in.
 *
 * Kept in memory, per instance: a notice is lost when the instance restarts, or when the owner
 * logs in through another instance. Notifications in the database need a thread today; a durable
 * account notice is a schema change for later.
 */
type Pending = { count: number; last: Date }
const globalForNotices = globalThis as unknown as { __peerpowerAccountNotices?: Map<string, Pending> }
const pending = (globalForNotices.__peerpowerAccountNotices ??= new Map())

// Sign-ups are limited per address and per email, but many addresses could still fill memory:
// past this many accounts the oldest notice gives way.
const MAX_ACCOUNTS = 10_000

export function noteSignupAttempt(userId: string, at = new Date()): void {
	const previous = pending.get(userId)
	pending.delete(userId)
	pending.set(userId, { count: (previous?.count ?? 0) + 1, last: at })
	if (pending.size > MAX_ACCOUNTS) pending.delete(pending.keys().next().value!)
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })

/** The owner's pending notice, once: taking it clears it. */
export function takeAccountNotice(userId: string): { title: string; description: string } | null {
	const notice = pending.get(userId)
	if (!notice) return null
	pending.delete(userId)
	const date = `${when.format(notice.last)} UTC`
	const opening = notice.count === 1 ? `On ${date}` : `${notice.count} times, most recently on ${date}`
	return {
		title: 'Someone tried to sign up with your email',
		description:
			`${opening}, someone tried to create a new PeerPower account with your email address. Nothing ` +
			'was changed: your account and password are as they were. If it was not you, there is nothing to do.',
	}

}
