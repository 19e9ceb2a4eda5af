import { Form, Link } from 'react-router'
import type { Route } from './+types/meeting.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { errorsOf, PlanForms, type MeetingFormReply } from '#app/components/quarterly/action-item-forms.tsx'
import { useMeetingLive, useMeetingStart } from '#app/components/quarterly/meeting-live.ts'
import { MeetingTimer } from '#app/components/quarterly/meeting-timer.tsx'
import { DateTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, FormErrors } from '#app/components/ui/field.tsx'
import { AGENDA_KIND_LABELS, MEETING_LIMITS } from '#app/modules/quarterly/meeting.ts'
import { formatDay } from '#app/modules/quarterly/days.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { meetingPage } from '#app/modules/quarterly/meeting-page.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { requireCycle } from '#app/utils/permissions.server.ts'
import { CycleNav } from '#app/components/quarterly/cycle-nav.tsx'
import { meetingAction } from './meeting-actions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `${data.cycle.quarter} meeting` : 'Meeting', data?.group.name ?? '') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, access } = await requireCycle(request, params.slug, params.cycleId)
	const now = new Date()
	const page = await meetingPage(user, access, now)
	return {
		viewerId: user.id,
		group: { id: group.id, slug: group.slug, name: group.name },
		cycle: { id: access.cycleId, quarter: access.quarter, status: access.status },
		defaultDue: isoDay(new Date(now.getTime() + 14 * 24 * 60 * 60 * 1000)),
		...page,
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, group, access } = await requireCycle(request, params.slug, params.cycleId)
	return meetingAction({
		formData: await request.formData(),
		user,
		access,
		here: `/g/${group.slug}/reviews/${access.cycleId}/meeting`,
		realtime: context.realtime,
	})
}

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
	const { group, cycle, meeting, agenda, canManage, members, viewerId, defaultDue } = loaderData
	const reply = actionData as MeetingFormReply | undefined
	const online = useMeetingLive(meeting?.meetingId ?? null, meeting?.version ?? 0)
	useMeetingStart(group.id, meeting === null)
	const back = (
		<p className="text-sm">
			<Link to={`/g/${group.slug}/reviews`}>← {group.name}’s reviews</Link>
		</p>
	)

	if (!meeting) {
		return (
			<main className="mx-auto max-w-3xl space-y-6">
				{back}
				<CycleNav slug={group.slug} cycleId={cycle.id} canManage={canManage} />
				<PageHeader
					title={`${cycle.quarter} quarterly meeting`}
					description={
						loaderData.plannedOn
							? `Not started yet. Planned for ${formatDay(loaderData.plannedOn)}${loaderData.plannedPlace ? `, ${loaderData.plannedPlace}` : ''}.`
							: 'Not started yet.'
					}
				/>
				{agenda.length === 0 ? (
					<EmptyState title="No agenda yet">
						{canManage ? (
							<>
								The meeting starts from its agenda.{' '}
								<Link to={`/g/${group.slug}/reviews/${cycle.id}/agenda`}>Build the agenda</Link> first.
							</>
						) : (
							'The moderators are preparing the agenda. Come back when the meeting starts.'
						)}
					</EmptyState>
				) : (
					<Card>
						<h2 className="mb-3 font-semibold text-slate-900">Agenda</h2>
						<AgendaList agenda={agenda} currentId={null} />
						{canManage ? (
							<Form method="post" className="mt-4">
								<input type="hidden" name="intent" value="start" />
								<Button>Start the meeting</Button>
							</Form>
						) : (
							<p className="mt-4 text-sm text-slate-600">The meeting has not started. This page follows it once it does.</p>
						)}
					</Card>
				)}
			</main>
		)
	}

	const live = meeting.status === 'live'
	const current = meeting.current
	const currentIndex = current ? agenda.findIndex((item) => item.id === current.id) : -1
	const titleOf = new Map(agenda.map((item) => [item.id, item.title]))
	const parkErrors = errorsOf(reply, 'park')
	const noteErrors = errorsOf(reply, 'note')
	const actionErrors = errorsOf(reply, 'action-item')
	const defaultOwner = current?.memberId ?? members[0]?.id ?? ''

	return (
		<main className="mx-auto max-w-6xl space-y-6">
			{back}
			<CycleNav slug={group.slug} cycleId={cycle.id} canManage={canManage} />
			<PageHeader
				title={`${cycle.quarter} quarterly meeting`}
				description={
					live ? (
						<>
							Live since <DateTime date={meeting.startedAt} pattern="HH:mm" />
						</>
					) : (
						<>
							Ended {meeting.endedAt ? <DateTime date={meeting.endedAt} /> : null}
							{meeting.recap ? (
								<>
									{' '}
									· <Link to={`/t/${meeting.recap.id}`}>Read the recap in the forum</Link>
								</>
							) : null}
						</>
					)
				}
				actions={
					live && canManage ? (
						<Form method="post">
							<input type="hidden" name="intent" value="end" />
							<Button variant="secondary">End and post the recap</Button>
						</Form>
					) : null
				}
			/>

			<div className="grid gap-6 lg:grid-cols-3">
				<div className="space-y-6 lg:col-span-2">
					{live && current ? (
						<Card>
							<p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
								Now · item {currentIndex + 1} of {agenda.length} · {AGENDA_KIND_LABELS[current.kind] ?? 'Item'}
							</p>
							<h2 className="mt-1 text-xl font-semibold text-slate-900" aria-live="polite" data-testid="current-item">
								{current.title}
							</h2>
							{current.note ? <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{current.note}</p> : null}
							<div className="mt-4">
								<MeetingTimer
									key={`${current.id}:${meeting.version}`}
									itemStartedAt={meeting.itemStartedAt}
									serverNow={meeting.serverNow}
									minutes={current.minutes}
								/>
							</div>
							{canManage ? (
								<div className="mt-4 flex flex-wrap gap-2">
									<Form method="post">
										<input type="hidden" name="intent" value="move" />
										<input type="hidden" name="to" value="previous" />
										<input type="hidden" name="version" value={meeting.version} />
										<Button variant="secondary" disabled={currentIndex <= 0}>
											← Previous
										</Button>
									</Form>
									<Form method="post">
										<input type="hidden" name="intent" value="move" />
										<input type="hidden" name="to" value="next" />
										<input type="hidden" name="version" value={meeting.version} />
										<Button disabled={currentIndex >= agenda.length - 1}>Next item →</Button>
									</Form>
								</div>
							) : null}
						</Card>
					) : !live ? (
						<EmptyState title="This meeting has ended">
							{meeting.recap ? (
								<>
									Its recap is in the forum: <Link to={`/t/${meeting.recap.id}`}>{meeting.recap.title}</Link>. Open
									action items stay on each owner’s <Link to="/actions">action items</Link> page until done.
								</>
							) : (
								'Its notes and action items are below.'
							)}
						</EmptyState>
					) : null}

					{meeting.hotSeat ? <HotSeat hotSeat={meeting.hotSeat} /> : null}

					<Card>
						<h2 className="mb-3 font-semibold text-slate-900">Notes</h2>
						{meeting.notes.length === 0 ? (
							<p className="text-sm text-slate-600">No notes yet.</p>
						) : (
							<ul className="space-y-3" data-testid="notes">
								{meeting.notes.map((note) => {
									const fromNote = errorsOf(reply, 'action-from-note', note.id)
									return (
										<li key={note.id} className="rounded-md bg-slate-50 px-3 py-2">
											<p className="text-xs text-slate-500">
												{note.agendaItemId ? titleOf.get(note.agendaItemId) : 'General'} ·{' '}
												<DateTime date={note.createdAt} pattern="HH:mm" />
											</p>
											<p className="text-sm whitespace-pre-line text-slate-800">{note.body}</p>
											{canManage && live ? (
												<Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
													<input type="hidden" name="intent" value="action-from-note" />
													<input type="hidden" name="noteId" value={note.id} />
													<label className="text-xs text-slate-600">
														Owner{' '}
														<select name="ownerId" defaultValue={defaultOwner} className="rounded border border-slate-300 px-1 py-0.5 text-xs">
															{members.map((m) => (
																<option key={m.id} value={m.id}>
																	{m.name}
																</option>
															))}
														</select>
													</label>
													<label className="text-xs text-slate-600">
														Due{' '}
														<input type="date" name="dueOn" defaultValue={defaultDue} className="rounded border border-slate-300 px-1 py-0.5 text-xs" />
													</label>
													<Button size="sm" variant="secondary">
														Make it an action item
													</Button>
													<ErrorList errors={fromNote ? [...(fromNote.form ?? []), ...Object.entries(fromNote.fields).filter(([k]) => k !== '').flatMap(([, v]) => v ?? [])] : null} />
												</Form>
											) : null}
										</li>
									)
								})}
							</ul>
						)}
						{canManage && live ? (
							<Form method="post" className="mt-4 space-y-2">
								<input type="hidden" name="intent" value="note" />
								{current ? <input type="hidden" name="agendaItemId" value={current.id} /> : null}
								<label htmlFor="note-body" className="block text-sm font-medium text-slate-800">
									Note on “{current?.title ?? 'the meeting'}”
								</label>
								<textarea
									id="note-body"
									name="body"
									required
									maxLength={MEETING_LIMITS.noteMax}
									className="block min-h-20 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
								/>
								<ErrorList errors={noteErrors?.fields.body} />
								<FormErrors errors={noteErrors?.form} />
								<Button size="sm">Save note</Button>
							</Form>
						) : null}
					</Card>

					<Card>
						<h2 className="mb-3 font-semibold text-slate-900">Action items</h2>
						{meeting.actionItems.length === 0 ? (
							<p className="text-sm text-slate-600">No action items yet.</p>
						) : (
							<ul className="divide-y divide-slate-100" data-testid="action-items">
								{meeting.actionItems.map((item) => (
									<li key={item.id} className="py-2">
										<div className="flex flex-wrap items-center gap-2 text-sm">
											<span className={cn('text-slate-900', item.doneAt && 'line-through text-slate-500')}>{item.text}</span>
											<span className="text-slate-500">
												— {item.owner.name}, due {isoDay(new Date(item.dueOn))}
											</span>
											{item.ownerId === viewerId || canManage ? (
												<Form method="post" className="ml-auto">
													<input type="hidden" name="intent" value={item.doneAt ? 'reopen' : 'done'} />
													<input type="hidden" name="actionItemId" value={item.id} />
													<Button size="sm" variant="ghost">
														{item.doneAt ? 'Reopen' : 'Mark done'}
													</Button>
												</Form>
											) : null}
										</div>
										{item.ownerId === viewerId && !item.doneAt && meeting.planTargets.length > 0 ? (
											<PlanForms actionItemId={item.id} plans={meeting.planTargets} reply={reply} />
										) : null}
									</li>
								))}
							</ul>
						)}
						{canManage && live ? (
							<Form method="post" className="mt-4 grid gap-2 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
								<input type="hidden" name="intent" value="action-item" />
								<label className="text-sm font-medium text-slate-800">
									New action item
									<input
										type="text"
										name="text"
										required
										maxLength={MEETING_LIMITS.actionTextMax}
										className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
									/>
								</label>
								<label className="text-sm font-medium text-slate-800">
									Owner
									<select name="ownerId" defaultValue={defaultOwner} className="mt-1 block rounded-md border border-slate-300 px-2 py-2 text-sm">
										{members.map((m) => (
											<option key={m.id} value={m.id}>
												{m.name}
											</option>
										))}
									</select>
								</label>
								<label className="text-sm font-medium text-slate-800">
									Due
									<input type="date" name="dueOn" required defaultValue={defaultDue} className="mt-1 block rounded-md border border-slate-300 px-2 py-2 text-sm" />
								</label>
								<Button size="sm">Add</Button>
								<div className="sm:col-span-4">
									<ErrorList errors={[...(actionErrors?.fields.text ?? []), ...(actionErrors?.fields.ownerId ?? []), ...(actionErrors?.fields.dueOn ?? [])]} />
									<FormErrors errors={actionErrors?.form} />
								</div>
							</Form>
						) : null}
					</Card>
				</div>

				<div className="space-y-6">
					<Card>
						<h2 className="mb-3 font-semibold text-slate-900">Agenda</h2>
						<AgendaList agenda={agenda} currentId={live ? (current?.id ?? null) : null} version={canManage && live ? meeting.version : null} />
					</Card>

					<Card>
						<h2 className="mb-3 font-semibold text-slate-900">Who has joined</h2>
						{online === null ? (
							<p className="text-sm text-slate-600">Shown live while this page is open with JavaScript on.</p>
						) : online.length === 0 ? (
							<p className="text-sm text-slate-600">Nobody yet.</p>
						) : (
							<ul className="space-y-1 text-sm text-slate-800" data-testid="presence">
								{online.map((person) => (
									<li key={person.id}>{person.name}</li>
								))}
							</ul>
						)}
					</Card>

					<Card>
						<h2 className="mb-3 font-semibold text-slate-900">Parking lot</h2>
						{meeting.parkingLot.length === 0 ? (
							<p className="text-sm text-slate-600">Nothing parked. Add what should wait for later.</p>
						) : (
							<ul className="space-y-2 text-sm" data-testid="parking-lot">
								{meeting.parkingLot.map((item) => (
									<li key={item.id}>
										<span className="text-slate-800">{item.body}</span>{' '}
										<span className="text-xs text-slate-500">— {item.author}</span>
									</li>
								))}
							</ul>
						)}
						{live ? (
							<Form method="post" className="mt-4 space-y-2">
								<input type="hidden" name="intent" value="park" />
								<label htmlFor="park-body" className="block text-sm font-medium text-slate-800">
									Park something for later
								</label>
								<input
									type="text"
									id="park-body"
									name="body"
									required
									maxLength={MEETING_LIMITS.parkingLotMax}
									className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
								/>
								<ErrorList errors={parkErrors?.fields.body} />
								<FormErrors errors={parkErrors?.form} />
								<Button size="sm" variant="secondary">
									Add to the parking lot
								</Button>
							</Form>
						) : null}
					</Card>
				</div>
			</div>
		</main>
	)
}

type AgendaItem = Route.ComponentProps['loaderData']['agenda'][number]

function AgendaList({ agenda, currentId, version = null }: { agenda: AgendaItem[]; currentId: string | null; version?: number | null }) {
	return (
		<ol className="space-y-1 text-sm" data-testid="agenda">
			{agenda.map((item, index) => {
				const isCurrent = item.id === currentId
				return (
					<li
						key={item.id}
						aria-current={isCurrent ? 'step' : undefined}
						className={cn('flex items-center gap-2 rounded-md px-2 py-1', isCurrent ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700')}
					>
						<span className="w-5 text-right text-slate-600">{index + 1}.</span>
						<span className="flex-1">
							{item.title} <span className="text-xs font-normal text-slate-600">· {item.minutes} min</span>
						</span>
						{version !== null && !isCurrent ? (
							<Form method="post">
								<input type="hidden" name="intent" value="move" />
								<input type="hidden" name="to" value={item.id} />
								<input type="hidden" name="version" value={version} />
								<button type="submit" className="text-xs text-brand-700 hover:underline">
									Go to
								</button>
							</Form>
						) : null}
					</li>
				)
			})}
		</ol>
	)
}

type HotSeatData = NonNullable<NonNullable<Route.ComponentProps['loaderData']['meeting']>['hotSeat']>

function HotSeat({ hotSeat }: { hotSeat: HotSeatData }) {
	return (
		<Card>
			<h2 className="mb-1 font-semibold text-slate-900">In the hot seat: {hotSeat.member.name}</h2>
			<p className="mb-3 text-sm text-slate-600">{hotSeat.member.company}</p>
			{hotSeat.updateState === 'readable' && hotSeat.update ? (
				<dl className="grid gap-3 text-sm sm:grid-cols-2" data-testid="hot-seat-update">
					{hotSeat.update.answers.map((answer) => (
						<div key={answer.id}>
							<dt className="text-slate-500">{answer.label}</dt>
							<dd className="whitespace-pre-line text-slate-900">{answer.text}</dd>
						</div>
					))}
				</dl>
			) : (
				<p className="text-sm text-slate-600">
					{hotSeat.updateState === 'missing'
						? 'No update for this quarter.'
						: 'Their update is shown to the moderators only (or has not been submitted).'}
				</p>
			)}
			{hotSeat.plans ? (
				<div className="mt-4 border-t border-slate-100 pt-3">
					<h3 className="text-sm font-semibold text-slate-900">Their plan</h3>
					<ul className="mt-1 space-y-0.5 text-sm text-slate-700">
						{hotSeat.plans.goals.map((goal) => (
							<li key={goal.id}>
								<Link to={`/plans/${goal.planId}/goals/${goal.id}`}>{goal.title}</Link> — {goal.status}
							</li>
						))}
					</ul>
					<h3 className="mt-3 text-sm font-semibold text-slate-900">Their buddy’s latest comments</h3>
					{hotSeat.plans.comments.length === 0 ? (
						<p className="text-sm text-slate-600">No comments yet.</p>
					) : (
						<ul className="mt-1 space-y-1 text-sm" data-testid="buddy-comments">
							{hotSeat.plans.comments.map((comment) => (
								<li key={comment.id}>
									<span className="text-slate-800">“{comment.body}”</span>{' '}
									<span className="text-xs text-slate-500">
										— {comment.author} on <Link to={comment.href}>{comment.goalTitle}</Link>
									</span>
								</li>
							))}
						</ul>
					)}
				</div>
			) : null}
		</Card>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
