import { Link } from 'react-router'
import type { Route } from './+types/audit.ts'
import { AuditLog } from '#app/components/moderation/audit-log.tsx'
import { PageHeader } from '#app/components/page.tsx'
import {
	AUDIT_ACTION_WORDS,
	auditPage,
	auditQuery,
} from '#app/modules/moderation/audit-page.server.ts'
import { AUDIT_ACTIONS } from '#app/modules/moderation/audit.server.ts'
import { requireSiteAdmin } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Audit log', 'Admin') }]

/** The site-wide audit log (actions that concern no one group): site admins only. */
export async function loader({ request }: Route.LoaderArgs) {
	await requireSiteAdmin(request)
	const query = auditQuery(new URL(request.url))
	const page = await auditPage(
		{ groupId: null, actorId: query.actorId, action: query.action },
		{ before: query.before, groupSlug: null },
	)
	return {
		...page,
		actions: AUDIT_ACTIONS.map((value) => ({ value, label: AUDIT_ACTION_WORDS[value] })),
		selected: {
			actorId: query.actorId ?? null,
			action: query.action ?? null,
			paged: Boolean(query.before),
		},
	}
}

export default function AdminAudit({ loaderData }: Route.ComponentProps) {
	const { entries, actors, actions, selected, next } = loaderData
	return (
		<main>
			<PageHeader
				title="Audit log"
				description={
					<>
						Site-wide actions, newest first. A group’s own log is on its page (see{' '}
						<Link to="/admin/groups">Peer groups</Link>).
					</>
				}
			/>
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
