import { useEffect, useState } from 'react'
import { cn } from '#app/utils/misc.ts'
import type { Toast } from '#app/utils/toast.server.ts'

/** Shows the flash message of the last action; it fades after a while and can be dismissed. */
export function Toaster({ toast }: { toast: Toast | null }) {
	const [visible, setVisible] = useState(Boolean(toast))
	useEffect(() => {
		setVisible(Boolean(toast))
		if (!toast) return
		const timer = setTimeout(() => setVisible(false), 6000)
		return () => clearTimeout(timer)
	}, [toast])
	if (!toast || !visible) return null
	return (
		<div className="pointer-events-none fixed print:hidden inset-x-0 top-16 z-50 flex justify-center px-4">
			<div
				role={toast.type === 'error' ? 'alert' : 'status'}
				className={cn(
					'pointer-events-auto flex max-w-md items-start gap-3 rounded-lg border px-4 py-3 shadow-lg',
					toast.type === 'success' && 'border-emerald-200 bg-emerald-50 text-emerald-900',
					toast.type === 'error' && 'border-red-200 bg-red-50 text-red-900',
					toast.type === 'info' && 'border-sky-200 bg-sky-50 text-sky-900',
				)}
			>
				<div className="text-sm">
					<p className="font-semibold">{toast.title}</p>
					{toast.description ? <p className="mt-0.5">{toast.description}</p> : null}
				</div>
				<button
					type="button"
					onClick={() => setVisible(false)}
					className="ml-2 rounded px-1 text-lg leading-none opacity-70 hover:opacity-100"
					aria-label="Dismiss"
				>
					×
				</button>
			</div>
		</div>
	)
}
