import { highlightSegments } from '#app/modules/search/highlight.ts'
import { searchTerms } from '#app/modules/search/terms.ts'

/** How a search hit looks in a snippet, whose <mark> comes from the server (search/terms.ts). */
export const markClasses =
	'[&_mark]:rounded-sm [&_mark]:bg-amber-100 [&_mark]:px-0.5 [&_mark]:font-medium [&_mark]:text-slate-900'

/**
 * `text` with the words of the search `query` in <mark>, as React elements (React escapes the
 * text). The mark keeps the weight of the text around it: a heading's hits stay bold.
 */
export function HighlightedText({ text, query }: { text: string; query: string }) {
	return (
		<>
			{highlightSegments(text, searchTerms(query)).map((segment, index) =>
				segment.hit ? (
					<mark key={index} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
						{segment.text}
					</mark>
				) : (
					segment.text
				),
			)}
		</>
	)
}
