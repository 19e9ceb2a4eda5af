// Small helpers the benchmarks share: timing, statistics, a throwaway SQLite database, results.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'

export const benchDir = path.dirname(fileURLToPath(import.meta.url))

export type Stats = { runs: number; medianMs: number; p95Ms: number; minMs: number; maxMs: number }

export function stats(samples: number[]): Stats {
	const sorted = [...samples].sort((a, b) => a - b)
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
	const round = (ms: number) => Math.round(ms * 1000) / 1000
	return {
		runs: sorted.length,
		medianMs: round(at(0.5)),
		p95Ms: round(at(0.95)),
		minMs: round(sorted[0]!),
		maxMs: round(sorted.at(-1)!),
	}
}

/** Runs `work` `warmup` times unmeasured, then `runs` times measured. */
export async function measure(
	work: () => Promise<unknown>,
	options: { runs?: number; warmup?: number } = {},
): Promise<Stats> {
	const { runs = 30, warmup = 5 } = options
	for (let i = 0; i < warmup; i++) await work()
	const samples: number[] = []
	for (let i = 0; i < runs; i++) {
		const start = performance.now()
		await work()
		samples.push(performance.now() - start)
	}
	return stats(samples)
}

/** A SQLite file in the system's temp folder, removed by `dispose`. */
export function throwawaySqlite(): { url: string; dispose: () => Promise<void> } {
	const file = path.join(os.tmpdir(), `peerpower-bench-${randomBytes(5).toString('hex')}.db`)
	return {
		url: `file:${file}`,
		dispose: async () => {
			await Promise.all(
				['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })),
			)
		},
	}
}

export function kib(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KiB`
}

/** Prints rows as an aligned table. */
export function printTable(header: string[], rows: Array<Array<string | number>>): void {
	const cells = [header, ...rows.map((row) => row.map(String))]
	const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)))
	const line = (row: string[]) =>
		row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
	console.log(line(header))
	console.log(widths.map((w) => '-'.repeat(w)).join('  '))
	for (const row of cells.slice(1)) console.log(line(row))
}

export async function writeResults(name: string, results: unknown): Promise<string> {
	const dir = path.join(benchDir, 'results')
	await mkdir(dir, { recursive: true })
	const file = path.join(dir, `${name}.json`)
	const environment = {
		node: process.version,
		platform: `${os.platform()} ${os.arch()}`,
		cpus: os.cpus().length,
		cpu: os.cpus()[0]?.model ?? 'unknown',
	}
	await writeFile(
		file,
		`${JSON.stringify({ name, at: new Date().toISOString(), environment, results }, null, '\t')}\n`,
	)
	return path.relative(path.dirname(benchDir), file)
}
