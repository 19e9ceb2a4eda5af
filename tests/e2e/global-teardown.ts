import { rm } from 'node:fs/promises'

/** Removes the run's throwaway database (the server has stopped by now). */
export default async function globalTeardown(): Promise<void> {
	const url = process.env.E2E_DATABASE_URL
	if (!url?.startsWith('file:')) return
	const file = url.slice('file:'.length)
	await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })))
}
