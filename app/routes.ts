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
		route('forum', 'routes/forums/group-forum.tsx'),
		route('forum/new', 'routes/forums/new-thread.tsx', { id: 'group-new-thread' }),
		route('forum/categories', 'routes/forums/categories.tsx', { id: 'group-categories' }),
	]),
	route('community', 'routes/forums/community.tsx'),
	route('community/new', 'routes/forums/new-thread.tsx', { id: 'community-new-thread' }),
	route('community/categories', 'routes/forums/categories.tsx', { id: 'community-categories' }),
	route('lessons', 'routes/lessons.tsx'),
	route('search', 'routes/search.tsx'),
	...prefix('t/:threadId', [
		index('routes/threads/thread.tsx'),
		route('edit/:postId', 'routes/threads/edit-post.tsx'),
		route('edit-lesson', 'routes/threads/edit-lesson.tsx'),
		route('history/:postId', 'routes/threads/post-history.tsx'),
	]),
	route('resources/drafts', 'routes/resources/drafts.ts'),
	route('resources/read-marker', 'routes/resources/read-marker.ts'),
	route('notifications', 'routes/notifications.tsx'),
	route('notifications/:notificationId', 'routes/resources/open-notification.ts'),
	route('resources/notifications-count', 'routes/resources/notifications-count.ts'),
	route('bookmarks', 'routes/bookmarks.tsx'),
	...prefix('plans', [
		index('routes/plans/plans.tsx'),
		route(':planId', 'routes/plans/plan.tsx'),
		route(':planId/edit', 'routes/plans/edit.tsx'),
		route(':planId/goals/:goalId', 'routes/plans/goal.tsx'),
	]),
	route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
