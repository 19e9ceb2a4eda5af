import { rm } from 'node:fs/promises'

/** Removes the run's folder: its database and its build (the server has stopped by now). */
export default async function globalTeardown(): Promise<void> {
	const dir = process.env.E2E_RUN_DIR
	if (dir) await rm(dir, { recursive: true, force: true })
}
