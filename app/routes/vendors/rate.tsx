import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Link } from 'react-router'
import type { Route } from './+types/rate.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { RatingForm, type RatingDefaults } from '#app/components/vendors/rating-form.tsx'
import { ratingGroupsOf, programDetail } from '#app/modules/vendors/program-page.server.ts'
import { ownRating, saveRating } from '#app/modules/vendors/ratings.server.ts'
import { ratingSchema } from '#app/modules/vendors/schemas.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireProgram } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Rate ${data.program.name}` : 'Rate a program') },
]

const text = (value: number | null) => (value === null ? undefined : String(value))

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, access } = await requireProgram(request, params.programId, '/rate')
	const [program, mine, groups] = await Promise.all([
		programDetail(access.programId),
		ownRating(user.id, access.programId),
		ratingGroupsOf(user.id),
	])
	if (!program) throw notFound()
	const refusal = access.canRate
		? null
		: access.state === 'approved'
			? 'Only members of a peer group can rate programs.'
			: 'This program is awaiting approval: it can be rated once a moderator approves it.'
	const defaults: RatingDefaults = mine
		? {
				overall: String(mine.overall),
				valueScore: text(mine.valueScore),
				easeScore: text(mine.easeScore),
				supportScore: text(mine.supportScore),
				roiScore: text(mine.roiScore),
				wouldRecommend: mine.wouldRecommend ? 'yes' : 'no',
				yearTookPart: text(mine.yearTookPart),
				review: mine.review,
				pros: mine.pros,
				cons: mine.cons,
				amountClaimed: text(mine.amountClaimed),
				amountPaid: text(mine.amountPaid),
				daysToPayout: text(mine.daysToPayout),
				hoursSpent: text(mine.hoursSpent),
				rejected: mine.rejected ? 'on' : undefined,
				rejectionReason: mine.rejectionReason,
				visibility: mine.visibility,
				shownAs: mine.shownAs,
				groupId: mine.groupId,
			}
		: {
				visibility: 'community',
				shownAs: 'name',
				groupId: groups[0]?.id,
				valueScore: '',
				easeScore: '',
				supportScore: '',
				roiScore: '',
			}
	return {
		program: { id: program.id, name: program.name, vendorName: program.vendor.name },
		refusal,
		editing: Boolean(mine),
		defaults,
		groups,
	}
}

function refuse(submission: Submission<unknown>, error?: VendorError) {
	const schema = ratingSchema()
	const options = error
		? error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		: undefined
	return data({ result: replyWithin(submission, schema, options) }, { status: 400 })
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, access } = await requireProgram(request, params.programId, '/rate')
	const submission = parseWithZod(await request.formData(), { schema: ratingSchema() })
	if (submission.status !== 'success') return refuse(submission)
	try {
		const saved = await saveRating(user, access.programId, submission.value, context.realtime)
		if (!saved) throw notFound()
		return redirectWithToast(`/programs/${access.programId}`, {
			title: saved.created ? 'Rating saved' : 'Rating updated',
			description: 'Thank you: peers can weigh the program on real experience.',
		})
	} catch (error) {
		if (error instanceof VendorError) return refuse(submission, error)
		throw error
	}
}

export default function RateProgram({ loaderData, actionData }: Route.ComponentProps) {
	const { program, refusal, editing, defaults, groups } = loaderData
	const back = `/programs/${program.id}`
	return (
		<main className="mx-auto max-w-3xl">
			<p className="mb-2 text-sm">
				<Link to={back}>← {program.name}</Link>
			</p>
			<PageHeader
				title={editing ? `Edit your rating of ${program.name}` : `Rate ${program.name}`}
				description={
					refusal
						? undefined
						: `${program.vendorName}. One rating per member: you can change it whenever your experience does.`
				}
			/>
			{refusal ? (
				<Card>
					<p role="alert" className="text-slate-800">
						{refusal}
					</p>
					<p className="mt-3 text-sm">
						<Link to={back}>Back to the program</Link>
					</p>
				</Card>
			) : (
				<Card>
					<RatingForm
						action={`/programs/${program.id}/rate`}
						lastResult={actionData?.result}
						defaults={defaults}
						groups={groups}
						editing={editing}
					/>
				</Card>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
