// What the markdown renderer takes and gives, shared by the worker and its callers.

export const MENTION_PATTERN = /(?<![\w@.])@([a-z0-9][a-z0-9.]{0,30}[a-z0-9])/gi

export type MentionTarget = { id: string; handle: string }

export type RenderedMarkdown = {
	/** Sanitised HTML, stored and served as is. */
	html: string
	/** The words without syntax, for search and excerpts. */
	text: string
	/** Handles written outside code, lower-cased and unique. */
	mentionedHandles: string[]
}

export type RenderTask =
	| { kind: 'render'; markdown: string; mentions: MentionTarget[] }
	| { kind: 'text'; markdown: string }

/** The flag the worker raises when it begins a task, so its time limit excludes the queue. */
export type StartedFlag = { started: Int32Array }

/** A stored plain text cut at a word boundary, with an ellipsis when anything was cut. */
export function excerpt(text: string, max: number): string {
	if (text.length <= max) return text
	const cut = text.slice(0, max)
	const lastSpace = cut.lastIndexOf(' ')
	return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:!?-]+$/, '')}…`
}
