import { data, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/root.ts'
import { AppNav } from './components/app-nav.tsx'
import { GeneralErrorBoundary } from './components/error-boundary.tsx'
import { RealtimeProvider } from './components/realtime.tsx'
import { Toaster } from './components/toaster.tsx'
import { getUser } from './utils/auth.server.ts'
import { listGroupsOf } from './modules/groups/groups.server.ts'
import { unreadNotificationCount } from './modules/notifications/notifications.server.ts'
import { useNonce } from './utils/nonce.tsx'
import { getToast } from './utils/toast.server.ts'
import './app.css'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getUser(request)
	const [memberships, unreadNotifications] = user ? await Promise.all([listGroupsOf(user.id), unreadNotificationCount(user.id)]) : [[], 0]
	const groups = memberships.map(({ group }) => ({ slug: group.slug, name: group.name }))
	const { toast, headers } = await getToast(request)
	return data(
		{ user: user ? { id: user.id, name: user.name, isSiteAdmin: user.isSiteAdmin } : null, groups, unreadNotifications, toast },
		{ headers: headers ?? undefined },
	)
}

export function Layout({ children }: { children: React.ReactNode }) {
	const nonce = useNonce()
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<link rel="icon" href="/favicon.svg" type="image/svg+xml" />
				<Meta />
				<Links nonce={nonce} />
			</head>
			<body className="min-h-screen">
				{children}
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export function useOptionalRootData() {
	return useRouteLoaderData<typeof loader>('root')
}

export default function App({ loaderData }: Route.ComponentProps) {
	return (
		<RealtimeProvider userId={loaderData.user?.id ?? null}>
			<AppNav user={loaderData.user} groups={loaderData.groups} />
			<Toaster toast={loaderData.toast} />
			<div className="mx-auto max-w-6xl px-4 py-8">
				<Outlet />
			</div>
		</RealtimeProvider>
	)
}

export function ErrorBoundary() {
	const root = useOptionalRootData()
	return (
		<>
			<AppNav user={root?.user ?? null} groups={root?.groups ?? []} />
			<GeneralErrorBoundary />
		</>
	)
}

export function meta() {
	return [{ title: 'PeerPower' }]
}
