import { isRouteErrorResponse, Link, useRouteError } from 'react-router'

const messages: Record<number, { title: string; text: string }> = {
	400: { title: 'That didn’t work', text: 'The request was not understood. Please go back and try again.' },
	403: { title: 'Not allowed', text: 'You don’t have permission to do that.' },
	404: {
		title: 'Page not found',
		text: 'There is nothing here, or it belongs to a group you are not a member of.',
	},
	429: { title: 'Slow down a little', text: 'Too many requests in a short time. Please wait a moment.' },
}

/** One error view for every route: a friendly message per status, never a stack trace. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	let title = 'Something went wrong'
	let text = 'An unexpected error happened on our side. It has been logged; please try again in a moment.'
	let status = 500
	if (isRouteErrorResponse(error)) {
		status = error.status
		const known = messages[error.status]
		if (known) {
			title = known.title
			text = typeof error.data === 'string' && error.status === 403 && error.data ? error.data : known.text
		}
	}
	return (
		<main className="mx-auto max-w-xl px-4 py-16 text-center">
			<p className="text-sm font-semibold text-brand-700">{status}</p>
			<h1 className="mt-2 text-2xl font-bold tracking-tight">{title}</h1>
			<p className="mt-3 text-slate-600">{text}</p>
			<p className="mt-8">
				<Link to="/" className="font-medium">
					Back to your home page
				</Link>
			</p>
		</main>
	)
}
