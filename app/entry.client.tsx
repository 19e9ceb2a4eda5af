import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { HydratedRouter } from 'react-router/dom'
import { z } from 'zod'

// zod probes whether it may compile validators with `new Function`; our Content-Security-Policy
// forbids that, and the probe would log a violation on every page with a form. It works the same
// without compiling.
z.config({ jitless: true })

startTransition(() => {
	hydrateRoot(
		document,
		<StrictMode>
			<HydratedRouter />
		</StrictMode>,
	)
})
