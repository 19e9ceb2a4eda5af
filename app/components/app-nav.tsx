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

/** The links to the sections a member has, shared by the bar (wide screens) and the menu (phones). */
function sectionLinks(user: NavUser, groups: NavGroup[], current: NavGroup | undefined) {
	const inGroup = groups.length > 0
	return [
		current ? { to: `/g/${current.slug}/forum`, label: 'Forum' } : null,
		inGroup || user.isSiteAdmin ? { to: '/community', label: 'Community' } : null,
		inGroup ? { to: '/lessons', label: 'Lessons' } : null,
		inGroup ? { to: '/plans', label: 'Plans' } : null,
		inGroup ? { to: '/buddies', label: 'Buddies' } : null,
		inGroup || user.isSiteAdmin ? { to: '/programs', label: 'Programs' } : null,
		user.isSiteAdmin ? { to: '/admin/groups', label: 'Admin' } : null,
	].filter((link) => link !== null)
}

function MenuIcon() {
	return (
		<svg
			aria-hidden="true"
			viewBox="0 0 24 24"
			fill="none"
			stroke="currentColor"
			strokeWidth="1.8"
			strokeLinecap="round"
			className="h-5 w-5"
		>
			<path d="M4 6h16M4 12h16M4 18h16" />
		</svg>
	)
}

const phoneMenuLink = ({ isActive }: { isActive: boolean }) =>
	cn(
		'flex min-h-11 items-center px-4 text-sm font-medium no-underline hover:bg-slate-50 hover:no-underline',
		isActive ? 'text-brand-700' : 'text-slate-700',
	)

/**
 * The sections on a phone, where the bar has room only for the logo, the bell and the account:
 * a disclosure (details/summary, so it opens without JavaScript) that drops a panel the width of
 * the header.
 */
function PhoneMenu({
	links,
	groups,
	current,
}: {
	links: { to: string; label: string }[]
	groups: NavGroup[]
	current: NavGroup | undefined
}) {
	const location = useLocation()
	return (
		// Keyed by location so the menu closes after navigating. Not positioned itself: the panel
		// is placed against the (sticky) header, full width.
		<details key={location.key} className="md:hidden">
			<summary className="flex h-11 cursor-pointer list-none items-center gap-1.5 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
				<MenuIcon />
				Menu
			</summary>
			<div className="absolute inset-x-0 top-full z-40 max-h-[calc(100vh-4rem)] overflow-y-auto border-b border-slate-200 bg-white py-2 shadow-lg">
				{links.map((link) => (
					<NavLink key={link.to} to={link.to} className={phoneMenuLink}>
						{link.label}
					</NavLink>
				))}
				{links.length > 0 ? (
					<NavLink to="/search" className={phoneMenuLink}>
						Search
					</NavLink>
				) : null}
				{groups.length > 0 ? (
					<>
						<p className="mt-2 border-t border-slate-100 px-4 pt-3 pb-1 text-xs font-semibold text-slate-500 uppercase">
							Your groups
						</p>
						{groups.map((group) => (
							<Link
								key={group.slug}
								to={`/g/${group.slug}/forum`}
								aria-current={group === current ? 'true' : undefined}
								className={cn(
									'flex min-h-11 items-center px-4 text-sm no-underline hover:bg-slate-50 hover:no-underline',
									group === current ? 'font-medium text-brand-700' : 'text-slate-700',
								)}
							>
								{group.name}
							</Link>
						))}
					</>
				) : null}
			</div>
		</details>
	)
}

/**
 * Log in and Sign up keep where the visitor was going: an invitation page, or the page a log-in
 * form was already asked to return to, so that following an invitation never loses it.
 */
function redirectQuery(location: { pathname: string; search: string }) {
	const asked = new URLSearchParams(location.search).get('redirectTo')
	const redirectTo = asked ?? (location.pathname.startsWith('/invite/') ? location.pathname : null)
	return redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''
}

export function AppNav({ user, groups }: { user: NavUser | null; groups: NavGroup[] }) {
	const location = useLocation()
	const currentSlug = /^\/g\/([^/]+)/.exec(location.pathname)?.[1]
	const current = groups.find((group) => group.slug === currentSlug)
	const links = user ? sectionLinks(user, groups, current) : []
	const keepRedirect = user ? '' : redirectQuery(location)
	return (
		<header className="sticky top-0 z-30 border-b print:hidden border-slate-200 bg-white/95 backdrop-blur">
			<nav
				aria-label="Main"
				className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2"
			>
				<Link
					to="/"
					className="mr-2 text-lg font-bold tracking-tight text-slate-900 no-underline hover:no-underline"
				>
					Peer<span className="text-brand-600">Power</span>
				</Link>
				{user ? (
					<>
						{/* Wide screens: the group switcher and the sections in the bar. */}
						<div className="hidden md:contents">
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
										<Link key={group.slug} to={`/g/${group.slug}/forum`} className={menuItem}>
											{group.name}
										</Link>
									))}
								</Menu>
							) : null}
							{links.map((link) => (
								<NavLink key={link.to} to={link.to} className={navLink}>
									{link.label}
								</NavLink>
							))}
						</div>
						<div className="ml-auto flex items-center gap-1">
							{groups.length > 0 ? <NavSearch /> : null}
							<NotificationBell />
							<Menu
								label="Your account"
								summary={<Avatar name={user.name} seed={user.id} size="sm" />}
							>
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
							{links.length > 0 || groups.length > 0 ? (
								<PhoneMenu links={links} groups={groups} current={current} />
							) : null}
						</div>
					</>
				) : (
					<div className="ml-auto flex items-center gap-1">
						<NavLink to={`/login${keepRedirect}`} className={navLink}>
							Log in
						</NavLink>
						<Link
							to={`/signup${keepRedirect}`}
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
