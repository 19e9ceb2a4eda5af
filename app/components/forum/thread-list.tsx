import { Link } from 'react-router'
import { BlockerBadge, KindBadge, StateBadge, TagList } from './badges.tsx'
import { Avatar } from '#app/components/avatar.tsx'
import { titleLinkClasses } from '#app/components/page.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import type { ThreadSummary } from '#app/modules/forums/threads.server.ts'
import { cn } from '#app/utils/misc.ts'

export function ThreadList({
	threads,
	tagHref,
}: {
	threads: ThreadSummary[]
	tagHref?: (tag: string) => string
}) {
	return (
		<ul
			className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
			data-testid="thread-list"
		>
			{threads.map((thread) => (
				<li
					key={thread.id}
					className="flex gap-3 px-4 py-4 sm:gap-4 sm:px-5"
					data-thread-id={thread.id}
				>
					<Avatar name={thread.author.name} seed={thread.author.id} />
					<div className="min-w-0 flex-1">
						<h3 className="font-semibold leading-snug">
							{thread.pinned || thread.locked ? (
								<span className="mr-1.5 inline-flex gap-1 align-[-0.1em]">
									{thread.pinned ? <StateBadge state="pinned" compact /> : null}
									{thread.locked ? <StateBadge state="locked" compact /> : null}
								</span>
							) : null}
							<Link
								to={`/t/${thread.id}`}
								className={cn(
									titleLinkClasses,
									thread.isNew || thread.unreadCount > 0 ? 'text-slate-900' : 'text-slate-600',
								)}
							>
								{thread.title}
							</Link>
							{thread.isNew ? (
								<span className="ml-2 rounded-full bg-brand-600 px-2 py-0.5 align-middle text-xs font-medium text-white">
									New
								</span>
							) : thread.unreadCount > 0 ? (
								<Link
									to={`/t/${thread.id}?unread=1`}
									className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 align-middle text-xs font-medium text-brand-800 no-underline hover:bg-brand-100"
									aria-label={`${thread.unreadCount} unread, jump to the first unread post`}
								>
									{thread.unreadCount} unread
								</Link>
							) : null}
						</h3>
						<div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
							<span>
								{thread.author.name} · {thread.category.name}
							</span>
							{thread.answered ? <StateBadge state="answered" /> : null}
							{thread.hidden ? (
								<span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800">
									Hidden
								</span>
							) : null}
							<KindBadge kind={thread.kind} />
							<BlockerBadge blocker={thread.blocker} />
						</div>
						{thread.tags.length > 0 ? (
							<div className="mt-2">
								<TagList tags={thread.tags} hrefFor={tagHref} />
							</div>
						) : null}
					</div>
					<div className="shrink-0 text-right text-sm text-slate-600">
						<p>
							<span className="font-semibold text-slate-900">{thread.replyCount}</span>{' '}
							{thread.replyCount === 1 ? 'reply' : 'replies'}
						</p>
						<p className="mt-1 flex items-center justify-end gap-1.5 text-xs">
							{thread.lastPoster ? (
								<>
									<Avatar name={thread.lastPoster.name} seed={thread.lastPoster.id} size="xs" />
									<span className="sr-only">Last reply by {thread.lastPoster.name},</span>
								</>
							) : null}
							<RelativeTime date={thread.lastActivityAt} />
						</p>
					</div>
				</li>
			))}
		</ul>
	)
}
