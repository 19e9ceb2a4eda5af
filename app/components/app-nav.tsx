import { Form, Link, NavLink, useLocation } from 'react-router'
import { Avatar } from './avatar.tsx'
import { NavSearch } from './nav-search.tsx'
import { NotificationBell } from './notification-bell.tsx'
import { cn } from '#app/utils/misc.ts'

type NavUser = { id: string; name: string; isSiteAdmin: boolean }
type NavGroup = { slug: string; name: string }

const navLink = ({ isActive }: { isActive: boolean }) =>
	cn(
		'rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-slate-100 hover:no-underline',
		isActive ? 'text-brand-700' : 'text-slate-700',
	)

/** A dropdown that works without JavaScript (details/summary). */
// `label` is for summaries without visible text (the avatar); a summary with text names itself,
// since its accessible name must contain what sighted users read (WCAG 2.5.3).
function Menu({ label, summary, children }: { label?: string; summary: React.ReactNode; children: React.ReactNode }) {
	const location = useLocation()
	return (
		// Keyed by location so the menu closes after navigating.
		<details key={location.key} className="relative">
			<summary
				aria-label={label}
				className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
			>
				{summary}
			</summary>
			<div className="absolute right-0 z-40 mt-1 w-60 rounded-lg border border-slate-200 bg-white py-1 shadow-lg">
				{children}
			</div>
		</details>
	)
}

const menuItem = 'block px-4 py-2 text-sm text-slate-700 no-underline hover:bg-slate-50 hover:no-underline'

export function AppNav({ user, groups }: { user: NavUser | null; groups: NavGroup[] }) {
	const location = useLocation()
	const currentSlug = /^\/g\/([^/]+)/.exec(location.pathname)?.[1]
	const current = groups.find((group) => group.slug === currentSlug)
	return (
		<header className="sticky top-0 z-30 border-b print:hidden border-slate-200 bg-white/95 backdrop-blur">
			<nav aria-label="Main" className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2">
				<Link to="/" className="mr-2 text-lg font-bold tracking-tight text-slate-900 no-underline hover:no-underline">
					Peer<span className="text-brand-600">Power</span>
				</Link>
				{user ? (
					<>
						{groups.length > 0 ? (
							<Menu
								summary={
									<span className="max-w-40 truncate">
										<span className="sr-only">Switch group: </span>
										{current?.name ?? 'Your groups'} <span aria-hidden="true">▾</span>
									</span>
								}
							>
								{groups.map((group) => (
									<Link key={group.slug} to={`/g/${group.slug}`} className={menuItem}>
										{group.name}
									</Link>
								))}
							</Menu>
						) : null}
						{current ? (
							<NavLink to={`/g/${current.slug}/forum`} className={navLink}>
								Forum
							</NavLink>
						) : null}
						{groups.length > 0 || user.isSiteAdmin ? (
							<NavLink to="/community" className={navLink}>
								Community
							</NavLink>
						) : null}
						{groups.length > 0 ? (
							<NavLink to="/lessons" className={navLink}>
								Lessons
							</NavLink>
						) : null}
						{groups.length > 0 ? (
							<NavLink to="/plans" className={navLink}>
								Plans
							</NavLink>
						) : null}
						{groups.length > 0 ? (
							<NavLink to="/buddies" className={navLink}>
								Buddies
							</NavLink>
						) : null}
						{user.isSiteAdmin ? (
							<NavLink to="/admin/groups" className={navLink}>
								Admin
							</NavLink>
						) : null}
						<div className="ml-auto flex items-center gap-1">
							{groups.length > 0 ? <NavSearch linkClassName={navLink} /> : null}
							<NotificationBell />
							<Menu label="Your account" summary={<Avatar name={user.name} seed={user.id} size="sm" />}>
								<p className="truncate border-b border-slate-100 px-4 py-2 text-xs text-slate-500">
									Signed in as <span className="font-medium text-slate-800">{user.name}</span>
								</p>
								<Link to={`/u/${user.id}`} className={menuItem}>
									Your profile
								</Link>
								<Link to="/bookmarks" className={menuItem}>
									Bookmarks
								</Link>
								<Link to="/settings/profile" className={menuItem}>
									Settings
								</Link>
								<Link to="/settings/sessions" className={menuItem}>
									Sessions
								</Link>
								<Form method="post" action="/logout">
									<button type="submit" className={cn(menuItem, 'w-full text-left')}>
										Log out
									</button>
								</Form>
							</Menu>
						</div>
					</>
				) : (
					<div className="ml-auto flex items-center gap-1">
						<NavLink to="/login" className={navLink}>
							Log in
						</NavLink>
						<Link
							to="/signup"
							className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white no-underline hover:bg-brand-700 hover:no-underline"
						>
							Sign up
						</Link>
					</div>
				)}
			</nav>
		</header>
	)
}
