import type { Route } from './+types/audit.ts'
import { GroupNav, groupAreas } from '#app/components/group-nav.tsx'
import { AuditLog } from '#app/components/moderation/audit-log.tsx'
import { PageHeader } from '#app/components/page.tsx'
import { findGroupBySlug } from '#app/modules/groups/groups.server.ts'
import {
	AUDIT_ACTION_WORDS,
	auditPage,
	auditQuery,
} from '#app/modules/moderation/audit-page.server.ts'
import { AUDIT_ACTIONS } from '#app/modules/moderation/audit.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireGroupModerator } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle('Audit log', data?.group.name ?? 'Group') },
]

/** What a group's moderators do (site-wide actions are on /admin/audit). */
const GROUP_ACTIONS = AUDIT_ACTIONS.filter(
	(action) => !action.startsWith('user.') && !action.startsWith('program.'),
)

/** A group's audit log: its moderators and the site admins; other members 403, everyone else 404. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireUser(request)
	let group: { id: string; slug: string; name: string } | null
	let isModerator = false
	if (user.isSiteAdmin) {
		group = params.slug ? await findGroupBySlug(params.slug) : null
		if (!group) throw notFound()
	} else {
		group = (await requireGroupModerator(request, params.slug)).group
		isModerator = true
	}
	const query = auditQuery(new URL(request.url))
	const page = await auditPage(
		{ groupId: group.id, actorId: query.actorId, action: query.action },
		{ before: query.before, groupSlug: group.slug },
	)
	return {
		group: { slug: group.slug, name: group.name },
		isModerator,
		...page,
		actions: GROUP_ACTIONS.map((value) => ({ value, label: AUDIT_ACTION_WORDS[value] })),
		selected: {
			actorId: query.actorId ?? null,
			action: query.action ?? null,
			paged: Boolean(query.before),
		},
	}
}

export default function GroupAudit({ loaderData }: Route.ComponentProps) {
	const { group, isModerator, entries, actors, actions, selected, next } = loaderData
	return (
		<main>
			<PageHeader
				title={group.name}
				description="Audit log: what the group’s moderators have done, newest first."
			/>
			{isModerator ? <GroupNav areas={groupAreas(group.slug, { isModerator: true })} /> : null}
			<AuditLog
				entries={entries}
				actors={actors}
				actions={actions}
				selected={selected}
				next={next}
			/>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
