import type { ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'

/**
 * A title that is a link (a thread, group, program or plan in a list or a card): a heading is not
 * running text, so it goes without the underline links get there (app.css); the hover shows it.
 */
export const titleLinkClasses = 'no-underline hover:text-brand-700 hover:underline'

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
	return (
		<div className="mb-6 flex flex-wrap items-end justify-between gap-4">
			<div className="min-w-0">
				<h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
				{description ? <p className="mt-1 text-slate-600">{description}</p> : null}
			</div>
			{actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
		</div>
	)
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
	// A caller's own padding (p-0 for edge-to-edge lists) replaces the default: cn() does not merge
	// conflicting classes, and with both present the stylesheet's order, not the caller, would win.
	const padding = /(^|\s)p-\d/.test(className ?? '') ? undefined : 'p-5'
	return <section className={cn('rounded-xl border border-slate-200 bg-white shadow-sm', padding, className)}>{children}</section>
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
	return (
		<div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
			<p className="font-semibold text-slate-800">{title}</p>
			{children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
		</div>
	)
}

/** The one quiet line of a small section with nothing to show. */
export function QuietNote({ children }: { children: ReactNode }) {
	return <p className="text-sm text-slate-500">{children}</p>
}

/** The narrow centred column of the sign-up and log-in pages. */
export function AuthPanel({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
	return (
		<main className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold tracking-tight">{title}</h1>
			{intro ? <div className="mt-2 text-slate-600">{intro}</div> : null}
			<Card className="mt-6">{children}</Card>
		</main>
	)
}
