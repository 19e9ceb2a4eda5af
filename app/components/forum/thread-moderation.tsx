import { ChevronDown, Snail } from 'lucide-react'
import { Form, Link } from 'react-router'
import { Button } from '#app/components/ui/button.tsx'
import {
	SLOW_MODE_CHOICES,
	SLOW_MODE_MAX_MINUTES,
	minutesWords,
	slowModeLabel,
} from '#app/modules/forums/thread-moderation.ts'

/** "Slow mode: one reply every 5 minutes", on a thread that has it. */
export function SlowModeNotice({
	minutes,
	canModerate,
}: {
	minutes: number
	canModerate: boolean
}) {
	if (!minutes) return null
	return (
		<p
			className="mb-3 flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
			data-testid="slow-mode"
		>
			<Snail aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
			<span>
				{slowModeLabel(minutes)}
				{canModerate ? ' for members (moderators are exempt).' : '.'}
			</span>
		</p>
	)
}

/** A moderator's thread controls besides lock and pin: move it, and its slow mode. */
export function ThreadModerationControls({
	threadId,
	slowModeMinutes,
	className,
}: {
	threadId: string
	slowModeMinutes: number
	className?: string
}) {
	const presets: number[] = [...SLOW_MODE_CHOICES]
	const choices = presets.includes(slowModeMinutes)
		? presets
		: [...presets, slowModeMinutes].sort((a, b) => a - b)
	return (
		<>
			<Link
				to={`/t/${threadId}/move`}
				className={`inline-flex items-center rounded-md px-2 text-sm no-underline hover:bg-slate-100 ${className ?? ''}`}
			>
				Move
			</Link>
			<details className="text-sm">
				<summary
					className={`inline-flex cursor-pointer list-none items-center [&::-webkit-details-marker]:hidden rounded-md px-2 text-brand-700 hover:bg-slate-100 ${className ?? ''}`}
				>
					Slow mode{slowModeMinutes ? `: ${minutesWords(slowModeMinutes)}` : ''}
					<ChevronDown aria-hidden="true" className="ml-1 h-3.5 w-3.5" />
				</summary>
				<Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
					<input type="hidden" name="intent" value="slow-mode" />
					<label className="block">
						<span className="block text-xs text-slate-600">One reply per member every</span>
						<select
							name="minutes"
							defaultValue={String(slowModeMinutes)}
							className="rounded-md border border-slate-300 px-2 py-1"
						>
							{choices.map((minutes) => (
								<option key={minutes} value={String(minutes)}>
									{minutes === 0 ? 'Off' : minutes === 1 ? '1 minute' : `${minutes} minutes`}
								</option>
							))}
						</select>
					</label>
					<label className="block">
						<span className="block text-xs text-slate-600">
							or minutes (1–{SLOW_MODE_MAX_MINUTES})
						</span>
						<input
							type="number"
							name="customMinutes"
							min={1}
							max={SLOW_MODE_MAX_MINUTES}
							step={1}
							className="w-24 rounded-md border border-slate-300 px-2 py-1"
						/>
					</label>
					<Button variant="secondary" size="sm">
						Set slow mode
					</Button>
				</Form>
			</details>
		</>
	)
}
