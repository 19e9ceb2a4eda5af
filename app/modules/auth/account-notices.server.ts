import { db } from '#app/utils/db.server.ts'

/**
 * Notices for an account's owner about something done in their name by someone else: today, a
 * sign-up with their email. Sign-up answers the same whether or not the email has an account (so
 * it does not tell who is a member); the owner is told here instead, once, at their next log-in.
 * Stored, so a restart or another instance loses nothing; repeats are counted on one row.
 */
const SIGNUP_ATTEMPT = 'signup_attempt'

export async function noteSignupAttempt(userId: string, at = new Date()): Promise<void> {
	await db.accountNotice.upsert({
		where: { userId_kind: { userId, kind: SIGNUP_ATTEMPT } },
		create: { userId, kind: SIGNUP_ATTEMPT, lastAt: at },
		update: { count: { increment: 1 }, lastAt: at },
	})
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })

/** The owner's pending notice, once: taking it clears it. */
export async function takeAccountNotice(userId: string): Promise<{ title: string; description: string } | null> {
	const key = { userId_kind: { userId, kind: SIGNUP_ATTEMPT } }
	const notice = await db.accountNotice.findUnique({ where: key })
	if (!notice) return null
	// Only the request that deletes it shows it, should the owner log in twice at once.
	const { count: taken } = await db.accountNotice.deleteMany({ where: { id: notice.id } })
	if (taken === 0) return null
	const date = `${when.format(notice.lastAt)} UTC`
	const opening = notice.count === 1 ? `On ${date}` : `${notice.count} times, most recently on ${date}`
	return {
		title: 'Someone tried to sign up with your email',
		description:
			`${opening}, someone tried to create a new PeerPower account with your email address. Nothing ` +
			'was changed: your account and password are as they were. If it was not you, there is nothing to do.',
	}
}
