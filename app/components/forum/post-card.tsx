import { Bookmark, CircleCheck, EyeOff, Flag, Pencil, Quote, ThumbsUp, Trash2, type LucideIcon } from 'lucide-react'
import { Form, Link, useFetcher } from 'react-router'
import type { LivePost } from './use-thread-live.ts'
import { Avatar } from '#app/components/avatar.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { forumCan, type AccessLike } from '#app/modules/forums/permissions.ts'
import { FLAG_HIDDEN_REASON, HIDE_REASON_MAX } from '#app/modules/moderation/flag-schemas.ts'
import { cn } from '#app/utils/misc.ts'

type Props = {
	post: LivePost
	thread: { id: string; kind: string; authorId: string; locked: boolean; acceptedPostId: string | null }
	viewerId: string
	access: AccessLike
	onQuote: (post: LivePost) => void
}

// Each action is a tap target of its own: 44 px tall on a phone (the size WCAG recommends), a little
// less where a pointer is likely. The padding and the hover background show its extent.
const action =
	'inline-flex min-h-11 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50 sm:min-h-8'

/** An action's icon: decorative, the action's word says what it does. */
function ActionIcon({ icon: Icon, filled = false }: { icon: LucideIcon; filled?: boolean }) {
	return <Icon aria-hidden="true" className="h-3.5 w-3.5 shrink-0" fill={filled ? 'currentColor' : 'none'} />
}

/** A toggle that updates in place with JavaScript and still works as a plain form without it. */
function ToggleButton({
	intent,
	postId,
	pressed,
	label,
	pressedLabel,
	icon,
}: {
	intent: string
	postId: string
	pressed: boolean
	label: string
	pressedLabel: string
	icon: LucideIcon
}) {
	const fetcher = useFetcher()
	const optimistic = fetcher.formData ? !pressed : pressed
	return (
		<fetcher.Form method="post">
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="postId" value={postId} />
			<button type="submit" aria-pressed={optimistic} className={cn(action, optimistic && 'text-brand-700')}>
				<ActionIcon icon={icon} filled={optimistic} />
				{optimistic ? pressedLabel : label}
			</button>
		</fetcher.Form>
	)
}

/** What the author (and the moderators) read on a hidden post. */
function hiddenNotice(reason: string): string {
	return reason === FLAG_HIDDEN_REASON ? `${FLAG_HIDDEN_REASON}.` : `Hidden by a moderator: ${reason}`
}

export function PostCard({ post, thread, viewerId, access, onQuote }: Props) {
	const viewer = { id: viewerId }
	const isAccepted = thread.acceptedPostId === post.id
	const postLike = { authorId: post.author.id, deletedAt: post.deleted ? post.createdAt : null, number: post.number }
	return (
		<article
			id={`post-${post.number}`}
			data-post-number={post.number}
			aria-labelledby={`post-${post.number}-author`}
			className={cn(
				'scroll-mt-20 rounded-xl border bg-white p-5 shadow-sm',
				isAccepted ? 'border-emerald-300 ring-1 ring-emerald-200' : 'border-slate-200',
				post.hidden && 'border-red-200 bg-red-50/40',
			)}
		>
			<header className="flex flex-wrap items-center gap-3">
				<Avatar name={post.author.name} seed={post.author.id} />
				<div className="min-w-0">
					<p id={`post-${post.number}-author`} className="font-medium">
						<Link to={`/u/${post.author.id}`} className="inline-block">
							{post.author.name}
						</Link>
						<span className="ml-2 text-sm font-normal text-slate-500">{post.author.company}</span>
					</p>
					<p className="text-xs text-slate-500">
						<a href={`#post-${post.number}`} className="-my-1 inline-block py-1 text-slate-500">
							#{post.number}
						</a>{' '}
						· <RelativeTime date={post.createdAt} />
						{post.editedAt ? (
							<>
								{' '}
								·{' '}
								{forumCan.seeRevisions(access) && post.revisionCount > 0 ? (
									<Link to={`/t/${thread.id}/history/${post.id}`} className="-my-1 inline-block py-1 text-slate-500">
										edited
									</Link>
								) : (
									<span title={new Date(post.editedAt).toLocaleString()}>edited</span>
								)}
							</>
						) : null}
					</p>
				</div>
				{isAccepted ? (
					<span className="ml-auto inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">
						<CircleCheck aria-hidden="true" className="h-3.5 w-3.5" />
						Answer
					</span>
				) : null}
				{post.hidden ? <span className="ml-auto rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">Hidden from members</span> : null}
			</header>
			{post.hidden && post.hiddenReason ? (
				<p className="mt-3 rounded-md bg-red-100/60 px-3 py-2 text-sm text-red-900" data-testid="hidden-reason">
					{hiddenNotice(post.hiddenReason)}
				</p>
			) : null}
			{post.deleted ? (
				<p className="mt-3 text-sm italic text-slate-500">This post was deleted.</p>
			) : (
				<div className="prose-post mt-3" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? '' }} />
			)}
			{post.deleted || (post.hidden && !access.canModerate) ? null : (
				<footer className="mt-4 -mx-2 flex flex-wrap items-center gap-x-1 border-t border-slate-100 pt-1.5">
					{forumCan.react(viewer, access, postLike) ? (
						<ToggleButton intent="helpful" postId={post.id} pressed={post.foundHelpful} label="Helpful" pressedLabel="You found this helpful" icon={ThumbsUp} />
					) : null}
					<span className="px-2 text-xs text-slate-500" data-testid="helpful-count">
						{post.helpfulCount} found this helpful
					</span>
					<ToggleButton intent="bookmark" postId={post.id} pressed={post.bookmarked} label="Bookmark" pressedLabel="Bookmarked" icon={Bookmark} />
					{forumCan.reply(access, thread) ? (
						<Link
							to={`?quote=${post.id}#reply`}
							className={action + ' no-underline'}
							onClick={(event) => {
								event.preventDefault()
								onQuote(post)
							}}
						>
							<ActionIcon icon={Quote} />
							Quote
						</Link>
					) : null}
					{forumCan.acceptAnswer(viewer, access, thread, postLike) ? (
						<Form method="post">
							<input type="hidden" name="intent" value="accept" />
							<input type="hidden" name="postId" value={post.id} />
							<button type="submit" className={action}>
								<ActionIcon icon={CircleCheck} />
								{isAccepted ? 'Unmark answer' : 'Mark as answer'}
							</button>
						</Form>
					) : null}
					<div className="ml-auto flex items-center gap-x-1">
						{forumCan.editPost(viewer, access, postLike) ? (
							<Link to={`/t/${thread.id}/edit/${post.id}`} className={action + ' no-underline'}>
								<ActionIcon icon={Pencil} />
								Edit
							</Link>
						) : null}
						{forumCan.deletePost(viewer, access, postLike) ? (
							<Form
								method="post"
								onSubmit={(event) => {
									if (!window.confirm('Delete this post? It will show as deleted in the thread.')) event.preventDefault()
								}}
							>
								<input type="hidden" name="intent" value="delete" />
								<input type="hidden" name="postId" value={post.id} />
								<button type="submit" className={cn(action, 'text-red-700 hover:text-red-900')}>
									<ActionIcon icon={Trash2} />
									Delete
								</button>
							</Form>
						) : null}
						{post.author.id !== viewerId ? (
							<Link to={`/flag?kind=post&id=${post.id}`} className={action + ' no-underline'} aria-label={`Flag post #${post.number}`}>
								<ActionIcon icon={Flag} />
								Flag
							</Link>
						) : null}
						{forumCan.hidePost(access) && post.hidden ? (
							<Form method="post">
								<input type="hidden" name="intent" value="unhide" />
								<input type="hidden" name="postId" value={post.id} />
								<button type="submit" className={action}>
									Unhide
								</button>
							</Form>
						) : null}
						{forumCan.hidePost(access) && !post.hidden ? (
							<details className="relative">
								<summary className={cn(action, 'cursor-pointer list-none [&::-webkit-details-marker]:hidden')}>
									<ActionIcon icon={EyeOff} />
									Hide
								</summary>
								<Form method="post" className="absolute right-0 z-10 mt-1 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
									<input type="hidden" name="intent" value="hide" />
									<input type="hidden" name="postId" value={post.id} />
									<label htmlFor={`hide-reason-${post.id}`} className="block text-xs font-medium text-slate-700">
										Reason (the author sees it)
									</label>
									<input
										type="text"
										id={`hide-reason-${post.id}`}
										name="reason"
										required
										maxLength={HIDE_REASON_MAX}
										className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
									/>
									<button type="submit" className="mt-2 rounded-md bg-red-700 px-3 py-1 text-xs font-semibold text-white hover:bg-red-800">
										Hide post
									</button>
								</Form>
							</details>
						) : null}
					</div>
				</footer>
			)}
		</article>
	)
}
