import { useEffect, useState } from 'react'
import { Button } from './button.tsx'

/**
 * Copies a text to the clipboard. It appears only once the page runs JavaScript (without it the
 * field beside it is selected on focus, ready to copy by hand), and says when it has copied.
 */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
	const [hydrated, setHydrated] = useState(false)
	const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
	useEffect(() => setHydrated(true), [])
	useEffect(() => {
		if (state === 'idle') return
		const timer = setTimeout(() => setState('idle'), 2500)
		return () => clearTimeout(timer)
	}, [state])
	if (!hydrated) return null
	return (
		<Button
			type="button"
			variant="secondary"
			size="sm"
			onClick={() => {
				navigator.clipboard.writeText(text).then(
					() => setState('copied'),
					() => setState('failed'),
				)
			}}
		>
			<span aria-live="polite">
				{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy it' : label}
			</span>
		</Button>
	)
}
