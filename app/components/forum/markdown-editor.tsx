import { Bold, Code, Italic, Link, List, TextQuote, type LucideIcon } from 'lucide-react'
import {
	useEffect,
	useId,
	useRef,
	useState,
	type ComponentProps,
	type KeyboardEvent,
	type RefObject,
} from 'react'
import { cn } from '#app/utils/misc.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

/**
 * A markdown textarea with what writers expect around it: a small formatting toolbar, a preview
 * rendered by the server's own renderer (exactly what will be posted), and @mention suggestions
 * drawn from the members who can read the place. Without JavaScript it is a plain textarea.
 * Everything is reachable from the keyboard: the toolbar's buttons, Ctrl/⌘+B and Ctrl/⌘+I, and
 * the suggestions with the arrow keys, Enter or Tab, and Escape.
 */

export type EditorPlace = { threadId: string } | { forumId: string }

type Props = Omit<ComponentProps<'textarea'>, 'ref'> & {
	textareaRef: RefObject<HTMLTextAreaElement | null>
	place: EditorPlace
	label: string
}

type Suggestion = { handle: string; name: string; company: string }

/** Replaces the selection (or inserts at the caret) and tells the form, as typing would. */
function replaceSelection(
	element: HTMLTextAreaElement,
	text: string,
	select: [number, number] | null = null,
) {
	const start = element.selectionStart
	element.focus()
	element.setRangeText(text, element.selectionStart, element.selectionEnd, 'end')
	if (select) element.setSelectionRange(start + select[0], start + select[1])
	element.dispatchEvent(new Event('input', { bubbles: true }))
}

function wrap(element: HTMLTextAreaElement, before: string, after: string, placeholder: string) {
	const selected = element.value.slice(element.selectionStart, element.selectionEnd)
	const inner = selected || placeholder
	replaceSelection(element, `${before}${inner}${after}`, [
		before.length,
		before.length + inner.length,
	])
}

/** Prefixes each selected line (quotes, lists), starting the block on a line of its own. */
function prefixLines(element: HTMLTextAreaElement, prefix: string, placeholder: string) {
	const selected = element.value.slice(element.selectionStart, element.selectionEnd) || placeholder
	const lineStart =
		element.selectionStart === 0 || element.value[element.selectionStart - 1] === '\n'
	const block = selected
		.split('\n')
		.map((line) => `${prefix}${line}`)
		.join('\n')
	replaceSelection(element, `${lineStart ? '' : '\n\n'}${block}\n`)
}

const TOOLS: Array<{
	label: string
	icon: LucideIcon
	shortcut?: string
	apply: (element: HTMLTextAreaElement) => void
}> = [
	{ label: 'Bold', icon: Bold, shortcut: 'b', apply: (e) => wrap(e, '**', '**', 'bold text') },
	{ label: 'Italic', icon: Italic, shortcut: 'i', apply: (e) => wrap(e, '_', '_', 'italic text') },
	{ label: 'Link', icon: Link, apply: (e) => wrap(e, '[', '](https://)', 'link text') },
	{ label: 'Quote', icon: TextQuote, apply: (e) => prefixLines(e, '> ', 'quoted text') },
	{ label: 'Bulleted list', icon: List, apply: (e) => prefixLines(e, '- ', 'item') },
	{ label: 'Code', icon: Code, apply: (e) => wrap(e, '`', '`', 'code') },
]

const MENTION_BEFORE_CARET = /(?:^|[^\w@.])@([a-z0-9][a-z0-9.]{0,30})$/i

export function MarkdownEditor({
	textareaRef,
	place,
	label,
	id,
	className,
	onKeyDown,
	onInput,
	...textareaProps
}: Props) {
	const hydrated = useHydrated()
	const generatedId = useId()
	const inputId = id ?? generatedId
	const [mode, setMode] = useState<'write' | 'preview'>('write')
	const [preview, setPreview] = useState<{ html: string } | { error: string } | 'loading'>(
		'loading',
	)
	const [suggestions, setSuggestions] = useState<Suggestion[]>([])
	const [active, setActive] = useState(0)
	const [mentionStart, setMentionStart] = useState<number | null>(null)
	const lookup = useRef<AbortController | null>(null)
	const listId = `${inputId}-mentions`
	const placeQuery: Record<string, string> =
		'threadId' in place ? { threadId: place.threadId } : { forumId: place.forumId }

	useEffect(() => () => lookup.current?.abort(), [])

	function closeSuggestions() {
		lookup.current?.abort()
		setSuggestions([])
		setMentionStart(null)
	}

	function findMention(element: HTMLTextAreaElement) {
		const before = element.value.slice(0, element.selectionStart)
		const match = MENTION_BEFORE_CARET.exec(before)
		if (!match || element.selectionStart !== element.selectionEnd) return closeSuggestions()
		const prefix = match[1]!
		const start = element.selectionStart - prefix.length
		lookup.current?.abort()
		const controller = new AbortController()
		lookup.current = controller
		fetch(`/resources/composer?${new URLSearchParams({ ...placeQuery, q: prefix })}`, {
			signal: controller.signal,
			headers: { accept: 'application/json' },
		})
			.then((response) =>
				response.ok ? (response.json() as Promise<{ members: Suggestion[] }>) : { members: [] },
			)
			.then(({ members }) => {
				if (controller.signal.aborted) return
				setSuggestions(members)
				setActive(0)
				setMentionStart(members.length > 0 ? start : null)
			})
			.catch(() => {})
	}

	function pick(suggestion: Suggestion) {
		const element = textareaRef.current
		if (!element || mentionStart === null) return
		element.setSelectionRange(mentionStart, element.selectionStart)
		closeSuggestions()
		replaceSelection(element, `${suggestion.handle} `)
	}

	function showPreview() {
		setMode('preview')
		setPreview('loading')
		const body = textareaRef.current?.value ?? ''
		fetch('/resources/composer', {
			method: 'POST',
			body: new URLSearchParams({ ...placeQuery, body }),
			headers: { accept: 'application/json' },
		})
			.then(async (response) => {
				const result = (await response.json().catch(() => null)) as
					{ html: string } | { error: string } | null
				setPreview(result ?? { error: 'The preview could not be made. Try again.' })
			})
			.catch(() => setPreview({ error: 'The preview could not be made: check your connection.' }))
	}

	function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
		if (suggestions.length > 0) {
			if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
				event.preventDefault()
				const step = event.key === 'ArrowDown' ? 1 : -1
				setActive((current) => (current + step + suggestions.length) % suggestions.length)
				return
			}
			if (event.key === 'Enter' || event.key === 'Tab') {
				event.preventDefault()
				pick(suggestions[active]!)
				return
			}
			if (event.key === 'Escape') {
				event.preventDefault()
				closeSuggestions()
				return
			}
		}
		if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
			const tool = TOOLS.find((candidate) => candidate.shortcut === event.key.toLowerCase())
			if (tool) {
				event.preventDefault()
				tool.apply(event.currentTarget)
				return
			}
		}
		onKeyDown?.(event)
	}

	const tabClass = (selected: boolean) =>
		cn(
			'min-h-9 rounded-md px-3 text-sm font-medium',
			selected
				? 'bg-white text-slate-900 shadow-sm ring-1 ring-slate-200'
				: 'text-slate-600 hover:text-slate-900',
		)
	const open = suggestions.length > 0 && mode === 'write'
	return (
		<div>
			<div className="flex flex-wrap items-end justify-between gap-2">
				<label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
					{label}
				</label>
				{hydrated ? (
					<div className="flex flex-wrap items-center gap-2">
						<div
							role="toolbar"
							aria-label="Formatting"
							aria-controls={inputId}
							className="flex items-center gap-0.5"
						>
							{TOOLS.map((tool) => (
								<button
									key={tool.label}
									type="button"
									title={
										tool.shortcut
											? `${tool.label} (Ctrl+${tool.shortcut.toUpperCase()})`
											: tool.label
									}
									aria-label={tool.label}
									disabled={mode === 'preview'}
									onClick={() => textareaRef.current && tool.apply(textareaRef.current)}
									className="flex size-9 items-center justify-center rounded-md text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-40"
								>
									<tool.icon aria-hidden="true" className="size-4" />
								</button>
							))}
						</div>
						<div className="flex gap-1 rounded-lg bg-slate-100 p-0.5">
							<button
								type="button"
								aria-pressed={mode === 'write'}
								className={tabClass(mode === 'write')}
								onClick={() => setMode('write')}
							>
								Write
							</button>
							<button
								type="button"
								aria-pressed={mode === 'preview'}
								className={tabClass(mode === 'preview')}
								onClick={showPreview}
							>
								Preview
							</button>
						</div>
					</div>
				) : null}
			</div>
			<div className="relative mt-1">
				<textarea
					{...textareaProps}
					id={inputId}
					ref={textareaRef}
					hidden={mode === 'preview'}
					aria-activedescendant={open ? `${listId}-${active}` : undefined}
					aria-controls={open ? listId : undefined}
					onKeyDown={handleKeyDown}
					onInput={(event) => {
						findMention(event.currentTarget)
						onInput?.(event)
					}}
					onBlur={() => setTimeout(closeSuggestions, 150)}
					className={cn(
						'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid]:border-red-500',
						className,
					)}
				/>
				{open ? (
					<ul
						id={listId}
						role="listbox"
						aria-label="Members to mention"
						className="absolute left-2 top-full z-20 mt-1 w-72 max-w-[calc(100%-1rem)] overflow-hidden rounded-md border border-slate-200 bg-white py-1 shadow-lg"
					>
						{suggestions.map((suggestion, index) => (
							<li
								key={suggestion.handle}
								id={`${listId}-${index}`}
								role="option"
								aria-selected={index === active}
								onMouseDown={(event) => {
									event.preventDefault()
									pick(suggestion)
								}}
								className={cn(
									'cursor-pointer px-3 py-2 text-sm',
									index === active ? 'bg-brand-50' : 'hover:bg-slate-50',
								)}
							>
								<span className="font-medium text-slate-900">{suggestion.name}</span>{' '}
								<span className="text-slate-500">@{suggestion.handle}</span>
								<span className="block truncate text-xs text-slate-500">{suggestion.company}</span>
							</li>
						))}
					</ul>
				) : null}
				{mode === 'preview' ? (
					<div
						data-testid="markdown-preview"
						aria-live="polite"
						aria-busy={preview === 'loading'}
						className="min-h-36 rounded-md border border-slate-200 bg-slate-50 px-3 py-2"
					>
						{preview === 'loading' ? (
							<p className="text-sm text-slate-500">Rendering the preview…</p>
						) : 'error' in preview ? (
							<p className="text-sm text-red-700">{preview.error}</p>
						) : preview.html ? (
							<div
								className="prose-post text-sm"
								dangerouslySetInnerHTML={{ __html: preview.html }}
							/>
						) : (
							<p className="text-sm text-slate-500">Nothing to preview yet.</p>
						)}
					</div>
				) : null}
			</div>
		</div>
	)
}
