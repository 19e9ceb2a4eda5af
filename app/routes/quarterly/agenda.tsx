import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/agenda.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { CycleNav } from '#app/components/quarterly/cycle-nav.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { ErrorList, Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import {
	addAgendaItem,
	generateAgenda,
	GENERATE_REFUSALS,
	listAgenda,
	moveAgendaItem,
	removeAgendaItem,
	updateAgendaItem,
	type AgendaItemView,
} from '#app/modules/quarterly/agenda.server.ts'
import { cycleCompletion, cycleOverview } from '#app/modules/quarterly/completion.server.ts'
import { AGENDA_KIND_LABELS } from '#app/modules/quarterly/dashboard.ts'
import {
	AddAgendaItemSchema,
	AGENDA_LIMITS,
	EditAgendaItemSchema,
	GenerateAgendaSchema,
	MoveAgendaItemSchema,
	RemoveAgendaItemSchema,
} from '#app/modules/quarterly/dashboard-schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { requireCycleModerator } from '#app/utils/permissions.server.ts'
import { invariantResponse } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Agenda, ${data.cycle.quarter}` : 'Agenda', data?.group.name ?? 'Group') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const [cycle, items, completion, meeting] = await Promise.all([
		cycleOverview(access.cycleId),
		listAgenda(access.cycleId),
		cycleCompletion(access.cycleId, access.groupId),
		db.meeting.findUnique({ where: { cycleId: access.cycleId }, select: { status: true } }),
	])
	return {
		group: { slug: group.slug, name: group.name },
		cycle: { id: cycle.id, quarter: cycle.quarter },
		items,
		submitted: completion.counts.submitted,
		meetingLive: meeting?.status === 'live',
	}
}

type AgendaReply =
	| { intent: 'generate'; confirm: true; message: string }
	| { intent: 'add' | 'edit'; itemId: string | null; result: SubmissionResult<string[]> }

export async function action({ request, params }: Route.ActionArgs) {
	const { group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const here = `/g/${group.slug}/reviews/${access.cycleId}/agenda`
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'generate') {
		const submission = parseWithZod(formData, { schema: GenerateAgendaSchema })
		invariantResponse(submission.status === 'success', 'Unexpected confirmation')
		const outcome = await generateAgenda(access, { replace: submission.value.replace === 'yes' })
		if (outcome.ok)
			return redirectWithToast(here, {
				title: `Agenda drawn from ${outcome.submitted} ${outcome.submitted === 1 ? 'update' : 'updates'}: ${outcome.count} items`,
			})
		// An agenda is there: ask before replacing it (the page shows the question, no JavaScript needed).
		if (outcome.reason === 'exists')
			return data<AgendaReply>({ intent: 'generate', confirm: true, message: GENERATE_REFUSALS.exists })
		return redirectWithToast(here, { type: 'info', title: GENERATE_REFUSALS[outcome.reason] })
	}
	if (intent === 'add') {
		const submission = parseWithZod(formData, { schema: AddAgendaItemSchema })
		if (submission.status !== 'success')
			return data<AgendaReply>({ intent, itemId: null, result: replyWithin(submission, AddAgendaItemSchema) }, { status: 400 })
		await addAgendaItem(access.cycleId, submission.value)
		return redirectWithToast(here, { title: 'Item added at the end' })
	}
	if (intent === 'edit') {
		const submission = parseWithZod(formData, { schema: EditAgendaItemSchema })
		if (submission.status !== 'success')
			return data<AgendaReply>(
				{ intent, itemId: String(formData.get('itemId') ?? ''), result: replyWithin(submission, EditAgendaItemSchema) },
				{ status: 400 },
			)
		const { itemId, ...input } = submission.value
		const saved = await updateAgendaItem(access.cycleId, itemId, input)
		return redirectWithToast(here, saved ? { title: 'Item saved' } : { type: 'info', title: 'That item is no longer on the agenda' })
	}
	if (intent === 'move') {
		const submission = parseWithZod(formData, { schema: MoveAgendaItemSchema })
		invariantResponse(submission.status === 'success', 'Choose an item and a direction')
		await moveAgendaItem(access.cycleId, submission.value.itemId, submission.value.direction)
		return redirectWithToast(here, { title: 'Agenda reordered' })
	}
	if (intent === 'remove') {
		const submission = parseWithZod(formData, { schema: RemoveAgendaItemSchema })
		invariantResponse(submission.status === 'success', 'Choose an item')
		const outcome = await removeAgendaItem(access.cycleId, submission.value.itemId)
		return redirectWithToast(
			here,
			outcome === 'removed'
				? { title: 'Item removed' }
				: outcome === 'current'
					? { type: 'info', title: 'The meeting is on that item now: move on first, then remove it' }
					: { type: 'info', title: 'That item was already removed' },
		)
	}
	throw new Response('Unknown action', { status: 400 })
}

function replyFor(actionData: AgendaReply | undefined, intent: 'add' | 'edit', itemId: string | null) {
	return actionData && actionData.intent === intent && actionData.itemId === itemId ? actionData.result : undefined
}

function ItemCard({
	item,
	index,
	count,
	lastResult,
}: {
	item: AgendaItemView
	index: number
	count: number
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const [form, fields] = useForm({
		id: `agenda-item-${item.id}`,
		lastResult,
		constraint: getZodConstraint(EditAgendaItemSchema),
		defaultValue: { itemId: item.id, note: item.note, minutes: String(item.minutes) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EditAgendaItemSchema }),
		shouldValidate: 'onBlur',
	})
	return (
		<li data-agenda-item={item.id}>
			<Card>
				<div className="flex flex-wrap items-start justify-between gap-3">
					<div className="min-w-0">
						<p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
							{index + 1}. {AGENDA_KIND_LABELS[item.kind]} · {item.minutes} min
						</p>
						<h3 className="font-semibold text-slate-900">{item.title}</h3>
					</div>
					<div className="flex gap-1">
						<Form method="post" className="flex gap-1">
							<input type="hidden" name="intent" value="move" />
							<input type="hidden" name="itemId" value={item.id} />
							<button
								type="submit"
								name="direction"
								value="up"
								disabled={index === 0}
								className={buttonClasses('ghost', 'sm')}
								aria-label={`Move “${item.title}” up`}
							>
								↑ Up
							</button>
							<button
								type="submit"
								name="direction"
								value="down"
								disabled={index === count - 1}
								className={buttonClasses('ghost', 'sm')}
								aria-label={`Move “${item.title}” down`}
							>
								↓ Down
							</button>
						</Form>
						<Form method="post">
							<input type="hidden" name="intent" value="remove" />
							<input type="hidden" name="itemId" value={item.id} />
							<button type="submit" className={buttonClasses('ghost', 'sm')} aria-label={`Remove “${item.title}”`}>
								Remove
							</button>
						</Form>
					</div>
				</div>
				<Form method="post" className="mt-3 grid gap-3 sm:grid-cols-[1fr_8rem_auto] sm:items-end" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="edit" />
					<input type="hidden" name="itemId" value={item.id} />
					<TextareaField
						label="Note"
						errors={fields.note.errors}
						textareaProps={{ ...getTextareaProps(fields.note), rows: 2, placeholder: 'What to cover, who to ask…' }}
					/>
					<Field
						label="Minutes"
						errors={fields.minutes.errors}
						inputProps={{ ...getInputProps(fields.minutes, { type: 'number' }), step: 1 }}
					/>
					<Button variant="secondary" size="sm" aria-label={`Save “${item.title}”`}>
						Save
					</Button>
					<ErrorList errors={form.errors} />
				</Form>
			</Card>
		</li>
	)
}

export default function Agenda({ loaderData, actionData }: Route.ComponentProps) {
	const { group, cycle, items, submitted, meetingLive } = loaderData
	const navigation = useNavigation()
	const addReply = replyFor(actionData, 'add', null)
	const [addForm, addFields] = useForm({
		id: 'agenda-add',
		lastResult: addReply,
		constraint: getZodConstraint(AddAgendaItemSchema),
		defaultValue: { minutes: '10' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AddAgendaItemSchema }),
		shouldValidate: 'onBlur',
	})
	const confirming = actionData && actionData.intent === 'generate' ? actionData : null
	const totalMinutes = items.reduce((sum, item) => sum + item.minutes, 0)
	const busy = navigation.state === 'submitting'
	return (
		<main className="mx-auto max-w-4xl space-y-6">
			<div>
				<p className="mb-2 text-sm">
					<Link to={`/g/${group.slug}/reviews`}>← {group.name}’s reviews</Link>
				</p>
				<PageHeader
					title={`Agenda, ${cycle.quarter}`}
					description={
						items.length
							? `${items.length} ${items.length === 1 ? 'item' : 'items'}, ${totalMinutes} minutes.`
							: 'Drawn from the submitted updates: a hot seat for each member, their asks, and the most common blockers.'
					}
				/>
				<CycleNav slug={group.slug} cycleId={cycle.id} canManage />
			</div>

			{confirming ? (
				<div role="alertdialog" aria-labelledby="replace-question" className="rounded-xl border border-amber-300 bg-amber-50 p-5">
					<p id="replace-question" className="font-semibold text-amber-950">
						Replace the agenda?
					</p>
					<p className="mt-1 text-sm text-amber-950">{confirming.message}</p>
					<div className="mt-3 flex gap-2">
						<Form method="post">
							<input type="hidden" name="intent" value="generate" />
							<input type="hidden" name="replace" value="yes" />
							<Button variant="danger" disabled={busy}>
								Replace it with a new one
							</Button>
						</Form>
						<Link to="." className={buttonClasses('secondary')}>
							Keep this agenda
						</Link>
					</div>
				</div>
			) : null}

			<Card>
				<div className="flex flex-wrap items-center justify-between gap-3">
					<p className="text-sm text-slate-600">
						{submitted === 0
							? 'No update has been submitted yet: the agenda is drawn from submitted updates.'
							: `${submitted} submitted ${submitted === 1 ? 'update' : 'updates'} to draw from.`}
						{meetingLive ? ' The meeting is running: the agenda can be reordered and annotated, not replaced.' : ''}
					</p>
					<Form method="post">
						<input type="hidden" name="intent" value="generate" />
						<Button variant={items.length ? 'secondary' : 'primary'} disabled={busy || submitted === 0 || meetingLive}>
							{items.length ? 'Regenerate from updates…' : 'Generate the agenda'}
						</Button>
					</Form>
				</div>
			</Card>

			{items.length === 0 ? (
				<EmptyState title="No agenda yet">
					{submitted === 0 ? (
						<>
							Once members submit, generate it here. <Link to={`/g/${group.slug}/reviews/${cycle.id}/dashboard`}>See who has submitted</Link>.
						</>
					) : (
						'Generate it from the updates, or add your own items below.'
					)}
				</EmptyState>
			) : (
				<ol className={cn('space-y-3')} aria-label="Agenda">
					{items.map((item, index) => (
						<ItemCard
							key={`${item.id}-${item.note}-${item.minutes}`}
							item={item}
							index={index}
							count={items.length}
							lastResult={replyFor(actionData, 'edit', item.id)}
						/>
					))}
				</ol>
			)}

			<Card>
				<h2 className="mb-3 font-semibold text-slate-900">Add an item</h2>
				<Form method="post" className="grid gap-3 sm:grid-cols-[1fr_8rem]" {...getFormProps(addForm)}>
					<input type="hidden" name="intent" value="add" />
					<FormErrors errors={addForm.errors} />
					<Field
						label="Title"
						errors={addFields.title.errors}
						inputProps={{ ...getInputProps(addFields.title, { type: 'text' }), placeholder: 'Round of wins' }}
						className="sm:col-span-1"
					/>
					<Field
						label="Minutes"
						errors={addFields.minutes.errors}
						inputProps={{ ...getInputProps(addFields.minutes, { type: 'number' }), step: 1 }}
					/>
					<TextareaField
						label="Note"
						hint={`Optional, up to ${AGENDA_LIMITS.noteMax} characters`}
						errors={addFields.note.errors}
						textareaProps={{ ...getTextareaProps(addFields.note), rows: 2 }}
						className="sm:col-span-2"
					/>
					<div>
						<Button disabled={busy}>Add item</Button>
					</div>
				</Form>
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
