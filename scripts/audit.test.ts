import { expect, test } from 'vitest'
import { judgeAudit } from './audit.ts'

// What npm printed here when the registry's advisory endpoint refused the request.
const unreachable = JSON.stringify({
	message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
	statusCode: 405,
	error: { summary: '', detail: '' },
})

function report(vulnerabilities: Record<string, { severity: string; range?: string }>) {
	const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 }
	for (const { severity } of Object.values(vulnerabilities)) {
		counts[severity as keyof typeof counts] += 1
		counts.total += 1
	}
	return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts, dependencies: { prod: 120 } } })
}

test('an endpoint that does not answer passes, saying that nothing was checked', () => {
	const verdict = judgeAudit(unreachable)
	expect(verdict.outcome).toBe('unavailable')
	expect(verdict.lines.join('\n')).toMatch(/did not answer \(405 Method Not Allowed/)
	expect(judgeAudit('').outcome).toBe('unavailable')
})

test('where the endpoint must answer, its silence fails', () => {
	expect(judgeAudit(unreachable, true).outcome).toBe('fail')
})

test('high or critical advisories fail, naming the packages', () => {
	const verdict = judgeAudit(report({ 'left-pad': { severity: 'critical', range: '<1.3.0' }, qs: { severity: 'moderate' } }))
	expect(verdict.outcome).toBe('fail')
	expect(verdict.lines.join('\n')).toContain('critical left-pad <1.3.0')
	expect(judgeAudit(report({ express: { severity: 'high' } })).outcome).toBe('fail')
})

test('low and moderate advisories are listed and pass', () => {
	const verdict = judgeAudit(report({ qs: { severity: 'moderate' }, debug: { severity: 'low' } }))
	expect(verdict.outcome).toBe('pass')
	expect(verdict.lines[0]).toContain('0 critical, 0 high, 1 moderate, 1 low')
	expect(judgeAudit(report({})).outcome).toBe('pass')
})
