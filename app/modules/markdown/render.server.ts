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
import { MENTION_PATTERN, type MentionTarget, type RenderedMarkdown } from './markdown.ts'

/**
 * The renderer itself, run inside the markdown worker (see renderer.server.ts): never on the
 * server's main thread, where a pathological body would stop every request.
 *
 * Posts are GitHub-flavoured markdown, parsed once per write. Raw HTML in the markdown is
 * dropped, and the result goes through rehype-sanitize (GitHub's allow-list: no scripts, no
 * event handlers, no javascript: URLs) before it is stored.
 */
const parser = unified().use(remarkParse).use(remarkGfm)

const sanitizeSchema = {
	...defaultSchema,
	// Task-list checkboxes from GFM stay, but disabled (GitHub's schema allows them).
	protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
}

const toHtml = unified()
	.use(remarkRehype)
	.use(rehypeSanitize, sanitizeSchema)
	.use(rehypeExternalLinks, { target: '_blank', rel: ['nofollow', 'noopener', 'noreferrer'] })
	.use(rehypeStringify)

/** The @handles written in the text (not inside code), lower-cased and unique. */
function mentionedHandles(tree: Root): string[] {
	const handles = new Set<string>()
	visit(tree, 'text', (node: Text) => {
		for (const match of node.value.matchAll(MENTION_PATTERN)) handles.add(match[1]!.toLowerCase())
	})
	return [...handles]
}

function linkMentions(tree: Root, mentions: MentionTarget[]): void {
	if (mentions.length === 0) return
	const byHandle = new Map(mentions.map((target) => [target.handle.toLowerCase(), target]))
	findAndReplace(tree, [
		[
			MENTION_PATTERN,
			(whole: string, handle: string) => {
				const target = byHandle.get(handle.toLowerCase())
				if (!target) return false
				return { type: 'link', url: `/u/${target.id}`, children: [{ type: 'text', value: whole }] }
			},
		],
	])
}

// Blocks whose text reads as one run: their inline parts join without spaces ("**bold**, text").
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code', 'html'])

/** The words without markdown syntax, for search, excerpts and notification previews. */
function plainText(tree: Root): string {
	const blocks: string[] = []
	visit(tree, (node) => {
		if (!TEXT_BLOCKS.has(node.type)) return undefined
		blocks.push(toString(node))
		return SKIP
	})
	// Text nodes are joined with spaces: "**invoices**, and" would read "invoices , and".
	return blocks
		.join(' ')
		.replace(/\s+/g, ' ')
		.replace(/\s+([,.;:!?)])/g, '$1')
		.trim()
}

function parse(markdown: string): Root {
	return parser.runSync(parser.parse(markdown)) as Root
}

/** One parse: the safe HTML (known @mentions linked), the plain text and the handles mentioned. */
export function renderMarkdownNow(markdown: string, mentions: MentionTarget[] = []): RenderedMarkdown {
	const tree = parse(markdown)
	const text = plainText(tree)
	const handles = mentionedHandles(tree)
	linkMentions(tree, mentions)
	const html = toHtml.stringify(toHtml.runSync(tree))
	return { html, text, mentionedHandles: handles }
}

export function plainTextNow(markdown: string): string {
	return plainText(parse(markdown))
}
