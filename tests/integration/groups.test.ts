import { describe, expect, test } from 'vitest'
import {
	action as adminGroupsAction,
	loader as adminGroupsLoader,
} from '#app/routes/admin/groups.tsx'
import { action as groupAction, loader as groupLoader } from '#app/routes/groups/home.tsx'
import {
	action as invitationsAction,
	loader as invitationsLoader,
} from '#app/routes/groups/invitations.tsx'
import { loader as profileLoader } from '#app/routes/users/profile.tsx'
import { changeMembership } from '#app/modules/groups/groups.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'

async function signedIn(overrides: { isSiteAdmin?: boolean } = {}) {
	const user = await createUser(overrides)
	return { user, cookie: await sessionCookieFor(user.id) }
}

function membershipOf(userId: string, groupId: string) {
	return db.membership.findUnique({ where: { userId_groupId: { userId, groupId } } })
}

describe('creating groups', () => {
	test('a site admin creates a group and becomes its moderator', async () => {
		const admin = await signedIn({ isSiteAdmin: true })
		const result = await settle(
			runRoute(adminGroupsAction, {
				request: makeRequest('/admin/groups', {
					cookie: admin.cookie,
					form: { name: 'Northern Owners', description: 'Q1' },
				}),
			}),
		)
		expect(statusOf(result)).toBe(302)
		const group = await db.group.findFirstOrThrow({ where: { name: 'Northern Owners' } })
		expect((result as Response).headers.get('location')).toBe(`/g/${group.slug}`)
		expect(group.slug).toBe('northern-owners')
		expect((await membershipOf(admin.user.id, group.id))?.role).toBe('moderator')
	})

	test('a second group with the same name is refused with a field error', async () => {
		const admin = await signedIn({ isSiteAdmin: true })
		const create = () =>
			settle(
				runRoute(adminGroupsAction, {
					request: makeRequest('/admin/groups', { cookie: admin.cookie, form: { name: 'Twice' } }),
				}),
			)
		await create()
		const result = await create()
		expect(statusOf(result)).toBe(400)
		expect(
			dataOf<{ result: { error: Record<string, string[]> } }>(result).result.error.name?.[0],
		).toMatch(/already exists/)
		expect(await db.group.count({ where: { name: 'Twice' } })).toBe(1)
	})

	test('the admin page is 404 for a member who is not site admin', async () => {
		const member = await signedIn()
		const result = await settle(
			runRoute(adminGroupsLoader, {
				request: makeRequest('/admin/groups', { cookie: member.cookie }),
			}),
		)
		expect(statusOf(result)).toBe(404)
	})

	test('a member who is not site admin cannot create a group', async () => {
		const member = await signedIn()
		const result = await settle(
			runRoute(adminGroupsAction, {
				request: makeRequest('/admin/groups', {
					cookie: member.cookie,
					form: { name: 'Sneaky Group' },
				}),
			}),
		)
		expect(statusOf(result)).toBe(404)
		expect(await db.group.count({ where: { name: 'Sneaky Group' } })).toBe(0)
	})

	test('an anonymous visitor is sent to log in', async () => {
		const result = await settle(
			runRoute(adminGroupsLoader, { request: makeRequest('/admin/groups') }),
		)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe('/login?redirectTo=%2Fadmin%2Fgroups')
	})
})

describe('group pages are confidential', () => {
	test('a member sees the group page with its members', async () => {
		const moderator = await createUser()
		const member = await signedIn()
		const group = await createGroupWith({ moderator, members: [member.user] })
		const result = await runRoute(groupLoader, {
			request: makeRequest(`/g/${group.slug}`, { cookie: member.cookie }),
			params: { slug: group.slug },
		})
		const page = dataOf<{
			group: { id: string }
			role: string
			members: Array<{ id: string; handle: string }>
		}>(result)
		expect(page.group.id).toBe(group.id)
		expect(page.role).toBe('member')
		expect(page.members.map((m) => m.id).sort()).toEqual([moderator.id, member.user.id].sort())
		// Handles are listed, so that members learn how to mention each other.
		expect(page.members.find((m) => m.id === moderator.id)?.handle).toBe(moderator.handle)
	})

	test('a non-member gets the same 404 as for a group that does not exist', async () => {
		const moderator = await createUser()
		const outsider = await signedIn()
		const group = await createGroupWith({ moderator })
		const existing = await settle(
			runRoute(groupLoader, {
				request: makeRequest(`/g/${group.slug}`, { cookie: outsider.cookie }),
				params: { slug: group.slug },
			}),
		)
		const missing = await settle(
			runRoute(groupLoader, {
				request: makeRequest('/g/no-such-group', { cookie: outsider.cookie }),
				params: { slug: 'no-such-group' },
			}),
		)
		expect(existing).toBeInstanceOf(Response)
		expect(missing).toBeInstanceOf(Response)
		expect((existing as Response).status).toBe(404)
		expect((missing as Response).status).toBe(404)
		expect(await (existing as Response).text()).toBe(await (missing as Response).text())
	})

	test('the invitations page is 404 for a non-member, as for a group that does not exist', async () => {
		const moderator = await createUser()
		const outsider = await signedIn()
		const group = await createGroupWith({ moderator })
		const load = (slug: string) =>
			settle(
				runRoute(invitationsLoader, {
					request: makeRequest(`/g/${slug}/invitations`, { cookie: outsider.cookie }),
					params: { slug },
				}),
			)
		const existing = (await load(group.slug)) as Response
		const missing = (await load('no-such-group')) as Response
		expect(existing.status).toBe(404)
		expect(missing.status).toBe(404)
		expect(await existing.text()).toBe(await missing.text())
	})

	test('the invitations page is refused to a plain member', async () => {
		const moderator = await createUser()
		const member = await signedIn()
		const group = await createGroupWith({ moderator, members: [member.user] })
		const result = await settle(
			runRoute(invitationsLoader, {
				request: makeRequest(`/g/${group.slug}/invitations`, { cookie: member.cookie }),
				params: { slug: group.slug },
			}),
		)
		expect(statusOf(result)).toBe(403)
	})

	test('a plain member cannot create an invitation link', async () => {
		const moderator = await createUser()
		const member = await signedIn()
		const group = await createGroupWith({ moderator, members: [member.user] })
		const result = await settle(
			runRoute(invitationsAction, {
				request: makeRequest(`/g/${group.slug}/invitations`, {
					cookie: member.cookie,
					form: { intent: 'create', expiresInDays: '7' },
				}),
				params: { slug: group.slug },
			}),
		)
		expect(statusOf(result)).toBe(403)
		expect(await db.invitation.count({ where: { groupId: group.id } })).toBe(0)
	})
})

function manage(cookie: string, slug: string, form: Record<string, string>) {
	return settle(
		runRoute(groupAction, {
			request: makeRequest(`/g/${slug}`, { cookie, form }),
			params: { slug },
			context: createTestContext(),
		}),
	)
}

describe('managing members', () => {
	test('a moderator promotes a member to moderator and demotes them again', async () => {
		const moderator = await signedIn()
		const member = await createUser()
		const group = await createGroupWith({ moderator: moderator.user, members: [member] })
		const membership = (await membershipOf(member.id, group.id))!

		expect(
			statusOf(
				await manage(moderator.cookie, group.slug, {
					intent: 'set-role',
					membershipId: membership.id,
					role: 'moderator',
				}),
			),
		).toBe(302)
		expect((await membershipOf(member.id, group.id))?.role).toBe('moderator')

		expect(
			statusOf(
				await manage(moderator.cookie, group.slug, {
					intent: 'set-role',
					membershipId: membership.id,
					role: 'member',
				}),
			),
		).toBe(302)
		expect((await membershipOf(member.id, group.id))?.role).toBe('member')
	})

	test('a moderator removes a member', async () => {
		const moderator = await signedIn()
		const member = await createUser()
		const group = await createGroupWith({ moderator: moderator.user, members: [member] })
		const membership = (await membershipOf(member.id, group.id))!
		const result = await manage(moderator.cookie, group.slug, {
			intent: 'remove',
			membershipId: membership.id,
		})
		expect(statusOf(result)).toBe(302)
		expect(await membershipOf(member.id, group.id)).toBeNull()
	})

	test('a plain member can neither promote, demote nor remove anyone', async () => {
		const moderator = await createUser()
		const member = await signedIn()
		const other = await createUser()
		const group = await createGroupWith({ moderator, members: [member.user, other] })
		const own = (await membershipOf(member.user.id, group.id))!
		const others = (await membershipOf(other.id, group.id))!
		const moderators = (await membershipOf(moderator.id, group.id))!

		const forms: Array<Record<string, string>> = [
			{ intent: 'set-role', membershipId: own.id, role: 'moderator' },
			{ intent: 'set-role', membershipId: moderators.id, role: 'member' },
			{ intent: 'remove', membershipId: others.id },
		]
		for (const form of forms) {
			expect(statusOf(await manage(member.cookie, group.slug, form))).toBe(403)
		}
		expect((await membershipOf(member.user.id, group.id))?.role).toBe('member')
		expect((await membershipOf(moderator.id, group.id))?.role).toBe('moderator')
		expect(await membershipOf(other.id, group.id)).not.toBeNull()
	})

	test('a non-member managing members gets 404', async () => {
		const moderator = await createUser()
		const outsider = await signedIn()
		const group = await createGroupWith({ moderator })
		const moderators = (await membershipOf(moderator.id, group.id))!
		const result = await manage(outsider.cookie, group.slug, {
			intent: 'remove',
			membershipId: moderators.id,
		})
		expect(statusOf(result)).toBe(404)
		expect(await membershipOf(moderator.id, group.id)).not.toBeNull()
	})

	test('the last moderator cannot be demoted', async () => {
		const moderator = await signedIn()
		const member = await createUser()
		const group = await createGroupWith({ moderator: moderator.user, members: [member] })
		const own = (await membershipOf(moderator.user.id, group.id))!
		const result = await manage(moderator.cookie, group.slug, {
			intent: 'set-role',
			membershipId: own.id,
			role: 'member',
		})
		expect(statusOf(result)).toBe(400)
		expect(dataOf<{ error: string }>(result).error).toMatch(/at least one moderator/)
		expect((await membershipOf(moderator.user.id, group.id))?.role).toBe('moderator')
	})

	test('the last moderator cannot be removed', async () => {
		const moderator = await signedIn()
		const group = await createGroupWith({ moderator: moderator.user })
		const own = (await membershipOf(moderator.user.id, group.id))!
		const result = await manage(moderator.cookie, group.slug, {
			intent: 'remove',
			membershipId: own.id,
		})
		expect(statusOf(result)).toBe(400)
		expect(await membershipOf(moderator.user.id, group.id)).not.toBeNull()
	})

	test('with two moderators, one can step down', async () => {
		const moderator = await signedIn()
		const second = await createUser()
		const group = await createGroupWith({ moderator: moderator.user, members: [second] })
		await db.membership.update({
			where: { userId_groupId: { userId: second.id, groupId: group.id } },
			data: { role: 'moderator' },
		})
		const own = (await membershipOf(moderator.user.id, group.id))!
		const result = await manage(moderator.cookie, group.slug, {
			intent: 'set-role',
			membershipId: own.id,
			role: 'member',
		})
		expect(statusOf(result)).toBe(302)
		expect((await membershipOf(moderator.user.id, group.id))?.role).toBe('member')
	})

	test('two moderators stepping down at once leave the group one moderator', async () => {
		// Several groups, so that on PostgreSQL the two transactions overlap in at least some of them.
		const rounds = await Promise.all(
			Array.from({ length: 8 }, async () => {
				const first = await createUser()
				const second = await createUser()
				const group = await createGroupWith({ moderator: first, members: [second] })
				await db.membership.update({ where: { userId_groupId: { userId: second.id, groupId: group.id } }, data: { role: 'moderator' } })
				const memberships = await Promise.all([membershipOf(first.id, group.id), membershipOf(second.id, group.id)])
				return { group, memberships: memberships.map((membership) => membership!) }
			}),
		)
		for (const { group, memberships } of rounds) {
			const outcomes = await Promise.all(
				memberships.map((membership) => changeMembership(group.id, membership.id, { intent: 'set-role', role: 'member' }, { id: membership.userId, name: 'Moderator' })),
			)
			expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
			expect(await db.membership.count({ where: { groupId: group.id, role: 'moderator' } })).toBe(1)
		}
	})

	test('a moderator cannot touch a membership of another group', async () => {
		const moderator = await signedIn()
		const otherModerator = await createUser()
		const stranger = await createUser()
		const group = await createGroupWith({ moderator: moderator.user })
		const otherGroup = await createGroupWith({ moderator: otherModerator, members: [stranger] })
		const foreign = (await membershipOf(stranger.id, otherGroup.id))!
		const result = await manage(moderator.cookie, group.slug, {
			intent: 'remove',
			membershipId: foreign.id,
		})
		expect(statusOf(result)).toBe(400)
		expect(await membershipOf(stranger.id, otherGroup.id)).not.toBeNull()
	})
})

describe('profiles', () => {
	function viewProfile(cookie: string, userId: string) {
		return settle(
			runRoute(profileLoader, {
				request: makeRequest(`/u/${userId}`, { cookie }),
				params: { userId },
			}),
		)
	}

	test('a member sees the profile of someone in the same group, with only the groups they share', async () => {
		const viewer = await signedIn()
		const other = await createUser()
		const otherModerator = await createUser()
		const shared = await createGroupWith({ moderator: other, members: [viewer.user] })
		const notShared = await createGroupWith({ moderator: otherModerator, members: [other] })
		const result = await viewProfile(viewer.cookie, other.id)
		const { profile } = dataOf<{
			profile: { id: string; handle: string; groups: Array<{ slug: string }> }
		}>(result)
		expect(profile.id).toBe(other.id)
		expect(profile.handle).toBe(other.handle)
		expect(profile.groups.map((g) => g.slug)).toEqual([shared.slug])
		expect(profile.groups.map((g) => g.slug)).not.toContain(notShared.slug)
	})

	test('the profile of someone who shares no group is the same 404 as a user who does not exist', async () => {
		const viewer = await signedIn()
		const stranger = await createUser()
		await createGroupWith({ moderator: stranger })
		await createGroupWith({ moderator: viewer.user })
		const existing = (await viewProfile(viewer.cookie, stranger.id)) as Response
		const missing = (await viewProfile(viewer.cookie, 'no-such-user')) as Response
		expect(existing.status).toBe(404)
		expect(missing.status).toBe(404)
		expect(await existing.text()).toBe(await missing.text())
	})
})
