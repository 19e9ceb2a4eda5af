// What the fuzz tests throw at the forms, and how they judge the answers.
import fc from 'fast-check'

/** Runs per action: modest by default so `npm test` stays fast; FUZZ_RUNS=500 for a long hunt. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 25
/** FUZZ_SEED replays a failing run (fast-check prints the seed and path of a failure). */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
/** Longer than this is a hang: the visitor (and everyone behind them) would be waiting. */
export const HANG_MS = 10_000

const control = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 40 })

const tricky = fc.constantFrom(
	'',
	' ',
	'\u0000',
	'\uD800', // a lone surrogate: not valid UTF-16 text
	'\u202Eevil', // right-to-left override
	'\uFEFF',
	'0',
	'-1',
	'1e309',
	'NaN',
	'99999999999999999999',
	'true',
	'on',
	'[]',
	'{}',
	'null',
	'undefined',
	'__proto__',
	'constructor',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'../../etc/passwd',
	'%00',
	'reply:community',
	'thread:',
	'javascript:alert(1)',
	'//evil.example',
)

// Long runs are repeats of a short piece. Markdown's nesting characters are left out of the piece:
// deep lists, quotes and emphasis runs are the markdown corpus's subject, with its own time bounds.
const longPiece = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).filter((piece) => !/[>*_+\-#`[\]!|~.\d\s]/.test(piece))
const long = fc
	.tuple(longPiece, fc.integer({ min: 200, max: 30_000 }))
	.map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length))

/** A field's value: unicode, control characters, tricky constants, very long text, real ids. */
export function anyValue(ids: string[]): fc.Arbitrary<string> {
	return fc.oneof(
		{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 3 },
		{ arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
		{ arbitrary: control, weight: 1 },
		{ arbitrary: tricky, weight: 2 },
		{ arbitrary: long, weight: 2 },
		{ arbitrary: fc.constantFrom(...ids), weight: 2 },
	)
}

/** What happens to one field of a valid form. */
export type FieldPlan = { kind: 'keep' } | { kind: 'omit' } | { kind: 'set'; value: string } | { kind: 'twice'; values: [string, string] }

export function fieldPlan(value: fc.Arbitrary<string>): fc.Arbitrary<FieldPlan> {
	return fc.oneof(
		{ arbitrary: fc.constant<FieldPlan>({ kind: 'keep' }), weight: 3 },
		{ arbitrary: fc.constant<FieldPlan>({ kind: 'omit' }), weight: 1 },
		{ arbitrary: value.map<FieldPlan>((v) => ({ kind: 'set', value: v })), weight: 3 },
		{ arbitrary: fc.tuple(value, value).map<FieldPlan>((values) => ({ kind: 'twice', values })), weight: 1 },
	)
}

/** The fields to send: the valid form with each field kept, dropped, replaced or sent twice, plus extras. */
export function applyPlans(valid: Record<string, string>, plans: Record<string, FieldPlan>, extras: Array<[string, string]>): Array<[string, string]> {
	const pairs: Array<[string, string]> = []
	for (const name of new Set([...Object.keys(valid), ...Object.keys(plans)])) {
		const plan = plans[name] ?? { kind: 'keep' }
		if (plan.kind === 'keep' && valid[name] !== undefined) pairs.push([name, valid[name]])
		else if (plan.kind === 'set') pairs.push([name, plan.value])
		else if (plan.kind === 'twice') pairs.push([name, plan.values[0]], [name, plan.values[1]])
	}
	return [...pairs, ...extras]
}

function collectMessages(value: unknown, underErrorKey: boolean, out: string[]): void {
	if (typeof value === 'string') {
		if (underErrorKey && value.trim()) out.push(value)
	} else if (Array.isArray(value)) {
		for (const item of value) collectMessages(item, underErrorKey, out)
	} else if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) collectMessages(item, underErrorKey || /error|message/i.test(key), out)
	}
}

/** The human message of a refusal: a text body, or the strings under error keys of its data. */
export async function messageOf(result: unknown): Promise<string[]> {
	if (result instanceof Response) {
		const text = await result.clone().text()
		if ((result.headers.get('content-type') ?? '').includes('json')) {
			const messages: string[] = []
			try {
				collectMessages(JSON.parse(text), false, messages)
			} catch {
				return [text]
			}
			return messages
		}
		return text.trim() ? [text] : []
	}
	const data = result && typeof result === 'object' && 'data' in result ? (result as { data: unknown }).data : result
	const messages: string[] = []
	collectMessages(data, false, messages)
	return messages
}

/** Resolves with the work's outcome, or rejects when it takes longer than HANG_MS. */
export function withinTime<T>(work: Promise<T>, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} took more than ${HANG_MS} ms`)), HANG_MS)
	})
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
