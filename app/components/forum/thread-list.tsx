import { Link } from 'react-router'
import { BlockerBadge, KindBadge, TagList } from './badges.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import type { ThreadSummary } from '#app/modules/forums/threads.server.ts'

export function ThreadList({ threads, tagHref }: { threads: ThreadSummary[]; tagHref?: (tag: string) => string }) {
	return (
		<ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="thread-list">
			{threads.map((thread) => (
				<li key={thread.id} className="flex gap-4 px-5 py-4" data-thread-id={thread.id}>
					<div className="min-w-0 flex-1">
						<div className="flex flex-wrap items-center gap-2">
							{thread.pinned ? <span title="Pinned" className="text-xs font-semibold text-brand-700">📌 Pinned</span> : null}
							{thread.locked ? <span title="Locked" className="text-xs font-semibold text-slate-600">🔒 Locked</span> : null}
							{thread.hidden ? <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800">Hidden</span> : null}
							<KindBadge kind={thread.kind} />
							<BlockerBadge blocker={thread.blocker} />
							{thread.answered ? <span className="text-xs font-semibold text-emerald-700">✓ Answered</span> : null}
						</div>
						<h3 className="mt-1 font-semibold">
							<Link to={`/t/${thread.id}`} className={thread.isNew || thread.unreadCount > 0 ? 'text-slate-900' : 'text-slate-600'}>
								{thread.title}
							</Link>
							{thread.isNew ? (
								<span className="ml-2 rounded-full bg-brand-600 px-2 py-0.5 align-middle text-xs font-medium text-white">New</span>
							) : thread.unreadCount > 0 ? (
								<Link
									to={`/t/${thread.id}?unread=1`}
									className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 align-middle text-xs font-medium text-brand-800 no-underline"
									aria-label={`${thread.unreadCount} unread, jump to the first unread post`}
								>
									{thread.unreadCount} unread
								</Link>
							) : null}
						</h3>
						<p className="mt-1 text-sm text-slate-600">
							{thread.author.name} · {thread.category.name}
						</p>
						<div className="mt-2">
							<TagList tags={thread.tags} hrefFor={tagHref} />
						</div>
					</div>
					<div className="shrink-0 text-right text-sm text-slate-600">
						<p>
							<span className="font-semibold text-slate-900">{thread.replyCount}</span> {thread.replyCount === 1 ? 'reply' : 'replies'}
						</p>
						<p className="mt-1 text-xs">
							<RelativeTime date={thread.lastActivityAt} />
						</p>
					</div>
				</li>
			))}
		</ul>
	)
}
