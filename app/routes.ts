import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes'

export default [
	index('routes/home.tsx'),
	route('signup', 'routes/auth/signup.tsx'),
	route('login', 'routes/auth/login.tsx'),
	route('logout', 'routes/auth/logout.tsx'),
	layout('routes/settings/layout.tsx', [
		...prefix('settings', [
			route('profile', 'routes/settings/profile.tsx'),
			route('password', 'routes/settings/password.tsx'),
			route('sessions', 'routes/settings/sessions.tsx'),
		]),
	]),
	route('u/:userId', 'routes/users/profile.tsx'),
	route('admin/groups', 'routes/admin/groups.tsx'),
	route('invite/:token', 'routes/invite.tsx'),
	...prefix('g/:slug', [
		index('routes/groups/home.tsx'),
		route('invitations', 'routes/groups/invitations.tsx'),
	]),
	route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
