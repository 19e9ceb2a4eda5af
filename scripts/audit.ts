// `npm run audit`: known advisories in the production dependencies, through `npm audit`.
//
// - The registry answers: any high or critical advisory fails (exit 1), with the packages named;
//   low and moderate ones are listed and pass.
// - The registry's audit endpoint does not answer (no network, a mirror or proxy without it): the
//   check says so plainly and passes, because an unreachable service says nothing about our
//   dependencies. AUDIT_REQUIRED=1 makes that a failure too, where the endpoint must answer.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const FAILING = ['high', 'critical'] as const

type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical'
type AuditReport = {
	vulnerabilities?: Record<string, { severity: Severity; range?: string; fixAvailable?: unknown; via?: unknown[] }>
	metadata?: { vulnerabilities?: Record<Severity | 'total', number>; dependencies?: { prod?: number; total?: number } }
	message?: string
	statusCode?: number
	error?: { code?: string; summary?: string }
}

export type Verdict = { outcome: 'pass' | 'fail' | 'unavailable'; lines: string[] }

/** What `npm audit --json` printed, judged. */
export function judgeAudit(stdout: string, required = false): Verdict {
	let report: AuditReport
	try {
		report = JSON.parse(stdout) as AuditReport
	} catch {
		report = {}
	}
	const counts = report.metadata?.vulnerabilities
	if (!counts) {
		const why = report.message ?? report.error?.summary ?? report.error?.code ?? 'no report'
		return {
			outcome: required ? 'fail' : 'unavailable',
			lines: [`audit: the registry's advisory endpoint did not answer (${why}); no advisories checked.`],
		}
	}
	const packages = Object.entries(report.vulnerabilities ?? {})
	const failing = packages.filter(([, vulnerability]) => (FAILING as readonly string[]).includes(vulnerability.severity))
	const lines = [
		`audit: ${report.metadata?.dependencies?.prod ?? '?'} production dependencies; advisories: ` +
			(['critical', 'high', 'moderate', 'low'] as const).map((severity) => `${counts[severity] ?? 0} ${severity}`).join(', '),
		...packages.map(([name, vulnerability]) => `  ${vulnerability.severity.padEnd(8)} ${name} ${vulnerability.range ?? ''}`.trimEnd()),
	]
	if (failing.length > 0) lines.push(`audit: ${failing.length} package(s) with high or critical advisories: update them (npm audit fix --omit=dev) or replace them.`)
	return { outcome: failing.length > 0 ? 'fail' : 'pass', lines }
}

function runNpmAudit(): Promise<string> {
	return new Promise((resolve) => {
		const child = spawn('npm', ['audit', '--omit=dev', '--json'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'] })
		let stdout = ''
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
		// Bounded: a registry that hangs is an unreachable one.
		const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
		child.on('close', () => {
			clearTimeout(timer)
			resolve(stdout)
		})
		child.on('error', () => resolve(''))
	})
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const verdict = judgeAudit(await runNpmAudit(), process.env.AUDIT_REQUIRED === '1')
	for (const line of verdict.lines) console.log(line)
	process.exit(verdict.outcome === 'fail' ? 1 : 0)
}
