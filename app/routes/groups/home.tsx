import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/home.ts'
import { Avatar } from '#app/components/avatar.tsx'
import { GroupNav, groupAreas } from '#app/components/group-nav.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { usePresence } from '#app/components/realtime.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { changeMembership, listMembers } from '#app/modules/groups/groups.server.ts'
import { requireGroupMember, requireGroupModerator } from '#app/utils/permissions.server.ts'
import { can, GROUP_ROLES, isModerator } from '#app/modules/groups/roles.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data?.group.name ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, membership } = await requireGroupMember(request, params.slug)
	const members = await listMembers(group.id)
	return {
		viewerId: user.id,
		group: { id: group.id, slug: group.slug, name: group.name, description: group.description },
		role: membership.role,
		members: members.map((m) => ({ membershipId: m.id, role: m.role, joinedAt: m.joinedAt, ...m.user })),
	}
}

const MemberActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('set-role'), membershipId: z.string().min(1), role: z.enum(GROUP_ROLES) }),
	z.object({ intent: z.literal('remove'), membershipId: z.string().min(1) }),
])

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, group } = await requireGroupModerator(request, params.slug)
	const parsed = MemberActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ error: 'That request was not understood.' }, { status: 400 })
	const outcome = await changeMembership(group.id, parsed.data.membershipId, parsed.data, { id: user.id, name: user.name })
	if (!outcome.ok) return data({ error: outcome.error }, { status: 400 })
	// Their open pages are checked again: rooms they may no longer be in (the group's, or hidden
	// threads a moderator saw) are left at once.
	await context.realtime.accessChanged({ userId: outcome.user.id })
	const here = `/g/${group.slug}`
	if (parsed.data.intent === 'remove') {
		const self = outcome.user.id === user.id
		return redirectWithToast(self ? '/' : here, { title: self ? `You left ${group.name}` : `${outcome.user.name} was removed` })
	}
	return redirectWithToast(here, {
		title: parsed.data.role === 'moderator' ? `${outcome.user.name} is now a moderator` : `${outcome.user.name} is now a member`,
	})
}

export default function GroupHome({ loaderData, actionData }: Route.ComponentProps) {
	const { group, members, role, viewerId } = loaderData
	const online = usePresence(group.id)
	const onlineIds = new Set(online?.map((member) => member.userId))
	const viewer = { role }
	return (
		<main>
			<PageHeader title={group.name} description={group.description || undefined} />
			<GroupNav areas={groupAreas(group.slug, { isModerator: isModerator(viewer) })} />
			{actionData?.error ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
					{actionData.error}
				</p>
			) : null}
			<div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
				<Card className="p-0">
					<h2 className="border-b border-slate-100 px-5 py-3 font-semibold">
						Members <span className="font-normal text-slate-500">({members.length})</span>
					</h2>
					<ul className="divide-y divide-slate-100">
						{members.map((member) => (
							<li key={member.membershipId} className="flex flex-wrap items-center gap-3 px-5 py-3">
								<span className="relative">
									<Avatar name={member.name} seed={member.id} />
									{onlineIds.has(member.id) ? (
										<span className="absolute -right-0.5 -bottom-0.5 h-3 w-3 rounded-full bg-emerald-500 ring-2 ring-white" />
									) : null}
								</span>
								{/* basis-40: on a narrow screen the role and buttons wrap below rather than squeeze the name */}
								<div className="min-w-0 flex-1 basis-40">
									<p className="font-medium">
										<Link to={`/u/${member.id}`}>{member.name}</Link>
										{member.id === viewerId ? <span className="ml-1 text-sm text-slate-500">(you)</span> : null}
									</p>
									<p className="truncate text-sm text-slate-600">
										<span className="text-slate-700">@{member.handle}</span> · {member.company}
									</p>
								</div>
								<span
									className={
										member.role === 'moderator'
											? 'rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800'
											: 'rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700'
									}
								>
									{member.role === 'moderator' ? 'Moderator' : 'Member'}
								</span>
								{can.manageMembers(viewer) ? (
									<div className="flex gap-2">
										<Form method="post">
											<input type="hidden" name="intent" value="set-role" />
											<input type="hidden" name="membershipId" value={member.membershipId} />
											<input type="hidden" name="role" value={member.role === 'moderator' ? 'member' : 'moderator'} />
											<Button variant="secondary" size="sm">
												{member.role === 'moderator' ? 'Make member' : 'Make moderator'}
											</Button>
										</Form>
										{member.id === viewerId ? null : (
											<Form method="post">
												<input type="hidden" name="intent" value="remove" />
												<input type="hidden" name="membershipId" value={member.membershipId} />
												<Button variant="danger" size="sm" aria-label={`Remove ${member.name} from the group`}>
													Remove
												</Button>
											</Form>
										)}
									</div>
								) : null}
							</li>
						))}
					</ul>
				</Card>
				<Card>
					<h2 className="font-semibold">Online now</h2>
					{online === null ? (
						<p className="mt-2 text-sm text-slate-500">Connecting…</p>
					) : (
						<ul className="mt-2 space-y-2" aria-live="polite" data-testid="online-members">
							{online.map((member) => (
								<li key={member.userId} className="flex items-center gap-2 text-sm">
									<span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden="true" />
									{member.name}
									{member.userId === viewerId ? <span className="text-slate-500">(you)</span> : null}
								</li>
							))}
						</ul>
					)}
					{isModerator(viewer) && members.length < 2 ? (
						<p className="mt-4 text-sm text-slate-600">
							Only you so far. <Link to={`/g/${group.slug}/invitations`}>Create an invitation link</Link> to bring your
							members in.
						</p>
					) : null}
				</Card>
			</div>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
