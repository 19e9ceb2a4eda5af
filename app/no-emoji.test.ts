// Emoji and pictographic symbols are drawn by an emoji font, and where none is installed (many
// Linux desktops, some kiosks) they show as empty boxes. The interface uses SVG icons
// (lucide-react) instead; this keeps such characters from coming back into the app's code.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, test } from 'vitest'

// Pictographs (📌 🔒 👍 🐢), the dingbats and miscellaneous symbols (★ ✓ ☑), the star ⭐ and the
// emoji variation selector. Arrows (← →), ⌘, typographic quotes and the middle dot are text
// characters every font has, and stay.
const PICTOGRAPHIC =
	/[\p{Extended_Pictographic}\p{Emoji_Presentation}\u{2600}-\u{27BF}\u{2B50}\u{2705}]|\u{FE0F}/u
const PICTOGRAPHIC_ALL = new RegExp(PICTOGRAPHIC, 'gu')

const root = join(import.meta.dirname)

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name)
		if (entry.isDirectory()) return sourceFiles(path)
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : []
	})
}

describe('no emoji in the interface', () => {
	test('the pattern tells pictographs from text symbols', () => {
		for (const char of ['📌', '🔒', '👍', '🐢', '★', '✓', '✅', '⭐', '☑', '❤️', '🇫🇷'])
			expect(char, char).toMatch(PICTOGRAPHIC)
		for (const char of ['←', '→', '↓', '⌘', '·', '’', '–', '…', '×', '▾', 'é'])
			expect(char, char).not.toMatch(PICTOGRAPHIC)
	})

	test('no file under app/ holds one', () => {
		const files = sourceFiles(root)
		expect(files.length).toBeGreaterThan(50)
		const found = files.flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.flatMap((line, index) => {
					const chars = line.match(PICTOGRAPHIC_ALL)
					return chars ? [`app/${relative(root, file)}:${index + 1}: ${chars.join(' ')}`] : []
				}),
		)
		expect(
			found,
			'use an icon from lucide-react (aria-hidden, with the meaning in text) instead',
		).toEqual([])
	})
})
