import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { pageTitle } from '#app/utils/misc.ts'

export const meta = () => [{ title: pageTitle('Page not found') }]

export async function loader() {
	throw new Response('Not found', { status: 404 })
}

export async function action() {
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return <GeneralErrorBoundary />
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
