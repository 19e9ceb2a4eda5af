import { redirect } from 'react-router'
import type { Route } from './+types/logout.ts'
import { logout } from '#app/utils/auth.server.ts'

export async function action({ request, context }: Route.ActionArgs) {
	return logout(request, context.realtime)
}

export async function loader() {
	// Logging out changes state, so it happens only through the form (POST).
	return redirect('/')
}
