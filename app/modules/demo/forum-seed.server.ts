// Demo content of the forums: a few living threads in the demo group's forum and the community
// forum, with replies, a question answered, lessons learned with "helpful" marks, and a pinned
// meeting thread.
import { ensureCommunityForum, getGroupForum } from '#app/modules/forums/forums.server.ts'
import {
	acceptAnswer,
	createReply,
	createThread,
	setThreadFlag,
	toggleHelpful,
} from '#app/modules/forums/posts.server.ts'
import type { NewThreadInput } from '#app/modules/forums/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import type { DemoContext, DemoSeeder } from './seed.server.ts'

// Nobody is connected while seeding: the live events have no one to reach.
const nobodyListening = offlinePublisher

type Person = { id: string }
type DemoThread = {
	forum: 'group' | 'community'
	author: (c: DemoContext) => Person
	category: string
	input: Omit<NewThreadInput, 'categoryId'>
	replies?: Array<{ author: (c: DemoContext) => Person; body: string }>
	acceptedReply?: number
	helpfulFrom?: Array<(c: DemoContext) => Person>
	pinned?: boolean
}

const m = (index: number) => (c: DemoContext) => c.members[index]!
const moderator = (c: DemoContext) => c.moderator

const THREADS: DemoThread[] = [
	{
		forum: 'group',
		author: moderator,
		category: 'meetings',
		pinned: true,
		input: {
			kind: 'discussion',
			title: 'Q1 meeting in Chicago: agenda and pre-reads',
			tags: ['meeting', 'q1'],
			body: 'We meet **March 12–13** at the usual hotel near O’Hare.\n\n1. Financials round: bring your P&L and balance sheet in the group template\n2. Plan check-ins with your accountability buddy\n3. Vendor hour: what paid out, what didn’t\n\nPost questions for the agenda here.',
		},
		replies: [
			{
				author: m(0),
				body: 'Can we spend 20 minutes on hiring? Two of us are hiring a service manager this quarter.',
			},
			{ author: moderator, body: 'Added to day two, after lunch. @priya.raman can you open it?' },
		],
	},
	{
		forum: 'group',
		author: moderator,
		category: 'vendors',
		input: {
			kind: 'discussion',
			title: 'Microsoft MDF claims this quarter: who has been paid?',
			tags: ['microsoft', 'mdf'],
			body: 'Our claim for the January webinar series is still “in review” after 52 days. What is everyone seeing?\n\n| Activity | Submitted | Paid |\n|---|---|---|\n| Webinar series | Jan 30 | – |\n| Customer event | Dec 4 | Jan 29 |',
		},
		replies: [
			{
				author: m(2),
				body: 'Paid in 41 days for us, but only after we re-uploaded the attendee list as a spreadsheet instead of a PDF.',
			},
			{
				author: m(1),
				body: 'Same story. Proof of performance is where they stall: photos with the banner *and* the invoice date visible.',
			},
			{
				author: m(3),
				body: '> Proof of performance is where they stall\n\nThis. We now take the photos before anyone touches the food.',
			},
		],
	},
	{
		forum: 'group',
		author: m(1),
		category: 'general',
		acceptedReply: 2,
		input: {
			kind: 'question',
			title: 'How do you price co-managed IT for a client with an internal team?',
			tags: ['pricing', 'co-managed'],
			body: 'A 120-seat manufacturer with two internal IT people wants “backup for the backup”. Per seat feels wrong. How do you price it?',
		},
		replies: [
			{
				author: m(4),
				body: 'We price the tooling per endpoint and the people as a block of hours with a monthly minimum.',
			},
			{
				author: moderator,
				body: 'Tooling per endpoint, plus a fixed retainer for escalations, plus project work at the standard rate. Put the responsibility split in a matrix signed by both sides, or you will own everything.',
			},
		],
	},
	{
		forum: 'group',
		author: m(0),
		category: 'lessons',
		helpfulFrom: [moderator, m(1), m(2), m(4)],
		input: {
			kind: 'lesson',
			title: 'We financed a 36-month hardware refresh out of our own cash',
			blocker: 'cash_flow',
			tags: ['hardware', 'financing'],
			lessonHappened:
				'To win a 60-seat client we bundled the laptop refresh into the monthly fee and bought the hardware up front. Three months later payroll was tight for the first time in years.',
			lessonLearned:
				'Our monthly recurring revenue looked great while the bank balance did not. Hardware is a financing business, and we are not a bank.',
			lessonDifferently:
				'Use the distributor’s leasing partner, keep hardware off our balance sheet, and show the client the lease as a separate line.',
		},
		replies: [
			{
				author: m(2),
				body: 'Thank you for writing this down. We were about to do exactly that for a school district.',
			},
		],
	},
	{
		forum: 'group',
		author: m(2),
		category: 'lessons',
		helpfulFrom: [m(0), moderator],
		input: {
			kind: 'lesson',
			title: 'The distributor rebate we never claimed',
			blocker: 'strategic_relationships',
			tags: ['distributor', 'rebates'],
			lessonHappened:
				'We hit the growth tier of our distributor’s partner program last year and found out in February that the claim window had closed on January 15.',
			lessonLearned: 'Nobody owned the vendor programs. Every deadline lived in someone’s inbox.',
			lessonDifferently:
				'One person owns partner programs, with every deadline in a shared calendar and a monthly 15-minute review.',
		},
	},
	{
		forum: 'community',
		author: m(3),
		category: 'lessons',
		helpfulFrom: [m(5), m(0)],
		input: {
			kind: 'lesson',
			title: 'Hiring a salesperson before we had a sales process',
			blocker: 'sales',
			tags: ['hiring', 'sales'],
			lessonHappened:
				'We hired an experienced salesperson to “fix sales”. After nine months: two small deals and a lot of frustration on both sides.',
			lessonLearned:
				'A salesperson scales a process; they do not invent one. The owner has to sell first and write down how.',
			lessonDifferently:
				'Close the first twenty deals ourselves with a written playbook, then hire someone to run it.',
		},
	},
	{
		forum: 'community',
		author: m(5),
		category: 'vendors',
		input: {
			kind: 'discussion',
			title: 'HP partner program changes for next year: what are you doing?',
			tags: ['hp', 'partner-program'],
			body: 'The new tiers look like they reward volume over services. Is anyone dropping a tier on purpose?',
		},
		replies: [
			{
				author: m(4),
				body: 'We are staying at our tier for the deal registration protection, but we stopped chasing the volume bonus.',
			},
		],
	},
]

async function seedForums(context: DemoContext): Promise<void> {
	const groupForum = await getGroupForum(context.group.id)
	const community = await ensureCommunityForum()
	if (!groupForum) return
	const already = await db.thread.findFirst({
		where: { forumId: groupForum.id, title: THREADS[0]!.input.title },
		select: { id: true },
	})
	if (already) return
	for (const demo of THREADS) {
		const forumId = demo.forum === 'group' ? groupForum.id : community.id
		const category = await db.category.findFirstOrThrow({
			where: { forumId, slug: demo.category },
			select: { id: true },
		})
		const author = { ...demo.author(context), isSiteAdmin: false }
		const { threadId } = await createThread(
			author,
			forumId,
			{ ...demo.input, categoryId: category.id },
			nobodyListening,
			'unpaced',
		)
		const replyIds: string[] = []
		for (const reply of demo.replies ?? []) {
			const { postId } = await createReply(
				{ ...reply.author(context), isSiteAdmin: false },
				threadId,
				{ body: reply.body },
				nobodyListening,
				'unpaced',
			)
			replyIds.push(postId)
		}
		if (demo.acceptedReply)
			await acceptAnswer(author, replyIds[demo.acceptedReply - 1]!, nobodyListening)
		if (demo.pinned)
			await setThreadFlag(
				{ ...context.moderator, isSiteAdmin: false },
				threadId,
				'pinned',
				true,
				nobodyListening,
			)
		const opening = await db.post.findUniqueOrThrow({
			where: { threadId_number: { threadId, number: 1 } },
			select: { id: true },
		})
		for (const fan of demo.helpfulFrom ?? [])
			await toggleHelpful({ ...fan(context), isSiteAdmin: false }, opening.id, nobodyListening)
	}
}

export const forumDemoSeeder: DemoSeeder = { name: 'forums', seed: seedForums }
