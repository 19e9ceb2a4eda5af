// What every scenario is given: the data set, the running app, the load processes, the settings
// of this run, and where to put its figures.
import type { DatasetInfo } from '../data/plan.ts'
import type { ServerProcess } from '#tests/server-process.ts'
import type { Child } from './children.ts'
import { median } from './stats.ts'

/** One line of the results table: the app's figure(s) beside the ceiling's, same unit. */
export type Row = {
	scenario: string
	measure: string
	unit: string
	/** One figure, or [p50, p99]. */
	app: number | [number, number]
	ceiling: number | [number, number]
	note?: string
}

export type Settings = {
	quick: boolean
	rounds: number
	/** Length of one throughput or open-loop measurement. */
	seconds: number
	/** Readers of the fan-out scenario. */
	readers: number[]
	/** Upper bounds for one search URL's sequential samples. */
	searchBudget: { maxSamples: number; minSamples: number; maxMs: number }
}

export type Context = {
	settings: Settings
	info: DatasetInfo
	/** The SQLite file the app serves (a copy of the generated set). */
	dbFile: string
	buildDir: string
	app: ServerProcess
	/** A session cookie ("pp_session=…") per generated user id. */
	cookies: Map<string, string>
	viewerCookie: string
	/** Two load processes: a second one probes while the first one loads. */
	load: Child
	probe: Child
	/** Ceilings that are the database's own work (bench/ceilings/db-work.ts). */
	dbWork: Child
	record(row: Row): void
	log(line: string): void
}

/**
 * Runs `rounds` interleaved rounds (app, ceiling, app, ceiling…) and gives the per-figure median
 * of each side: noise from other work on the machine falls on both sides alike.
 */
export async function interleaved<A extends Record<string, number>, C extends Record<string, number>>(
	rounds: number,
	app: (round: number) => Promise<A>,
	ceiling: (round: number) => Promise<C>,
): Promise<{ app: A; ceiling: C }> {
	const apps: A[] = []
	const ceilings: C[] = []
	for (let round = 0; round < rounds; round++) {
		apps.push(await app(round))
		ceilings.push(await ceiling(round))
	}
	return { app: medianOf(apps), ceiling: medianOf(ceilings) }
}

export function medianOf<T extends Record<string, number>>(list: T[]): T {
	const keys = Object.keys(list[0] ?? {})
	return Object.fromEntries(keys.map((key) => [key, median(list.map((item) => item[key]!))])) as T
}
