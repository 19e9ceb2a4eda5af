// Demo content of the vendor programs catalogue: two more peer groups (so that ratings come from
// three groups and the three-groups rule for group-only ratings shows), six vendors with fifteen
// approved programs in every status relative to the seed day, ratings with payouts (some kept to
// the rater's group), a few programs' discussions, and two proposals awaiting approval.
// Deterministic: every date is a whole number of days from the seed day.
import { createReply } from '#app/modules/forums/posts.server.ts'
import { createGroup } from '#app/modules/groups/groups.server.ts'
import { uniqueHandle } from '#app/modules/users/handles.server.ts'
import { startDiscussion } from '#app/modules/vendors/discussion.server.ts'
import { indexProgram } from '#app/modules/vendors/program-search.server.ts'
import { slugify } from '#app/modules/groups/groups.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import type { DemoContext, DemoSeeder } from './seed.server.ts'

type Person = { name: string; email: string; company: string; bio: string }
type OtherGroup = { name: string; description: string; moderator: Person; members: Person[] }

/** The demo's other peer groups: their people log in with the demo password too. */
export const OTHER_DEMO_GROUPS: OtherGroup[] = [
	{
		name: 'Sun Belt MSP Alliance',
		description:
			'Managed service providers from Texas to Georgia. We compare vendor programs hard and meet twice a year in Dallas.',
		moderator: {
			name: 'Rosa Delgado',
			email: 'rosa@example.com',
			company: 'Delgado Tech Solutions',
			bio: 'Austin, TX. 45 people, co-managed IT for school districts and clinics. Moderates Sun Belt MSP Alliance.',
		},
		members: [
			{
				name: 'Kevin Nguyen',
				email: 'kevin@example.com',
				company: 'Bayou Managed IT',
				bio: 'Houston, TX. Energy-sector clients, a lot of field laptops.',
			},
			{
				name: 'Sarah Mitchell',
				email: 'sarah@example.com',
				company: 'Peachtree IT Services',
				bio: 'Atlanta, GA. Microsoft-heavy MSP; chases every incentive dollar.',
			},
			{
				name: 'Darnell Brooks',
				email: 'darnell@example.com',
				company: 'Cactus Cloud Services',
				bio: 'Phoenix, AZ. Cloud migrations and backup for small manufacturers.',
			},
		],
	},
	{
		name: 'Pacific Northwest Solution Providers',
		description: 'Solution-provider owners from Oregon and Washington, meeting monthly online.',
		moderator: {
			name: 'Erik Johansson',
			email: 'erik@example.com',
			company: 'Cascade Tech Partners',
			bio: 'Seattle, WA. Hardware-as-a-service for architecture and engineering firms. Moderates the group.',
		},
		members: [
			{
				name: 'Mei Chen',
				email: 'mei@example.com',
				company: 'Rainier Data Systems',
				bio: 'Tacoma, WA. Storage, backup and a growing security practice.',
			},
			{
				name: 'Owen Fitzgerald',
				email: 'owen@example.com',
				company: 'Willamette IT',
				bio: 'Portland, OR. Ten people, mostly nonprofits and credit unions.',
			},
		],
	},
]

type Day = number | null
type DemoProgram = {
	vendor: string
	name: string
	kind: string
	description: string
	benefit?: [number, string]
	benefitText?: string
	fee?: [number, string]
	hours?: number
	requirements?: string
	eligibility?: string
	capacityLimited?: boolean
	/** Days from the seed day: enrollment opens/closes, claim window opens/closes, proof due. */
	days: [Day, Day, Day, Day, Day]
}

const VENDORS = ['Microsoft', 'HP', 'TD SYNNEX', 'Ingram Micro', 'Pax8', 'Dell Technologies']

const PROGRAMS: DemoProgram[] = [
	{
		vendor: 'Microsoft',
		name: 'Partner flex marketing funds',
		kind: 'marketing_funds',
		description:
			'Co-op funds for a co-branded campaign around Microsoft 365 and Azure: events, webinars, paid social.',
		benefit: [500, 'USD'],
		benefitText: '$500 flex marketing funds per half-year',
		requirements:
			'Solutions Partner designation; campaign approved in the partner center before any spend.',
		days: [-60, 45, -60, 75, 90],
	},
	{
		vendor: 'Microsoft',
		name: 'Modern Work deployment rebate',
		kind: 'rebate',
		description: 'A services rebate for deploying Microsoft 365 Business Premium.',
		benefit: [150, 'USD'],
		benefitText: '$150 services rebate per installation, minimum 5 seats',
		requirements: 'Claim with the tenant id and a signed customer acceptance.',
		days: [-30, 10, -30, 10, 40],
	},
	{
		vendor: 'Microsoft',
		name: 'Security compliance course',
		kind: 'certification',
		description: 'The security and compliance fundamentals course with its exam, online.',
		fee: [120, 'USD'],
		hours: 3,
		benefitText: 'Counts toward the Security designation',
		days: [-100, 200, null, null, null],
	},
	{
		vendor: 'Microsoft',
		name: 'Partner of the Year awards',
		kind: 'award',
		description: 'Country and category awards; winners are presented at the partner conference.',
		benefitText: 'Recognition on stage and a listing in the partner directory',
		eligibility: 'Any partner with a customer story from the last 12 months.',
		days: [-40, 20, null, null, null],
	},
	{
		vendor: 'HP',
		name: 'Amplify partner program',
		kind: 'partner_tier',
		description:
			'HP’s partner program: tiers by revenue and capabilities, with rebates on printing and PCs.',
		fee: [1500, 'USD'],
		benefitText: 'Tiered rebates on HP printing and PCs ($1,500 a year partner fee)',
		requirements: 'Annual revenue threshold and two certified sales people.',
		days: [null, null, null, null, null],
	},
	{
		vendor: 'HP',
		name: 'Year-end Elite laptop promo code',
		kind: 'promotion',
		description: 'A promo code for 8% off Elite laptops bought through a distributor.',
		benefitText: '8% off, promo code claimed within the 30 days before December 31',
		capacityLimited: true,
		days: [null, null, -15, 15, null],
	},
	{
		vendor: 'HP',
		name: 'Instant Ink onboarding bonus',
		kind: 'rebate',
		description: 'A bonus for each client enrolled in Instant Ink.',
		benefit: [75, 'USD'],
		benefitText: '$75 per client enrolled',
		days: [-150, -20, -150, -20, -5],
	},
	{
		vendor: 'TD SYNNEX',
		name: 'StreamOne cloud marketplace launch credit',
		kind: 'promotion',
		description: 'A credit for the first subscriptions sold through the StreamOne marketplace.',
		benefit: [250, 'USD'],
		days: [21, 80, 21, 110, null],
	},
	{
		vendor: 'TD SYNNEX',
		name: 'Quarterly MDF for new partners',
		kind: 'marketing_funds',
		description: 'Market development funds for partners in their first year.',
		benefit: [1000, 'USD'],
		requirements: 'Proof of performance with invoices and photos within 30 days of the activity.',
		days: [-120, -30, null, null, -10],
	},
	{
		vendor: 'Ingram Micro',
		name: 'Xvantage onboarding rebate',
		kind: 'rebate',
		description: 'A rebate for the first orders placed on the Xvantage platform.',
		benefit: [200, 'USD'],
		benefitText: '$200 after three orders',
		days: [-45, 6, -45, 6, 30],
	},
	{
		vendor: 'Ingram Micro',
		name: 'Trust X Alliance security training',
		kind: 'training',
		description: 'Six hours of hands-on security training for technicians, with a lab.',
		hours: 6,
		capacityLimited: true,
		days: [35, 60, null, null, null],
	},
	{
		vendor: 'Pax8',
		name: 'Pax8 Academy certification',
		kind: 'certification',
		description: 'The Academy’s cloud sales and billing certification.',
		fee: [99, 'USD'],
		hours: 8,
		days: [-200, 180, null, null, null],
	},
	{
		vendor: 'Pax8',
		name: 'Partner of the Year nominations',
		kind: 'award',
		description: 'Nominate your best customer project; finalists present at the partner summit.',
		benefitText: 'Award, summit pass and a case study',
		days: [-30, 12, null, null, null],
	},
	{
		vendor: 'Dell Technologies',
		name: 'Partner program Gold tier',
		kind: 'partner_tier',
		description: 'The Gold tier: deal registration protection, rebates and a partner manager.',
		eligibility: '$250,000 of annual Dell revenue and two certified engineers.',
		days: [-365, 300, null, null, null],
	},
	{
		vendor: 'Dell Technologies',
		name: 'PowerStore trade-in rebate',
		kind: 'rebate',
		description: 'A rebate for replacing a competitor’s storage array with PowerStore.',
		benefit: [300, 'USD'],
		benefitText: '$300 per array traded in',
		days: [-180, -45, -180, -45, -30],
	},
]

/** Proposals awaiting approval: [vendor, name, kind, proposer's email]. */
const PROPOSALS: Array<[string, string, string, string]> = [
	['Lenovo', '360 Circle marketing funds', 'marketing_funds', 'kevin@example.com'],
	['Cisco', 'Meraki starter kit rebate', 'rebate', 'priya@example.com'],
]

type DemoRating = {
	program: string
	rater: string
	overall: number
	review: string
	visibility?: 'group'
	claimed?: number
	paid?: number
	days?: number
	hours?: number
	rejected?: string
	recommend?: boolean
}

const RATINGS: DemoRating[] = [
	{
		program: 'Partner flex marketing funds',
		rater: 'priya@example.com',
		overall: 4,
		review: 'Worth it for a webinar series; pre-approval took two weeks.',
		claimed: 500,
		paid: 500,
		days: 45,
		hours: 6,
	},
	{
		program: 'Partner flex marketing funds',
		rater: 'sarah@example.com',
		overall: 3,
		review: 'Paid in the end, but the proof-of-performance upload failed twice.',
		claimed: 500,
		paid: 500,
		days: 70,
		hours: 10,
	},
	{
		program: 'Partner flex marketing funds',
		rater: 'mei@example.com',
		overall: 2,
		review: 'Our claim was refused for a logo placement detail. Read the brand guide first.',
		visibility: 'group',
		claimed: 500,
		rejected: 'Co-branding guidelines not followed on one banner',
		recommend: false,
	},
	{
		program: 'Partner flex marketing funds',
		rater: 'tom@example.com',
		overall: 4,
		review: 'Easy money if you plan the campaign in the partner center first.',
		visibility: 'group',
		claimed: 500,
		paid: 500,
		days: 38,
	},
	{
		program: 'Partner flex marketing funds',
		rater: 'rosa@example.com',
		overall: 5,
		review: 'Our best MDF year, fully funded an open house.',
		visibility: 'group',
		claimed: 500,
		paid: 500,
		days: 30,
	},
	{
		program: 'Modern Work deployment rebate',
		rater: 'angela@example.com',
		overall: 4,
		review: 'Nonprofit tenants qualify; keep the signed acceptance.',
		claimed: 1500,
		paid: 1500,
		days: 60,
		hours: 3,
	},
	{
		program: 'Modern Work deployment rebate',
		rater: 'kevin@example.com',
		overall: 3,
		review: 'Paid, slowly. The 5-seat minimum excludes our smallest clients.',
		claimed: 900,
		paid: 750,
		days: 95,
	},
	{
		program: 'Modern Work deployment rebate',
		rater: 'owen@example.com',
		overall: 4,
		review: 'Straightforward once the tenant id matched.',
		visibility: 'group',
		claimed: 600,
		paid: 600,
		days: 50,
	},
	{
		program: 'Security compliance course',
		rater: 'linda@example.com',
		overall: 5,
		review: 'Three hours well spent; two of our techs passed first try.',
		hours: 3,
	},
	{
		program: 'Security compliance course',
		rater: 'darnell@example.com',
		overall: 4,
		review: 'Good primer, the exam voucher is the real value.',
		hours: 4,
	},
	{
		program: 'Amplify partner program',
		rater: 'tom@example.com',
		overall: 2,
		review: 'The $1,500 fee only pays off above the printer volume we have.',
		recommend: false,
	},
	{
		program: 'Amplify partner program',
		rater: 'erik@example.com',
		overall: 4,
		review: 'Rebates covered the fee by the second quarter.',
		claimed: 4200,
		paid: 4200,
		days: 75,
	},
	{
		program: 'Year-end Elite laptop promo code',
		rater: 'jamal@example.com',
		overall: 4,
		review: 'The code worked at the distributor; stock ran out mid-December last year.',
	},
	{
		program: 'Instant Ink onboarding bonus',
		rater: 'greg@example.com',
		overall: 3,
		review: 'Small money per client, but it adds up across a dental practice base.',
		claimed: 450,
		paid: 375,
		days: 120,
	},
	{
		program: 'Quarterly MDF for new partners',
		rater: 'sarah@example.com',
		overall: 2,
		review: 'Proof of performance within 30 days is tight; we lost one claim.',
		claimed: 1000,
		rejected: 'Proof of performance submitted after 30 days',
		recommend: false,
	},
	{
		program: 'Quarterly MDF for new partners',
		rater: 'mei@example.com',
		overall: 4,
		review: 'Funded a trade show booth.',
		claimed: 1000,
		paid: 1000,
		days: 55,
	},
	{
		program: 'Xvantage onboarding rebate',
		rater: 'marcus@example.com',
		overall: 4,
		review: 'Three orders and the rebate posted as a credit within a month.',
		claimed: 200,
		paid: 200,
		days: 28,
	},
	{
		program: 'Pax8 Academy certification',
		rater: 'angela@example.com',
		overall: 5,
		review: 'The billing module alone saved us hours every month.',
		hours: 8,
	},
	{
		program: 'Pax8 Academy certification',
		rater: 'darnell@example.com',
		overall: 4,
		review: 'Solid, a bit sales-heavy.',
		visibility: 'group',
		hours: 7,
	},
	{
		program: 'Partner program Gold tier',
		rater: 'erik@example.com',
		overall: 3,
		review: 'Deal registration works; the partner manager changes every year.',
	},
	{
		program: 'PowerStore trade-in rebate',
		rater: 'linda@example.com',
		overall: 4,
		review: 'Traded in two arrays; paid as promised.',
		claimed: 600,
		paid: 600,
		days: 65,
	},
]

/** Programs whose discussion has started, each with a first reply: [program, reply author's email, reply]. */
const DISCUSSIONS: Array<[string, string, string]> = [
	[
		'Partner flex marketing funds',
		'priya@example.com',
		'Has anyone had a webinar approved this half? Ours has been pending for ten days.',
	],
	[
		'Modern Work deployment rebate',
		'kevin@example.com',
		'Does a tenant migrated from another partner still count as a new installation?',
	],
	[
		'Amplify partner program',
		'erik@example.com',
		'If you are below the printer threshold, the fee is hard to earn back. Happy to share our numbers.',
	],
]

const DAY_MS = 24 * 60 * 60 * 1000

async function upsertPerson(person: Person, passwordHash: string, daysAgo: number) {
	return db.user.upsert({
		where: { email: person.email },
		create: {
			...person,
			handle: await uniqueHandle(person.name),
			passwordHash,
			createdAt: new Date(Date.now() - daysAgo * DAY_MS),
		},
		update: {},
		select: { id: true },
	})
}

/** The other groups with their people; each skipped when it exists. */
async function seedOtherGroups(context: DemoContext): Promise<void> {
	// Everyone's password is the demo password: its hash is the admin's (argon2 is slow on purpose).
	const { passwordHash } = await db.user.findUniqueOrThrow({
		where: { id: context.admin.id },
		select: { passwordHash: true },
	})
	for (const other of OTHER_DEMO_GROUPS) {
		if (await db.group.findFirst({ where: { name: other.name }, select: { id: true } })) continue
		const moderator = await upsertPerson(other.moderator, passwordHash, 200)
		const group = await createGroup({
			name: other.name,
			description: other.description,
			creatorId: moderator.id,
		})
		for (const [index, member] of other.members.entries()) {
			const user = await upsertPerson(member, passwordHash, 150)
			await db.membership.create({
				data: {
					userId: user.id,
					groupId: group.id,
					role: 'member',
					joinedAt: new Date(Date.now() - (90 - index * 7) * DAY_MS),
				},
			})
		}
	}
}

async function seedVendors(context: DemoContext, now: Date): Promise<void> {
	if (await db.vendor.findUnique({ where: { slug: slugify('TD SYNNEX') }, select: { id: true } }))
		return
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
	const on = (days: Day) => (days === null ? null : new Date(today + days * DAY_MS))
	const vendorIds = new Map<string, string>()
	for (const name of [...VENDORS, ...PROPOSALS.map(([vendor]) => vendor)]) {
		const vendor = await db.vendor.create({
			data: { name, slug: slugify(name) },
			select: { id: true },
		})
		vendorIds.set(name, vendor.id)
	}
	const people = new Map(
		(
			await db.user.findMany({
				select: { id: true, email: true, memberships: { select: { groupId: true } } },
			})
		).map((u) => [u.email, u]),
	)
	// One statement for the fifteen programs.
	const created = await db.vendorProgram.createManyAndReturn({
		data: PROGRAMS.map((p, index) => {
			const [enrollOpensOn, enrollClosesOn, claimOpensOn, claimClosesOn, proofDueOn] =
				p.days.map(on)
			return {
				vendorId: vendorIds.get(p.vendor)!,
				name: p.name,
				kind: p.kind,
				description: p.description,
				link: `https://partners.example.com/${slugify(p.vendor)}/${slugify(p.name)}`,
				benefitAmount: p.benefit?.[0] ?? null,
				benefitCurrency: p.benefit?.[1] ?? null,
				benefitText: p.benefitText ?? '',
				feeAmount: p.fee?.[0] ?? null,
				feeCurrency: p.fee?.[1] ?? null,
				hours: p.hours ?? null,
				requirements: p.requirements ?? '',
				eligibility: p.eligibility ?? '',
				capacityLimited: p.capacityLimited ?? false,
				enrollOpensOn,
				enrollClosesOn,
				claimOpensOn,
				claimClosesOn,
				proofDueOn,
				state: 'approved',
				proposedById:
					index % 2 === 0
						? context.moderator.id
						: context.members[index % context.members.length]!.id,
				approvedAt: new Date(today - (200 - index) * DAY_MS),
				createdAt: new Date(today - (210 - index) * DAY_MS),
			}
		}),
		select: { id: true, name: true },
	})
	const programIds = new Map(created.map((p) => [p.name, p.id]))
	for (const [index, [vendor, name, kind, email]] of PROPOSALS.entries()) {
		await db.vendorProgram.create({
			data: {
				vendorId: vendorIds.get(vendor)!,
				name,
				kind,
				proposedById: people.get(email)!.id,
				createdAt: new Date(today - (3 - index) * DAY_MS),
			},
		})
	}
	await db.programRating.createMany({
		data: RATINGS.map((r, index) => {
			const rater = people.get(r.rater)!
			const at = new Date(today - (90 - index * 3) * DAY_MS)
			return {
				programId: programIds.get(r.program)!,
				memberId: rater.id,
				groupId: rater.memberships[0]!.groupId,
				visibility: r.visibility ?? 'community',
				shownAs: r.visibility === 'group' ? 'group' : 'name',
				overall: r.overall,
				valueScore: r.overall,
				easeScore: Math.max(1, r.overall - 1),
				wouldRecommend: r.recommend ?? r.overall >= 3,
				yearTookPart: now.getUTCFullYear(),
				review: r.review,
				amountClaimed: r.claimed ?? null,
				amountPaid: r.rejected ? null : (r.paid ?? null),
				daysToPayout: r.rejected ? null : (r.days ?? null),
				hoursSpent: r.hours ?? null,
				rejected: Boolean(r.rejected),
				rejectionReason: r.rejected ?? '',
				createdAt: at,
				updatedAt: at,
			}
		}),
	})
	await db.$transaction(async (tx) => {
		for (const id of programIds.values()) await indexProgram(tx, id)
	})
	for (const [program, email, reply] of DISCUSSIONS) {
		const rater = people.get(email)!
		const started = await startDiscussion(
			{ id: context.moderator.id, isSiteAdmin: false },
			programIds.get(program)!,
			offlinePublisher,
		)
		if (started && 'threadId' in started) {
			await createReply(
				{ id: rater.id, isSiteAdmin: false },
				started.threadId,
				{ body: reply },
				offlinePublisher,
				'unpaced',
			)
		}
	}
}

async function seedVendorPrograms(context: DemoContext, now: Date = new Date()): Promise<void> {
	await seedOtherGroups(context)
	await seedVendors(context, now)
}

export const vendorsDemoSeeder: DemoSeeder = {
	name: 'vendors',
	seed: (context) => seedVendorPrograms(context),
}
