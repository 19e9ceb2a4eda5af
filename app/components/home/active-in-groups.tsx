import { Link } from 'react-router'
import { QuietNote } from '#app/components/page.tsx'
import { useGroupsPresence } from '#app/components/realtime.tsx'
import { RelativeTime } from '#app/components/time.tsx'

type Group = { id: string; name: string }
type RecentlyActive = { id: string; name: string; groups: string[]; lastSeenAt: Date | string }

/**
 * Who is around in the member's groups. Once the page's socket has answered, those who have a
 * page of one of their groups open now, live; until then (or without JavaScript) those whose
 * session was used in the last few minutes, as the server last saw them.
 */
export function ActiveInGroups({
	viewerId,
	groups,
	recentlyActive,
	limit,
}: {
	viewerId: string
	groups: Group[]
	recentlyActive: RecentlyActive[]
	limit: number
}) {
	const presence = useGroupsPresence(groups.map((group) => group.id))
	if (!presence) {
		if (recentlyActive.length === 0)
			return <QuietNote>Nobody else in the last 15 minutes.</QuietNote>
		return (
			<ul className="space-y-1 text-sm">
				{recentlyActive.map((member) => (
					<li key={member.id}>
						<Link to={`/u/${member.id}`}>{member.name}</Link>{' '}
						<span className="text-xs text-slate-500">
							· {member.groups.join(', ')} · <RelativeTime date={new Date(member.lastSeenAt)} />
						</span>
					</li>
				))}
			</ul>
		)
	}
	const online = new Map<string, { name: string; groups: string[] }>()
	for (const group of groups) {
		for (const member of presence.get(group.id) ?? []) {
			if (member.userId === viewerId) continue
			const entry = online.get(member.userId) ?? { name: member.name, groups: [] }
			entry.groups.push(group.name)
			online.set(member.userId, entry)
		}
	}
	const people = [...online.entries()]
		.sort(([, a], [, b]) => a.name.localeCompare(b.name))
		.slice(0, limit)
	if (people.length === 0) return <QuietNote>Nobody else has a page of your groups open.</QuietNote>
	return (
		<ul className="space-y-1 text-sm">
			{people.map(([userId, person]) => (
				<li key={userId} className="flex items-center gap-2">
					<span aria-hidden className="h-2 w-2 shrink-0 rounded-full bg-emerald-500" />
					<span>
						<Link to={`/u/${userId}`}>{person.name}</Link>{' '}
						<span className="text-xs text-slate-500">
							· {person.groups.join(', ')} · online now
						</span>
					</span>
				</li>
			))}
		</ul>
	)
}
