import type { Root, Text } from 'mdast'
import { findAndReplace } from 'mdast-util-find-and-replace'
import { toString } from 'mdast-util-to-string'
import rehypeExternalLinks from 'rehype-external-links'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

/**
 * Posts are GitHub-flavoured markdown, rendered once on the server when written. Raw HTML in the
 * markdown is dropped, and the result goes through rehype-sanitize (GitHub's allow-list: no
 * scripts, no event handlers, no javascript: URLs) before it is stored.
 */
export const MENTION_PATTERN = /(?<![\w@.])@([a-z0-9][a-z0-9.]{0,30}[a-z0-9])/gi

export type MentionTarget = { id: string; handle: string }

const parser = unified().use(remarkParse).use(remarkGfm)

function parse(markdown: string): Root {
	return parser.runSync(parser.parse(markdown)) as Root
}

/** The @handles written in a post's text (not inside code), lower-cased and unique. */
export function extractMentions(markdown: string): string[] {
	const handles = new Set<string>()
	visit(parse(markdown), 'text', (node: Text) => {
		for (const match of node.value.matchAll(MENTION_PATTERN)) handles.add(match[1]!.toLowerCase())
	})
	return [...handles]
}

function remarkMentions(options: { mentions: Map<string, MentionTarget> }) {
	return (tree: Root) => {
		findAndReplace(tree, [
			[
				MENTION_PATTERN,
				(whole: string, handle: string) => {
					const target = options.mentions.get(handle.toLowerCase())
					if (!target) return false
					return { type: 'link', url: `/u/${target.id}`, children: [{ type: 'text', value: whole }] }
				},
			],
		])
	}
}

const sanitizeSchema = {
	...defaultSchema,
	// Task-list checkboxes from GFM stay, but disabled (GitHub's schema allows them).
	protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
}

/** Renders markdown to safe HTML; known @mentions become links to the member's profile. */
export function renderMarkdown(markdown: string, mentions: MentionTarget[] = []): string {
	const byHandle = new Map(mentions.map((target) => [target.handle.toLowerCase(), target]))
	const file = unified()
		.use(remarkParse)
		.use(remarkGfm)
		.use(remarkMentions, { mentions: byHandle })
		.use(remarkRehype)
		.use(rehypeSanitize, sanitizeSchema)
		.use(rehypeExternalLinks, { target: '_blank', rel: ['nofollow', 'noopener', 'noreferrer'] })
		.use(rehypeStringify)
		.processSync(markdown)
	return String(file)
}

// Blocks whose text reads as one run: their inline parts join without spaces ("**bold**, text").
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code', 'html'])

/** The words of a post without markdown syntax, for search and notification previews. */
export function toPlainText(markdown: string): string {
	const blocks: string[] = []
	visit(parse(markdown), (node) => {
		if (!TEXT_BLOCKS.has(node.type)) return undefined
		blocks.push(toString(node))
		return SKIP
	})
	return blocks.join(' ').replace(/\s+/g, ' ').trim()
}
