import { NavLink, Outlet } from 'react-router'
import type { Route } from './+types/layout.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { cn } from '#app/utils/misc.ts'

export async function loader({ request }: Route.LoaderArgs) {
	await requireUser(request)
	return null
}

const tabs = [
	{ to: '/settings/profile', label: 'Profile' },
	{ to: '/settings/password', label: 'Password' },
	{ to: '/settings/sessions', label: 'Sessions' },
	{ to: '/settings/calendar', label: 'Calendar' },
]

export default function SettingsLayout() {
	return (
		<div className="grid gap-8 md:grid-cols-[12rem_1fr]">
			<nav aria-label="Settings" className="flex gap-1 md:flex-col">
				{tabs.map((tab) => (
					<NavLink
						key={tab.to}
						to={tab.to}
						className={({ isActive }) =>
							cn(
								'rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-slate-100 hover:no-underline',
								isActive ? 'bg-white text-brand-700 shadow-sm ring-1 ring-slate-200' : 'text-slate-700',
							)
						}
					>
						{tab.label}
					</NavLink>
				))}
			</nav>
			<div className="min-w-0">
				<Outlet />
			</div>
		</div>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
