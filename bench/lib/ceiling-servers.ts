// The ceiling servers (bench/ceilings/*-server.ts), each in a process of its own; they print
// their port as the first line of JSON on stdout.
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RenderConfig } from '../ceilings/render-server.ts'
import { rssOf } from './children.ts'

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type CeilingServer = { url: string; pid: number; info: Record<string, number>; rss(): number; close(): Promise<void> }

async function start(file: string, env: Record<string, string> = {}): Promise<CeilingServer> {
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'ceilings', file)], {
		env: { ...process.env, NODE_ENV: 'production', PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	const info = await new Promise<Record<string, number>>((resolve, reject) => {
		let buffered = ''
		child.stdout!.on('data', (chunk: Buffer) => {
			buffered += chunk.toString()
			const line = buffered.split('\n')[0]
			if (buffered.includes('\n')) resolve(JSON.parse(line!) as Record<string, number>)
		})
		child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before listening`)))
	})
	return {
		url: `http://127.0.0.1:${info.port}`,
		pid: child.pid!,
		info,
		rss: () => rssOf(child.pid!),
		async close() {
			child.kill('SIGTERM')
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
			await exited
			clearTimeout(timer)
		},
	}
}

export async function startRenderCeiling(config: RenderConfig): Promise<CeilingServer> {
	const file = path.join(os.tmpdir(), `peerpower-bench-render-${process.pid}.json`)
	await writeFile(file, JSON.stringify(config))
	return start('render-server.ts', { BENCH_RENDER_CONFIG: file })
}

export const startSocketCeiling = () => start('socket-server.ts')
