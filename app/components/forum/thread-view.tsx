import type { SubmissionResult } from '@conform-to/react'
import { ArrowDown, Lock } from 'lucide-react'
import { useMemo, useRef } from 'react'
import { Form, Link } from 'react-router'
import { BlockerBadge, KindBadge, StateBadge, TagList } from './badges.tsx'
import { PostCard } from './post-card.tsx'
import { SlowModeNotice, ThreadModerationControls } from './thread-moderation.tsx'
import { ReplyForm, type ReplyFormHandle } from './reply-form.tsx'
import { useThreadLive, type LivePost } from './use-thread-live.ts'
import { Pagination } from '#app/components/pagination.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { NOTIFICATION_LEVEL_LABELS, NOTIFICATION_LEVELS, POSTS_PER_PAGE, type NotificationLevel } from '#app/modules/forums/constants.ts'
import { forumCan } from '#app/modules/forums/permissions.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import type { getThreadPage } from '#app/modules/forums/threads.server.ts'

type ThreadPageData = Omit<Awaited<ReturnType<typeof getThreadPage>>, 'hasUnreadNotifications'> & {
	viewer: { id: string; name: string }
	access: { canRead: boolean; canPost: boolean; canModerate: boolean }
	draft: { body: string } | null
	replyKey: string
	quote: { postId: string; author: string; body: string } | null
	slowModeMinutes: number
}

type ActionData = { intent: string; error?: string; result?: unknown } | null

function TypingLine({ names }: { names: string[] }) {
	const text =
		names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : `${names.length} members are typing…`
	return (
		<p className="h-5 text-sm text-slate-500" aria-live="polite" data-testid="typing">
			{text}
		</p>
	)
}

// Large enough to tap on a phone; the usual size where a pointer is likely.
const controlHeight = 'min-h-10 sm:min-h-8'

/**
 * The thread's notification level. With JavaScript a change saves at once; without it, the Save
 * button does (it is in the server's HTML, and hidden once the page has hydrated).
 */
function NotificationLevelForm({ level }: { level: NotificationLevel }) {
	const hydrated = useHydrated()
	return (
		<Form method="post" className="flex max-w-full min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
			<input type="hidden" name="intent" value="level" />
			<label htmlFor="notification-level" className="text-sm text-slate-600">
				Notifications
			</label>
			<select
				id="notification-level"
				name="level"
				defaultValue={level}
				key={level}
				onChange={(event) => event.currentTarget.form?.requestSubmit()}
				className={`max-w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm ${controlHeight}`}
			>
				{NOTIFICATION_LEVELS.map((option: NotificationLevel) => (
					<option key={option} value={option}>
						{NOTIFICATION_LEVEL_LABELS[option].label}: {NOTIFICATION_LEVEL_LABELS[option].hint}
					</option>
				))}
			</select>
			{/* The hidden attribute, not a class: the button's own display class would win over one. */}
			<Button variant="secondary" size="sm" className={controlHeight} hidden={hydrated}>
				Save
			</Button>
		</Form>
	)
}

export function ThreadView({ data, actionData }: { data: ThreadPageData; actionData: ActionData }) {
	const initialThread = useMemo(
		() => ({ locked: data.thread.locked, pinned: data.thread.pinned, acceptedPostId: data.thread.acceptedPostId, title: data.thread.title }),
		[data.thread.locked, data.thread.pinned, data.thread.acceptedPostId, data.thread.title],
	)
	const live = useThreadLive({
		threadId: data.thread.id,
		viewerId: data.viewer.id,
		canModerate: data.access.canModerate,
		page: data.page,
		posts: data.posts,
		thread: initialThread,
		lastPostNumber: data.thread.lastPostNumber,
	})
	const replyForm = useRef<ReplyFormHandle>(null)
	const thread = { id: data.thread.id, kind: data.thread.kind, authorId: data.thread.authorId, ...live.thread }
	const pageCount = Math.max(data.pageCount, Math.ceil(live.lastPostNumber / POSTS_PER_PAGE))
	const firstUnread = data.lastReadPostNumber + 1
	const hasUnreadElsewhere = firstUnread <= data.thread.lastPostNumber && !data.posts.some((p) => p.number === firstUnread)
	const onQuote = (post: LivePost) => {
		if (post.body) replyForm.current?.addQuote({ postId: post.id, author: post.author.name, body: post.body })
	}
	const newCount = live.newReplies.onThisPage.length + live.newReplies.later.length

	return (
		<main className="mx-auto max-w-3xl">
			<nav aria-label="Breadcrumb" className="mb-1 text-sm">
				<Link to={data.thread.forum.href} className="inline-block py-1">
					{data.thread.forum.name}
				</Link>
				<span className="mx-1 text-slate-400">/</span>
				<Link to={`${data.thread.forum.href}?category=${data.thread.category.slug}`} className="inline-block py-1">
					{data.thread.category.name}
				</Link>
			</nav>
			<header className="mb-6">
				<div className="flex flex-wrap items-center gap-2">
					{live.thread.pinned ? <StateBadge state="pinned" /> : null}
					{live.thread.locked ? <StateBadge state="locked" /> : null}
					{data.thread.hidden ? <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800">Hidden from members</span> : null}
					<KindBadge kind={data.thread.kind} />
					<BlockerBadge blocker={data.thread.blocker} />
					{live.thread.acceptedPostId ? <StateBadge state="answered" /> : null}
				</div>
				<h1 className="mt-1 text-2xl font-bold tracking-tight">{live.thread.title}</h1>
				<div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600">
					<TagList tags={data.thread.tags} hrefFor={(tag) => `${data.thread.forum.href}?tag=${encodeURIComponent(tag)}`} />
					<span data-testid="readers">
						{live.readers && live.readers.count > 0
							? `${live.readers.count} ${live.readers.count === 1 ? 'member' : 'members'} reading`
							: null}
					</span>
					{hasUnreadElsewhere ? (
						<Link to={`/t/${data.thread.id}?unread=1`} className="inline-block py-1">
							Jump to first unread
						</Link>
					) : null}
				</div>
				<div className="mt-3 flex flex-wrap items-center gap-2">
					<NotificationLevelForm level={data.level} />
					{forumCan.lockThread(data.access) ? (
						<Form method="post">
							<input type="hidden" name="intent" value={live.thread.locked ? 'unlock' : 'lock'} />
							<Button variant="secondary" size="sm" className={controlHeight}>
								{live.thread.locked ? 'Unlock' : 'Lock'}
							</Button>
						</Form>
					) : null}
					{forumCan.pinThread(data.access) ? (
						<Form method="post">
							<input type="hidden" name="intent" value={live.thread.pinned ? 'unpin' : 'pin'} />
							<Button variant="secondary" size="sm" className={controlHeight}>
								{live.thread.pinned ? 'Unpin' : 'Pin'}
							</Button>
						</Form>
					) : null}
					{data.access.canModerate ? <ThreadModerationControls threadId={data.thread.id} slowModeMinutes={data.slowModeMinutes} className={controlHeight} /> : null}
					{data.thread.kind === 'lesson' && forumCan.editPost(data.viewer, data.access, { authorId: data.thread.authorId, deletedAt: null, number: 1 }) ? (
						<Link to={`/t/${data.thread.id}/edit-lesson`} className={`inline-flex items-center px-1 text-sm ${controlHeight}`}>
							Edit lesson
						</Link>
					) : null}
				</div>
			</header>

			{actionData?.error ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
					{actionData.error}
				</p>
			) : null}

			<Pagination page={data.page} pageCount={pageCount} label="Thread pages, top" />
			<div className="mt-4 space-y-4" data-testid="posts">
				{live.posts.map((post) => (
					<PostCard key={post.id} post={post} thread={thread} viewerId={data.viewer.id} access={data.access} onQuote={onQuote} />
				))}
			</div>
			<Pagination page={data.page} pageCount={pageCount} label="Thread pages, bottom" />

			{newCount > 0 ? (
				<div className="sticky bottom-4 z-20 mt-4 flex justify-center">
					{live.newReplies.later.length > 0 ? (
						<Link
							to={`/t/${data.thread.id}?page=${pageCount}#post-${Math.max(...live.newReplies.later)}`}
							className="rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white no-underline shadow-lg hover:bg-brand-700"
							data-testid="new-replies"
						>
							{newCount} new {newCount === 1 ? 'reply' : 'replies'}
							<ArrowDown aria-hidden="true" className="ml-1 inline h-4 w-4 align-[-0.2em]" />
						</Link>
					) : (
						<button
							type="button"
							onClick={() => document.getElementById(`post-${Math.min(...live.newReplies.onThisPage)}`)?.scrollIntoView({ behavior: 'smooth' })}
							className="rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-lg hover:bg-brand-700"
							data-testid="new-replies"
						>
							{newCount} new {newCount === 1 ? 'reply' : 'replies'}
							<ArrowDown aria-hidden="true" className="ml-1 inline h-4 w-4 align-[-0.2em]" />
						</button>
					)}
				</div>
			) : null}

			<section id="reply" aria-labelledby="reply-heading" className="mt-8 scroll-mt-20 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
				<h2 id="reply-heading" className="sr-only">
					Reply
				</h2>
				<TypingLine names={live.typingNames} />
				{live.thread.locked ? null : <SlowModeNotice minutes={data.slowModeMinutes} canModerate={data.access.canModerate} />}
				{live.thread.locked ? (
					<p className="text-sm text-slate-700" role="status">
						<Lock aria-hidden="true" className="mr-1.5 inline h-4 w-4 align-[-0.15em] text-slate-500" />
						This thread is locked: it takes no new replies.
						{data.access.canModerate ? ' Unlock it to let members reply again.' : ''}
					</p>
				) : data.access.canPost ? (
					<ReplyForm
						threadId={data.thread.id}
						draftBody={data.draft?.body ?? null}
						idempotencyKey={data.replyKey}
						initialQuote={data.quote}
						ref={replyForm}
						lastResult={actionData?.intent === 'reply' ? (actionData.result as SubmissionResult<string[]>) : undefined}
						onTyping={live.notifyTyping}
					/>
				) : null}
			</section>
		</main>
	)
}
