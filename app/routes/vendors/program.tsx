import { data, Form, Link, redirect } from 'react-router'
import type { Route } from './+types/program.ts'
import { Card, EmptyState } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import {
	kindLabel,
	money,
	oneDecimal,
	ProgramStatusBadge,
	StarIcons,
	Stars,
} from '#app/components/vendors/program-bits.tsx'
import { StarDistributionChart } from '#app/components/vendors/star-chart.tsx'
import { useProgramLive } from '#app/components/vendors/use-program-live.ts'
import { ASPECT_LABELS, ASPECTS } from '#app/modules/vendors/constants.ts'
import { programFigures } from '#app/modules/vendors/figures.server.ts'
import { isFollowing } from '#app/modules/vendors/follows.server.ts'
import { lessonsAboutProgram } from '#app/modules/vendors/lessons.server.ts'
import { programDetail, safeLink } from '#app/modules/vendors/program-page.server.ts'
import { countRatings, listRatings, ownRating } from '#app/modules/vendors/ratings.server.ts'
import { RATING_SORT_LABELS, RATING_SORTS, type RatingSort } from '#app/modules/vendors/sorts.ts'
import { DEADLINE_LABELS } from '#app/modules/vendors/status.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { helpfulVotesOf, toggleHelpful } from '#app/modules/vendors/votes.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { requireProgram } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'

const REVIEWS_PAGE_SIZE = 10

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? data.program.name : 'Program', 'Vendor programs') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, access } = await requireProgram(request, params.programId)
	const url = new URL(request.url)
	const sortParam = url.searchParams.get('sort') ?? ''
	const sort: RatingSort = (RATING_SORTS as readonly string[]).includes(sortParam)
		? (sortParam as RatingSort)
		: 'newest'
	const now = new Date()
	const [program, figures, total, following, mine, lessons] = await Promise.all([
		programDetail(access.programId, now),
		programFigures(access.viewer, access.programId),
		countRatings(access.viewer, access.programId),
		isFollowing(user.id, access.programId),
		ownRating(user.id, access.programId),
		lessonsAboutProgram(user, access.programId, 5),
	])
	if (!program) throw notFound()
	const pageCount = Math.max(1, Math.ceil(total / REVIEWS_PAGE_SIZE))
	const page = Math.min(pageParam(url), pageCount)
	const reviews = await listRatings(access.viewer, access.programId, sort, {
		skip: (page - 1) * REVIEWS_PAGE_SIZE,
		take: REVIEWS_PAGE_SIZE,
	})
	const voted = await helpfulVotesOf(
		user.id,
		reviews.map((review) => review.id),
	)
	const { proposedById: _author, link, ...shown } = program
	return {
		program: { ...shown, link: safeLink(link) },
		figures,
		reviews: reviews.map((review) => ({ ...review, votedHelpful: voted.has(review.id) })),
		sort,
		page,
		pageCount,
		total,
		following,
		lessons,
		hasRated: mine !== null,
		canRate: access.canRate,
		canCurate: access.canCurate,
		now,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, access } = await requireProgram(request, params.programId)
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent !== 'helpful') throw new Response('Unknown action', { status: 400 })
	const ratingId = String(formData.get('ratingId') ?? '').slice(0, 100)
	try {
		const done = await toggleHelpful(user, ratingId, formData.get('helpful') === '1')
		if (!done) throw notFound()
	} catch (error) {
		if (error instanceof VendorError) return data({ error: error.message }, { status: 400 })
		throw error
	}
	const url = new URL(request.url)
	return redirect(`/programs/${access.programId}${url.search}`)
}

const day = (date: Date) =>
	date.toLocaleDateString('en-GB', {
		timeZone: 'UTC',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
	})

function Day({ date }: { date: Date }) {
	return <time dateTime={date.toISOString().slice(0, 10)}>{day(date)}</time>
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
	return (
		<div>
			<dt className="text-sm text-slate-500">{label}</dt>
			<dd className="mt-0.5 text-sm whitespace-pre-line text-slate-900">{children}</dd>
		</div>
	)
}

type LoaderData = Route.ComponentProps['loaderData']

function Facts({ program }: { program: LoaderData['program'] }) {
	const benefit = [money(program.benefitAmount, program.benefitCurrency), program.benefitText]
		.filter(Boolean)
		.join(' · ')
	const fee = money(program.feeAmount, program.feeCurrency)
	const cost = [
		fee ? `Fee ${fee}` : null,
		program.hours === null ? null : `about ${program.hours} hours`,
	]
		.filter(Boolean)
		.join(', ')
	const dates: { label: string; on: Date | null }[] = [
		{ label: 'Enrollment opens', on: program.enrollOpensOn },
		{ label: DEADLINE_LABELS.enrollCloses, on: program.enrollClosesOn },
		{ label: 'Claims open', on: program.claimOpensOn },
		{ label: DEADLINE_LABELS.claimCloses, on: program.claimClosesOn },
		{ label: DEADLINE_LABELS.proofDue, on: program.proofDueOn },
	]
	const setDates = dates.filter((d): d is { label: string; on: Date } => d.on !== null)
	return (
		<Card>
			<h2 className="sr-only">About the program</h2>
			{program.description ? (
				<p className="mb-4 whitespace-pre-line text-slate-800">{program.description}</p>
			) : null}
			<dl className="grid gap-4 sm:grid-cols-2">
				<Fact label="Benefit">{benefit || 'Not given'}</Fact>
				<Fact label="Cost">{cost || 'No fee given'}</Fact>
				{program.requirements ? <Fact label="Requirements">{program.requirements}</Fact> : null}
				{program.eligibility ? <Fact label="Eligibility">{program.eligibility}</Fact> : null}
				<Fact label="Places">
					{program.capacityLimited ? 'Limited: first come, first served' : 'Not limited'}
				</Fact>
				{program.link ? (
					<Fact label="Vendor’s page">
						<a
							href={program.link}
							rel="noopener noreferrer nofollow"
							target="_blank"
							className="break-all"
						>
							{program.link}
							<span className="sr-only"> (opens in a new tab)</span>
						</a>
					</Fact>
				) : null}
			</dl>
			<h3 className="mt-5 text-sm font-semibold text-slate-900">Dates</h3>
			{setDates.length === 0 ? (
				<p className="mt-1 text-sm text-slate-600">No dates given: the program runs all year.</p>
			) : (
				<dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
					{setDates.map((d) => (
						<div key={d.label} className="flex justify-between gap-3 text-sm">
							<dt className="text-slate-500">{d.label}</dt>
							<dd className="text-slate-900">
								<Day date={d.on} />
							</dd>
						</div>
					))}
				</dl>
			)}
		</Card>
	)
}

function Figures({ figures }: { figures: LoaderData['figures'] }) {
	if (figures.count === 0)
		return (
			<EmptyState title="No ratings yet">
				Be the first to say how it went: peers weigh programs on real experience.
			</EmptyState>
		)
	const { outcomes } = figures
	return (
		<Card>
			<h2 className="text-lg font-semibold text-slate-900">What peers say</h2>
			<div className="mt-3 grid gap-6 md:grid-cols-2">
				<div>
					<p className="flex items-center gap-2" data-testid="average">
						<span className="text-3xl font-bold text-slate-900 tabular-nums">
							{oneDecimal(figures.average)}
						</span>
						<Stars value={figures.average} className="text-xl" />
					</p>
					<p className="text-sm text-slate-600" data-testid="rating-count">
						{figures.count === 1 ? '1 rating' : `${figures.count} ratings`}
						{figures.recommendPercent === null
							? null
							: ` · ${Math.round(figures.recommendPercent)} % would recommend it`}
					</p>
					<div className="mt-3">
						<StarDistributionChart distribution={figures.distribution} />
					</div>
				</div>
				<div className="space-y-4">
					<div>
						<h3 className="text-sm font-semibold text-slate-900">By aspect</h3>
						<dl className="mt-1 space-y-1">
							{ASPECTS.map((aspect) => (
								<div key={aspect} className="flex justify-between gap-3 text-sm">
									<dt className="text-slate-600">{ASPECT_LABELS[aspect]}</dt>
									<dd className="text-slate-900 tabular-nums">
										{figures.aspects[aspect].average === null
											? 'Not rated yet'
											: `${oneDecimal(figures.aspects[aspect].average)} of 5 (${figures.aspects[aspect].count})`}
									</dd>
								</div>
							))}
						</dl>
					</div>
					<div>
						<h3 className="text-sm font-semibold text-slate-900">Outcomes</h3>
						{outcomes.claims === 0 && outcomes.medianHours === null ? (
							<p className="mt-1 text-sm text-slate-600">Not enough outcomes yet.</p>
						) : (
							<dl className="mt-1 space-y-1 text-sm">
								<div className="flex justify-between gap-3">
									<dt className="text-slate-600">Claims paid</dt>
									<dd className="text-slate-900 tabular-nums">
										{outcomes.paidPercent === null
											? 'Not enough outcomes yet'
											: `${Math.round(outcomes.paidPercent)} % of ${outcomes.claims}`}
									</dd>
								</div>
								<div className="flex justify-between gap-3">
									<dt className="text-slate-600">Median days to payout</dt>
									<dd className="text-slate-900 tabular-nums">
										{outcomes.medianDaysToPayout === null
											? 'Not enough outcomes yet'
											: outcomes.medianDaysToPayout}
									</dd>
								</div>
								<div className="flex justify-between gap-3">
									<dt className="text-slate-600">Median hours it took</dt>
									<dd className="text-slate-900 tabular-nums">
										{outcomes.medianHours === null
											? 'Not enough outcomes yet'
											: outcomes.medianHours}
									</dd>
								</div>
							</dl>
						)}
					</div>
				</div>
			</div>
		</Card>
	)
}

type Review = LoaderData['reviews'][number]

function ReviewItem({ review }: { review: Review }) {
	const signed =
		review.signedBy.kind === 'name'
			? [review.signedBy.name, review.signedBy.company].filter(Boolean).join(', ')
			: `A member of ${review.signedBy.groupName}`
	const aspects = ASPECTS.filter((aspect) => review[aspect] !== null)
	const paid = money(review.amountPaid, null)
	const claimed = money(review.amountClaimed, null)
	return (
		<li className="px-5 py-4" data-review-id={review.id}>
			<div className="flex flex-wrap items-center justify-between gap-2">
				<p className="flex items-center gap-2">
					<Stars value={review.overall} />
					<span className="text-sm font-medium text-slate-900">{signed}</span>
					{review.visibility === 'group' ? (
						<span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
							Group only
						</span>
					) : null}
				</p>
				<p className="text-xs text-slate-500">
					{review.yearTookPart ? `Took part in ${review.yearTookPart} · ` : null}
					{review.wouldRecommend ? 'Recommends it' : 'Would not recommend it'}
				</p>
			</div>
			{aspects.length > 0 ? (
				<ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
					{aspects.map((aspect) => (
						<li key={aspect}>
							{ASPECT_LABELS[aspect]}: {review[aspect]} of 5
						</li>
					))}
				</ul>
			) : null}
			{review.review ? (
				<p className="mt-2 text-sm whitespace-pre-line text-slate-800">{review.review}</p>
			) : null}
			{review.pros || review.cons ? (
				<dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
					{review.pros ? (
						<div>
							<dt className="font-medium text-emerald-800">Pros</dt>
							<dd className="whitespace-pre-line text-slate-800">{review.pros}</dd>
						</div>
					) : null}
					{review.cons ? (
						<div>
							<dt className="font-medium text-red-800">Cons</dt>
							<dd className="whitespace-pre-line text-slate-800">{review.cons}</dd>
						</div>
					) : null}
				</dl>
			) : null}
			{review.rejected || claimed || review.daysToPayout !== null || review.hoursSpent !== null ? (
				<p className="mt-2 text-sm text-slate-700">
					<span className="font-medium">Outcome: </span>
					{[
						review.rejected
							? `claim rejected${review.rejectionReason ? ` (${review.rejectionReason})` : ''}`
							: null,
						claimed ? `claimed ${claimed}` : null,
						paid && !review.rejected ? `paid ${paid}` : null,
						review.daysToPayout !== null ? `paid after ${review.daysToPayout} days` : null,
						review.hoursSpent !== null ? `took ${review.hoursSpent} hours` : null,
					]
						.filter(Boolean)
						.join(', ')}
				</p>
			) : null}
			<div className="mt-2 flex items-center gap-3 text-xs text-slate-500">
				<time dateTime={new Date(review.createdAt).toISOString()}>
					{day(new Date(review.createdAt))}
				</time>
				{review.isMine ? (
					<span>
						Your rating{review.helpfulCount > 0 ? ` · ${review.helpfulCount} found it helpful` : ''}
					</span>
				) : (
					<Form method="post" preventScrollReset>
						<input type="hidden" name="intent" value="helpful" />
						<input type="hidden" name="ratingId" value={review.id} />
						<input type="hidden" name="helpful" value={review.votedHelpful ? '0' : '1'} />
						<button
							type="submit"
							aria-pressed={review.votedHelpful}
							className={cn(buttonClasses(review.votedHelpful ? 'primary' : 'secondary', 'sm'))}
						>
							{review.helpfulCount > 0 ? `Helpful (${review.helpfulCount})` : 'Helpful'}
						</button>
					</Form>
				)}
			</div>
		</li>
	)
}

export default function ProgramPage({ loaderData, actionData }: Route.ComponentProps) {
	const {
		program,
		figures,
		reviews,
		sort,
		page,
		pageCount,
		total,
		following,
		lessons,
		hasRated,
		canRate,
		canCurate,
		now,
	} = loaderData
	useProgramLive(program.id)
	const base = `/programs/${program.id}`
	const proposed = program.state === 'proposed'
	return (
		<main className="mx-auto max-w-4xl space-y-6">
			<div>
				<p className="mb-2 text-sm">
					<Link to="/programs">← Vendor programs</Link>
				</p>
				<div className="flex flex-wrap items-start justify-between gap-4">
					<div className="min-w-0">
						<h1 className="text-2xl font-bold tracking-tight text-slate-900">{program.name}</h1>
						<p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
							<Link to={`/vendors/${program.vendor.id}`}>{program.vendor.name}</Link>
							<span aria-hidden="true">·</span>
							<span>{kindLabel(program.kind)}</span>
							<ProgramStatusBadge
								status={program.status}
								state={program.state}
								lastDay={program.lastDay}
								opensOn={program.opensOn}
								now={now}
							/>
						</p>
					</div>
					{canRate ? (
						<Link to={`${base}/rate`} className={buttonClasses('primary')}>
							{hasRated ? 'Edit your rating' : 'Rate this program'}
						</Link>
					) : null}
				</div>
				{canCurate ? (
					<p className="mt-2 flex gap-4 text-sm">
						<Link to={`${base}/edit`}>Edit</Link>
						<Link to={`${base}/merge`}>Merge</Link>
					</p>
				) : null}
			</div>

			{proposed ? (
				<p
					role="status"
					className="rounded-md border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-900"
				>
					Awaiting approval: a moderator reviews proposals before they join the catalogue. It can be
					rated and followed once approved.
				</p>
			) : (
				<div className="flex flex-wrap items-center gap-3 text-sm">
					<Form method="post" action={`${base}/follow`}>
						<input type="hidden" name="follow" value={following ? '0' : '1'} />
						<Button variant="secondary" size="sm">
							{following ? 'Unfollow' : 'Follow deadlines'}
						</Button>
					</Form>
					<a href={`${base}/deadlines.ics`}>Add deadlines to calendar</a>
					{program.discussionThreadId ? (
						<Link to={`/t/${program.discussionThreadId}`}>Discussion</Link>
					) : (
						<Form method="post" action={`${base}/discussion`}>
							<Button variant="ghost" size="sm">
								Start a discussion
							</Button>
						</Form>
					)}
				</div>
			)}

			<Facts program={program} />
			<Figures figures={figures} />

			{lessons.length > 0 ? (
				<section aria-labelledby="lessons-heading">
					<h2 id="lessons-heading" className="text-lg font-semibold text-slate-900">
						Lessons learned about this program
					</h2>
					<ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
						{lessons.map((lesson) => (
							<li key={lesson.id} className="px-4 py-3 text-sm">
								<Link to={lesson.href} className="font-medium">
									{lesson.title}
								</Link>
								<span className="block text-slate-500">
									{lesson.author.name} · <Link to={lesson.forum.href}>{lesson.forum.name}</Link>
								</span>
							</li>
						))}
					</ul>
				</section>
			) : null}

			{canRate && !hasRated ? (
				<Card>
					<h2 className="text-base font-semibold text-slate-900">Quick rating</h2>
					<Form
						method="post"
						action={`${base}/rate`}
						className="mt-2 flex flex-wrap items-end gap-4"
					>
						<fieldset>
							<legend className="text-sm text-slate-700">Overall</legend>
							<div className="mt-1 flex gap-1">
								{[1, 2, 3, 4, 5].map((stars) => (
									<label
										key={stars}
										className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
									>
										<input type="radio" name="overall" value={stars} required className="sr-only" />
										<StarIcons filled={stars} />
										<span className="sr-only">{stars === 1 ? '1 star' : `${stars} stars`}</span>
									</label>
								))}
							</div>
						</fieldset>
						<fieldset>
							<legend className="text-sm text-slate-700">Would you recommend it?</legend>
							<div className="mt-1 flex gap-3 text-sm">
								<label className="flex items-center gap-1">
									<input type="radio" name="wouldRecommend" value="yes" required /> Yes
								</label>
								<label className="flex items-center gap-1">
									<input type="radio" name="wouldRecommend" value="no" /> No
								</label>
							</div>
						</fieldset>
						<Button size="sm">Save rating</Button>
						<Link to={`${base}/rate`} className="text-sm">
							Add a review and outcomes
						</Link>
					</Form>
				</Card>
			) : null}

			<section aria-labelledby="reviews-heading">
				<div className="mb-2 flex flex-wrap items-baseline justify-between gap-3">
					<h2 id="reviews-heading" className="text-lg font-semibold text-slate-900">
						Reviews{' '}
						{total > 0 ? <span className="font-normal text-slate-500">({total})</span> : null}
					</h2>
					{total > 1 ? (
						<nav aria-label="Sort reviews" className="flex gap-3 text-sm">
							{RATING_SORTS.map((value) => (
								<Link
									key={value}
									to={value === 'newest' ? base : `${base}?sort=${value}`}
									aria-current={sort === value ? 'true' : undefined}
									className={
										sort === value ? 'font-semibold text-slate-900 no-underline' : undefined
									}
								>
									{RATING_SORT_LABELS[value]}
								</Link>
							))}
						</nav>
					) : null}
				</div>
				{actionData?.error ? (
					<p role="alert" className="mb-2 text-sm text-red-700">
						{actionData.error}
					</p>
				) : null}
				{reviews.length === 0 ? (
					<EmptyState title="No reviews yet">
						{canRate ? (
							<Link to={`${base}/rate`}>Write the first one</Link>
						) : (
							'Reviews appear here once members rate it.'
						)}
					</EmptyState>
				) : (
					<Card className="p-0">
						<ul className="divide-y divide-slate-100">
							{reviews.map((review) => (
								<ReviewItem key={review.id} review={review} />
							))}
						</ul>
					</Card>
				)}
				<Pagination page={page} pageCount={pageCount} label="Pages of reviews" />
			</section>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
