import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'

async function entriesOf(dir: string) {
	return readdir(dir, { withFileTypes: true }).catch(() => [])
}

/**
 * Removes the run's folder (its database and its build; the server has stopped by now) and the
 * output folders that hold no trace or screenshot: this run's, and those earlier runs left with
 * only their `.last-run.json` (Playwright writes it after this teardown).
 */
export default async function globalTeardown(): Promise<void> {
	const runDir = process.env.E2E_RUN_DIR
	if (runDir) await rm(runDir, { recursive: true, force: true })
	const outputDir = process.env.E2E_OUTPUT_DIR
	if (!outputDir) return
	if (!(await entriesOf(outputDir)).some((entry) => entry.isDirectory() && !entry.name.startsWith('.'))) {
		await rm(outputDir, { recursive: true, force: true })
	}
	const root = path.dirname(outputDir)
	for (const run of await entriesOf(root)) {
		if (!run.isDirectory() || !run.name.startsWith('e2e-')) continue
		const entries = await entriesOf(path.join(root, run.name))
		if (entries.length === 1 && entries[0]!.name === '.last-run.json') {
			await rm(path.join(root, run.name), { recursive: true, force: true })
		}
	}
}
