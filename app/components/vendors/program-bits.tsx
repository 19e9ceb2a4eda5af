import { Star } from 'lucide-react'
import { Link } from 'react-router'
import { PROGRAM_KIND_LABELS, type ProgramKind } from '#app/modules/vendors/constants.ts'
import {
	daysUntil,
	PROGRAM_STATUS_LABELS,
	type ProgramStatus,
} from '#app/modules/vendors/status.ts'
import { titleLinkClasses } from '#app/components/page.tsx'
import { cn } from '#app/utils/misc.ts'

// The small pieces every vendor program page shares: stars, the status badge, amounts, a row of
// the catalogue.

export function kindLabel(kind: string): string {
	return PROGRAM_KIND_LABELS[kind as ProgramKind] ?? kind
}

/** "4.3" (one decimal), or an en dash with no figure. */
export function oneDecimal(value: number | null): string {
	return value === null ? '–' : value.toFixed(1)
}

export function money(amount: number | null, currency: string | null): string | null {
	if (amount === null) return null
	const figure = amount.toLocaleString('en-US', { maximumFractionDigits: 2 })
	return currency ? `${figure} ${currency}` : figure
}

/** `filled` filled stars out of `total` (decorative: a caller says the number in words). */
export function StarIcons({
	filled,
	total = filled,
	className,
}: {
	filled: number
	total?: number
	className?: string
}) {
	return (
		<span
			aria-hidden="true"
			className={cn('inline-flex items-center gap-px align-[-0.125em]', className)}
		>
			{Array.from({ length: total }, (_, i) => (
				<Star
					key={i}
					className={cn('h-[1em] w-[1em]', i < filled ? 'text-amber-500' : 'text-slate-300')}
					fill="currentColor"
					strokeWidth={1.5}
				/>
			))}
		</span>
	)
}

/** Filled and empty stars for a score 0–5, named in words for screen readers. */
export function Stars({ value, className }: { value: number | null; className?: string }) {
	const rounded = value === null ? 0 : Math.round(value)
	const label = value === null ? 'Not rated yet' : `${oneDecimal(value)} out of 5 stars`
	return (
		<span role="img" aria-label={label} className={cn('inline-flex', className)}>
			<StarIcons filled={rounded} total={5} />
		</span>
	)
}

const STATUS_CLASSES: Record<ProgramStatus, string> = {
	upcoming: 'bg-sky-50 text-sky-800 ring-sky-200',
	open: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	ending_soon: 'bg-amber-50 text-amber-900 ring-amber-200',
	ended: 'bg-slate-100 text-slate-700 ring-slate-200',
}

function daysText(days: number): string {
	if (days === 0) return 'last day today'
	return days === 1 ? '1 day left' : `${days} days left`
}

/** Upcoming, open, ending soon (with the days left) or ended; a proposal says so instead. */
export function ProgramStatusBadge({
	status,
	state,
	lastDay,
	opensOn,
	now,
}: {
	status: ProgramStatus
	state: string
	lastDay: Date | null
	opensOn: Date | null
	now: Date
}) {
	if (state === 'proposed')
		return (
			<span className="rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800 ring-1 ring-violet-200">
				Awaiting approval
			</span>
		)
	let detail = ''
	if ((status === 'open' || status === 'ending_soon') && lastDay)
		detail = `, ${daysText(daysUntil(lastDay, now))}`
	if (status === 'upcoming' && opensOn) {
		const days = daysUntil(opensOn, now)
		detail = `, opens in ${days === 1 ? '1 day' : `${days} days`}`
	}
	return (
		<span
			className={cn('rounded-full px-2 py-0.5 text-xs font-medium ring-1', STATUS_CLASSES[status])}
		>
			{`${PROGRAM_STATUS_LABELS[status]}${detail}`}
		</span>
	)
}

export type ProgramRowData = {
	id: string
	name: string
	kind: string
	state: string
	vendor: { id: string; name: string }
	status: ProgramStatus
	opensOn: Date | null
	lastDay: Date | null
	benefit: { amount: number | null; currency: string | null; text: string }
	figures: { average: number | null; count: number }
}

export function benefitOf(benefit: ProgramRowData['benefit']): string | null {
	const amount = money(benefit.amount, benefit.currency)
	return [amount, benefit.text].filter(Boolean).join(' · ') || null
}

/** One program in a list: name, vendor, kind, status, stars and benefit. */
export function ProgramRow({
	program,
	now,
	showVendor = true,
}: {
	program: ProgramRowData
	now: Date
	showVendor?: boolean
}) {
	const benefit = benefitOf(program.benefit)
	return (
		<li
			className="flex flex-wrap items-start justify-between gap-3 px-5 py-4"
			data-program-id={program.id}
		>
			<div className="min-w-0">
				<Link
					to={`/programs/${program.id}`}
					className={`font-semibold text-slate-900 ${titleLinkClasses}`}
				>
					{program.name}
				</Link>
				<p className="mt-0.5 text-sm text-slate-600">
					{showVendor ? (
						<>
							<Link to={`/vendors/${program.vendor.id}`} className="text-slate-700">
								{program.vendor.name}
							</Link>
							{' · '}
						</>
					) : null}
					{kindLabel(program.kind)}
				</p>
				{benefit ? <p className="mt-1 text-sm text-slate-700">Benefit: {benefit}</p> : null}
			</div>
			<div className="flex flex-col items-end gap-1 text-sm">
				<ProgramStatusBadge
					status={program.status}
					state={program.state}
					lastDay={program.lastDay}
					opensOn={program.opensOn}
					now={now}
				/>
				<span className="flex items-center gap-1.5">
					<Stars value={program.figures.average} />
					<span className="text-slate-600 tabular-nums">
						{program.figures.count === 0
							? 'No ratings yet'
							: `${oneDecimal(program.figures.average)} (${program.figures.count} ${program.figures.count === 1 ? 'rating' : 'ratings'})`}
					</span>
				</span>
			</div>
		</li>
	)
}
