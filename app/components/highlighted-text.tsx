import { highlightSegments } from '#app/modules/search/highlight.ts'
import { searchTerms } from '#app/modules/search/terms.ts'

/** How a search hit looks, in a title or a snippet (the snippet's <mark> comes from the server). */
export const markClasses =
	'[&_mark]:rounded-sm [&_mark]:bg-amber-100 [&_mark]:px-0.5 [&_mark]:font-medium [&_mark]:text-slate-900'

/** `text` with the words of the search `query` in <mark>, as React elements (React escapes the text). */
export function HighlightedText({ text, query }: { text: string; query: string }) {
	return (
		<>
			{highlightSegments(text, searchTerms(query)).map((segment, index) =>
				segment.hit ? <mark key={index}>{segment.text}</mark> : segment.text,
			)}
		</>
	)
}
