// Demo content for `npm run demo` and `npm run seed:demo`: a site admin and one peer group of
// IT solution-provider owners, all with the same password, so a visitor can try PeerPower
// from several accounts at once.
//
// Later features add their own demo content by appending a seeder to `demoSeeders`. Each seeder
// checks for its own content and skips when it is there, so adding one fills an existing demo
// database on the next `npm run demo`.
import { uniqueHandle } from '#app/modules/users/handles.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { createGroup } from '#app/modules/groups/groups.server.ts'
import { db } from '#app/utils/db.server.ts'
import { forumDemoSeeder } from './forum-seed.server.ts'
import { plansDemoSeeder } from './plans-seed.server.ts'
import { quarterlyDemoSeeder } from './quarterly-seed.server.ts'
import { OTHER_DEMO_GROUPS, vendorsDemoSeeder } from './vendors-seed.server.ts'

/** The one password of every demo account (shown at start: the demo database is public by design). */
export const DEMO_PASSWORD = 'peerpower-demo'

type DemoPerson = { name: string; email: string; company: string; bio: string }

export const DEMO_ADMIN: DemoPerson = {
	name: 'Dana Whitfield',
	email: 'admin@example.com',
	company: 'PeerPower',
	bio: 'Runs this PeerPower: creates peer groups and hands each one to its moderator.',
}

export const DEMO_GROUP = {
	name: 'Great Lakes IT Owners',
	description:
		'Owners of managed service providers around the Great Lakes. We meet quarterly in Chicago; between meetings we keep each other honest on our annual plans.',
}

export const DEMO_MODERATOR: DemoPerson = {
	name: 'Marcus Bell',
	email: 'marcus@example.com',
	company: 'Lakeshore Managed IT',
	bio: 'Cleveland, OH. Founded Lakeshore in 2009 as a break-fix shop; now 38 people and fully managed services. Moderates Great Lakes IT Owners.',
}

export const DEMO_MEMBERS: DemoPerson[] = [
	{
		name: 'Priya Raman',
		email: 'priya@example.com',
		company: 'Northcoast Networks',
		bio: 'Toledo, OH. Co-owner of a 20-person MSP serving manufacturers. Working on moving every client to a security baseline by year end.',
	},
	{
		name: 'Tom Kowalski',
		email: 'tom@example.com',
		company: 'Kowalski Tech Group',
		bio: 'Milwaukee, WI. Second-generation owner. Dental and medical practices, HIPAA compliance, and a lot of printers.',
	},
	{
		name: 'Angela Reyes',
		email: 'angela@example.com',
		company: 'Superior Cloud Partners',
		bio: 'Duluth, MN. Cloud-first MSP for nonprofits and municipalities. Ask me about Microsoft 365 licensing, or better don’t.',
	},
	{
		name: 'Jamal Carter',
		email: 'jamal@example.com',
		company: 'Motor City MSP',
		bio: 'Detroit, MI. Grew from one truck to 15 technicians in six years. Currently hiring my first service manager.',
	},
	{
		name: 'Linda Osei',
		email: 'linda@example.com',
		company: 'Erie Secure Systems',
		bio: 'Buffalo, NY. Security-focused solution provider: SOC services and incident response for law firms and CPAs.',
	},
	{
		name: 'Greg Lindqvist',
		email: 'greg@example.com',
		company: 'Lindqvist IT',
		bio: 'Grand Rapids, MI. Small shop, big clients. Thinking about selling in five years and planning for it now.',
	},
]

type DemoUser = { id: string; name: string; email: string }

/** What every seeder gets: the people and the group of the core demo content. */
export type DemoContext = {
	admin: DemoUser
	moderator: DemoUser
	members: DemoUser[]
	group: { id: string; slug: string; name: string }
}

export type DemoSeeder = {
	name: string
	/** Adds the seeder's content; must skip when that content is already there. */
	seed: (context: DemoContext) => Promise<void>
}

/** Seeders of later features, run in order after the people and the group exist. */
export const demoSeeders: DemoSeeder[] = [
	forumDemoSeeder,
	plansDemoSeeder,
	quarterlyDemoSeeder,
	vendorsDemoSeeder,
]

export type DemoLogin = { role: string; name: string; email: string; company: string }

export function demoLogins(): DemoLogin[] {
	return [
		{ role: 'site admin', ...pick(DEMO_ADMIN) },
		{ role: 'moderator', ...pick(DEMO_MODERATOR) },
		...DEMO_MEMBERS.map((member) => ({ role: 'member', ...pick(member) })),
		// The other groups' people (vendors-seed), so that programs are rated by three groups.
		...OTHER_DEMO_GROUPS.flatMap((group) => [
			{ role: `moderator, ${group.name}`, ...pick(group.moderator) },
			...group.members.map((member) => ({ role: `member, ${group.name}`, ...pick(member) })),
		]),
	]
}

function pick({ name, email, company }: DemoPerson) {
	return { name, email, company }
}

async function upsertUser(
	person: DemoPerson,
	passwordHash: string,
	isSiteAdmin = false,
): Promise<DemoUser> {
	return db.user.upsert({
		where: { email: person.email },
		// The demo's members have been around for months: someone trying the demo posts as an
		// established member, not under a new account's longer posting gap.
		create: {
			...person,
			handle: await uniqueHandle(person.name),
			passwordHash,
			isSiteAdmin,
			createdAt: new Date(Date.now() - 120 * 86_400_000),
		},
		update: {},
		select: { id: true, name: true, email: true },
	})
}

async function findUser(person: DemoPerson): Promise<DemoUser> {
	return db.user.findUniqueOrThrow({
		where: { email: person.email },
		select: { id: true, name: true, email: true },
	})
}

async function findDemoGroup() {
	return db.group.findFirst({
		where: { name: DEMO_GROUP.name },
		select: { id: true, slug: true, name: true },
	})
}

/** The people and the group; skipped when the demo group exists. */
async function seedCore(): Promise<{ context: DemoContext; created: boolean }> {
	const existing = await findDemoGroup()
	if (existing) {
		return {
			created: false,
			context: {
				admin: await findUser(DEMO_ADMIN),
				moderator: await findUser(DEMO_MODERATOR),
				members: await Promise.all(DEMO_MEMBERS.map(findUser)),
				group: existing,
			},
		}
	}
	// One hash for everyone: argon2 is slow on purpose, and the password is the same.
	const passwordHash = await hashPassword(DEMO_PASSWORD)
	const admin = await upsertUser(DEMO_ADMIN, passwordHash, true)
	const moderator = await upsertUser(DEMO_MODERATOR, passwordHash)
	const members: DemoUser[] = []
	for (const person of DEMO_MEMBERS) members.push(await upsertUser(person, passwordHash))
	const group = await createGroup({ ...DEMO_GROUP, creatorId: moderator.id })
	// Joined a few days apart, so the member list reads like a real group's.
	const day = 24 * 60 * 60 * 1000
	for (const [index, member] of members.entries()) {
		await db.membership.upsert({
			where: { userId_groupId: { userId: member.id, groupId: group.id } },
			create: {
				userId: member.id,
				groupId: group.id,
				role: 'member',
				joinedAt: new Date(Date.now() - (40 - index * 5) * day),
			},
			update: {},
		})
	}
	return { created: true, context: { admin, moderator, members, group } }
}

/**
 * Fills the current database (DATABASE_URL, already migrated) with the demo content.
 * Safe to run again: nothing is created twice.
 */
export async function seedDemo(): Promise<{ created: boolean; context: DemoContext }> {
	const { context, created } = await seedCore()
	for (const seeder of demoSeeders) await seeder.seed(context)
	return { created, context }
}

/** The lines printed at start: who to log in as, and the password. */
export function formatDemoLogins(options: { url?: string; groupSlug: string }): string {
	const logins = demoLogins()
	const width = Math.max(...logins.map((login) => login.email.length))
	const nameWidth = Math.max(...logins.map((login) => login.name.length))
	const roleWidth = Math.max(...logins.map((login) => login.role.length))
	const groupUrl = options.url ? `  ${options.url}/g/${options.groupSlug}` : ''
	return [
		'',
		'  PeerPower demo accounts',
		`  Password for every account: ${DEMO_PASSWORD}`,
		'',
		...logins.map(
			(login) =>
				`    ${login.email.padEnd(width)}  ${login.name.padEnd(nameWidth)}  ${login.role.padEnd(roleWidth)}  ${login.company}`,
		),
		'',
		`  Demo group: ${DEMO_GROUP.name}${groupUrl}`,
		'',
	].join('\n')
}
