// Every route module of the app, read from app/routes.ts itself: a route added there is in this
// list without anyone remembering to add it, so the tests built on it cannot forget one.
import path from 'node:path'
import type { RouteConfigEntry } from '@react-router/dev/routes'
import routes from '#app/routes.ts'
import { projectRoot } from '#server/db/engine.ts'

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown

export type AppRoute = {
	/**
	 * The route as app/routes.ts names it: its module file, e.g. 'routes/threads/thread.tsx', or its
	 * id where one module serves two URLs, e.g. 'community-new-thread'.
	 */
	file: string
	/** The URL pattern, e.g. '/t/:threadId/edit/:postId' ('' parts of layouts and indexes removed). */
	pattern: string
	loader?: RouteFunction
	action?: RouteFunction
}

function flatten(entries: RouteConfigEntry[], parent = ''): Array<{ file: string; module: string; pattern: string }> {
	return entries.flatMap((entry) => {
		const pattern = entry.path ? `${parent}/${entry.path}`.replace(/\/+/g, '/') : parent
		return [{ file: entry.id ?? entry.file, module: entry.file, pattern: pattern || '/' }, ...flatten(entry.children ?? [], pattern)]
	})
}

/** The routes with their loader and action, imported the way the server build would. */
export async function listRoutes(): Promise<AppRoute[]> {
	return Promise.all(
		flatten(routes).map(async ({ file, module: moduleFile, pattern }) => {
			const module = (await import(path.join(projectRoot, 'app', moduleFile))) as { loader?: RouteFunction; action?: RouteFunction }
			return { file, pattern, loader: module.loader, action: module.action }
		}),
	)
}

/** The pattern with its :params filled in ('*' becomes a path that matches nothing else). */
export function fillPattern(pattern: string, params: Record<string, string>): string {
	return pattern
		.replace(/:(\w+)/g, (_, name: string) => {
			const value = params[name]
			if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`)
			return encodeURIComponent(value)
		})
		.replace(/\*$/, 'no-such-page')
}

/** The :params a pattern needs. */
export function paramNames(pattern: string): string[] {
	return [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!)
}
