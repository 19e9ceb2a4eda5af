import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/flag.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'
import {
	FLAG_NOTE_MAX,
	FLAG_REASON_LABELS,
	FLAG_REASONS,
	FLAG_STATUS_WORDS,
	FLAG_SUBJECT_KINDS,
	FlagSchema,
	type FlagSubjectKind,
} from '#app/modules/moderation/flag-schemas.ts'
import {
	createFlag,
	findOwnFlag,
	readableFlagTarget,
} from '#app/modules/moderation/flags.server.ts'
import { ModerationError } from '#app/modules/moderation/moderation-error.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// The flag form for anything a member reads: /flag?kind=post&id=… (post, thread or rating). Any
// page links here, so flagging works without JavaScript; a thing the viewer cannot read is 404.

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Flag for the moderators') }]

function subjectOf(url: URL): { kind: FlagSubjectKind; id: string } | null {
	const kind = url.searchParams.get('kind')
	const id = url.searchParams.get('id')
	if (!kind || !id || !(FLAG_SUBJECT_KINDS as readonly string[]).includes(kind)) return null
	return { kind: kind as FlagSubjectKind, id }
}

const KIND_WORDS: Record<FlagSubjectKind, string> = {
	post: 'post',
	thread: 'thread',
	rating: 'review',
}

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const subject = subjectOf(new URL(request.url))
	const target = subject ? await readableFlagTarget(user, subject.kind, subject.id) : null
	if (!subject || !target) throw notFound()
	const own = await findOwnFlag(user.id, subject.kind, subject.id)
	return {
		subject,
		word: KIND_WORDS[subject.kind],
		target: {
			label: target.label,
			href: target.href,
			excerpt: target.excerpt,
			authorName: target.authorName,
		},
		isOwn: target.authorId === user.id,
		flag: own
			? {
					reason: FLAG_REASON_LABELS[own.reason as keyof typeof FLAG_REASON_LABELS] ?? own.reason,
					note: own.note,
					createdAt: own.createdAt,
					status: FLAG_STATUS_WORDS[own.status] ?? own.status,
				}
			: null,
	}
}

type Refusal = { errors: Record<string, string[]>; values: { reason: string; note: string } }

export async function action({ request, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	const formData = await request.formData()
	const url = new URL(request.url)
	// The item may come from the address (this page) or the form (a form elsewhere posting here).
	for (const name of ['kind', 'id'] as const)
		if (!formData.get(name) && url.searchParams.get(name))
			formData.set(name, url.searchParams.get(name)!)
	const values = {
		reason: String(formData.get('reason') ?? ''),
		note: String(formData.get('note') ?? ''),
	}
	const submission = parseWithZod(formData, { schema: FlagSchema })
	if (submission.status !== 'success') {
		const errors = Object.fromEntries(
			Object.entries(submission.error ?? {}).map(([key, value]) => [key || 'form', value ?? []]),
		)
		if (errors.kind || errors.id) throw notFound()
		return data<Refusal>({ errors, values }, { status: 400 })
	}
	try {
		const { target } = await createFlag(user, submission.value, context.realtime)
		return redirectWithToast(target.href, {
			title: 'Flagged for the moderators',
			description: 'Thank you. You will be told when a moderator has looked at it.',
		})
	} catch (error) {
		if (error instanceof ModerationError) {
			if (error.status === 404) throw notFound()
			return data<Refusal>({ errors: { form: [error.message] }, values }, { status: error.status })
		}
		throw error
	}
}

export default function FlagPage({ loaderData, actionData }: Route.ComponentProps) {
	const { subject, word, target, isOwn, flag } = loaderData
	const refusal = actionData as Refusal | undefined
	const navigation = useNavigation()
	return (
		<main className="mx-auto max-w-2xl space-y-6">
			<p className="text-sm">
				<Link to={target.href}>← Back to {target.label}</Link>
			</p>
			<PageHeader
				title={`Flag this ${word}`}
				description="Tell the moderators something needs their attention. They see your name and reason; the author does not."
			/>
			<Card>
				<p className="text-sm text-slate-600">
					{target.label}, by {target.authorName}
				</p>
				{target.excerpt ? (
					<blockquote className="mt-2 border-l-4 border-slate-200 pl-3 text-sm text-slate-700">
						{target.excerpt}
					</blockquote>
				) : null}
			</Card>
			{isOwn ? (
				<p
					role="status"
					className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
				>
					You cannot flag your own {word}. <Link to={target.href}>Go back</Link>
				</p>
			) : flag ? (
				<p
					role="status"
					className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
					data-testid="own-flag"
				>
					You flagged this {word} <RelativeTime date={flag.createdAt} /> as “{flag.reason}”
					{flag.note ? ` (${flag.note})` : ''}: {flag.status}.
				</p>
			) : (
				<Card>
					<Form method="post" className="space-y-4">
						<input type="hidden" name="kind" value={subject.kind} />
						<input type="hidden" name="id" value={subject.id} />
						{refusal?.errors.form ? (
							<div role="alert">
								<ErrorList errors={refusal.errors.form} />
							</div>
						) : null}
						<fieldset>
							<legend className="text-sm font-medium text-slate-800">Why?</legend>
							<div className="mt-2 space-y-1">
								{FLAG_REASONS.map((reason) => (
									<label key={reason} className="flex items-center gap-2 text-sm">
										<input
											type="radio"
											name="reason"
											value={reason}
											required
											defaultChecked={refusal?.values.reason === reason}
										/>
										{FLAG_REASON_LABELS[reason]}
									</label>
								))}
							</div>
							<ErrorList errors={refusal?.errors.reason} />
						</fieldset>
						<div>
							<label htmlFor="flag-note" className="block text-sm font-medium text-slate-800">
								Note for the moderators (needed for “Other”)
							</label>
							<textarea
								id="flag-note"
								name="note"
								maxLength={FLAG_NOTE_MAX}
								defaultValue={refusal?.values.note}
								className="mt-1 block min-h-24 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
							/>
							<ErrorList errors={refusal?.errors.note} />
						</div>
						<div className="flex items-center gap-3">
							<Button type="submit" disabled={navigation.state === 'submitting'}>
								Flag
							</Button>
							<Link to={target.href}>Cancel</Link>
						</div>
					</Form>
				</Card>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
