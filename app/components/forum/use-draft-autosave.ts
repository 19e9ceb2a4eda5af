import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

type DraftFields = { title?: string; body: string; data?: Record<string, string> }

/**
 * Saves a draft on the server a moment after the user stops typing. A plain fetch, not a
 * fetcher: saving a draft must not reload the page's data.
 */
export function useDraftAutosave(key: string, delayMs = 800) {
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const [savedAt, setSavedAt] = useState<string | null>(null)
	const [failed, setFailed] = useState(false)
	useEffect(() => () => clearTimeout(timer.current), [])
	const onChange = useCallback(
		(fields: DraftFields) => {
			clearTimeout(timer.current)
			timer.current = setTimeout(() => {
				const body = new URLSearchParams({ key, title: fields.title ?? '', body: fields.body, data: JSON.stringify(fields.data ?? {}) })
				fetch('/resources/drafts', { method: 'POST', body, headers: { accept: 'application/json' } })
					.then((response) => {
						setFailed(!response.ok)
						if (response.ok) setSavedAt(new Date().toISOString())
					})
					.catch(() => setFailed(true))
			}, delayMs)
		},
		[key, delayMs],
	)
	const cancel = useCallback(() => clearTimeout(timer.current), [])
	/** After the text was sent: nothing pending, and no stale "Draft saved". */
	const reset = useCallback(() => {
		clearTimeout(timer.current)
		setSavedAt(null)
		setFailed(false)
	}, [])
	// One object per state, not per render: callers may list it as an effect's dependency.
	return useMemo(() => ({ onChange, cancel, reset, savedAt, failed }), [onChange, cancel, reset, savedAt, failed])
}
