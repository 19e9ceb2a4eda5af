import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/invite.ts'
import { Card } from '#app/components/page.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { getUser, requireUser } from '#app/utils/auth.server.ts'
import { acceptInvitation, findInvitation, type InvitationStatus } from '#app/modules/groups/invitations.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Invitation') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const invitation = await findInvitation(params.token)
	const user = await getUser(request)
	if (!invitation || invitation.status !== 'active') {
		return { state: 'invalid' as const, status: (invitation?.status ?? 'missing') as InvitationStatus | 'missing' }
	}
	// The group's name is shown only to someone holding a working link.
	return {
		state: 'active' as const,
		signedIn: Boolean(user),
		group: { name: invitation.group.name, description: invitation.group.description },
		here: new URL(request.url).pathname,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireUser(request)
	const result = await acceptInvitation(params.token, user.id)
	if (result.outcome === 'invalid') return redirect(`/invite/${params.token}`)
	return redirectWithToast(`/g/${result.groupSlug}/forum`, {
		title: result.outcome === 'joined' ? `Welcome to ${result.groupName}` : `You are already a member of ${result.groupName}`,
	})
}

const invalidText: Record<InvitationStatus | 'missing', { title: string; text: string }> = {
	missing: { title: 'This invitation link does not work', text: 'Check that you copied the whole link, or ask your moderator for a new one.' },
	expired: { title: 'This invitation has expired', text: 'Invitation links work for a limited time. Ask your moderator for a new one.' },
	used: { title: 'This invitation has already been used', text: 'It was a single-use link. Ask your moderator for a new one.' },
	revoked: { title: 'This invitation was withdrawn', text: 'A moderator revoked it. Ask your moderator for a new one.' },
	active: { title: '', text: '' },
}

export default function InvitePage({ loaderData }: Route.ComponentProps) {
	if (loaderData.state === 'invalid') {
		const { title, text } = invalidText[loaderData.status]
		return (
			<main className="mx-auto max-w-md text-center">
				<Card>
					<h1 className="text-xl font-bold">{title}</h1>
					<p className="mt-2 text-slate-600">{text}</p>
					<Link to="/" className={buttonClasses('secondary') + ' mt-6'}>
						Go to PeerPower
					</Link>
				</Card>
			</main>
		)
	}
	const redirectTo = new URLSearchParams({ redirectTo: loaderData.here })
	return (
		<main className="mx-auto max-w-md">
			<Card>
				<p className="text-sm font-medium text-brand-700">You are invited to join</p>
				<h1 className="mt-1 text-2xl font-bold">{loaderData.group.name}</h1>
				{loaderData.group.description ? <p className="mt-2 text-slate-600">{loaderData.group.description}</p> : null}
				{loaderData.signedIn ? (
					<Form method="post" className="mt-6">
						<Button className="w-full">Join {loaderData.group.name}</Button>
					</Form>
				) : (
					<div className="mt-6 space-y-3">
						<p className="text-sm text-slate-600">Create an account or log in to accept.</p>
						<div className="flex gap-2">
							<Link to={`/signup?${redirectTo}`} className={buttonClasses('primary')}>
								Sign up and join
							</Link>
							<Link to={`/login?${redirectTo}`} className={buttonClasses('secondary')}>
								Log in
							</Link>
						</div>
					</div>
				)}
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
