import type { SubmissionResult } from '@conform-to/react'
import { Form, Link } from 'react-router'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'

type Category = { id: string; name: string; description: string; threadCount: number }
type ActionData = { intent: string; categoryId: string; error: string | null; result: SubmissionResult<string[]> | null } | undefined

const input = 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm'

function fieldErrors(actionData: ActionData, categoryId: string, field: string): string[] | undefined {
	if (!actionData?.result || actionData.categoryId !== categoryId) return undefined
	return actionData.result.error?.[field] ?? undefined
}

/** Moderators add, rename and remove a forum's categories; every form works without JavaScript. */
export function CategoriesManager({ title, forumHref, categories, actionData }: { title: string; forumHref: string; categories: Category[]; actionData: ActionData }) {
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader title="Categories" description={<>Of {title}. <Link to={forumHref}>Back to the forum</Link></>} />
			<ul className="space-y-3">
				{categories.map((category) => (
					<li key={category.id}>
						<Card>
							<Form method="post" className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
								<input type="hidden" name="intent" value="update" />
								<input type="hidden" name="categoryId" value={category.id} />
								<div>
									<label className="text-xs font-medium text-slate-600" htmlFor={`name-${category.id}`}>
										Name
									</label>
									<input type="text" id={`name-${category.id}`} name="name" defaultValue={category.name} className={input} required maxLength={40} />
									<ErrorList errors={fieldErrors(actionData, category.id, 'name')} />
								</div>
								<div>
									<label className="text-xs font-medium text-slate-600" htmlFor={`description-${category.id}`}>
										Description
									</label>
									<input type="text" id={`description-${category.id}`} name="description" defaultValue={category.description} className={input} maxLength={200} />
									<ErrorList errors={fieldErrors(actionData, category.id, 'description')} />
								</div>
								<Button variant="secondary" size="sm" className="sm:mt-5">
									Save
								</Button>
							</Form>
							<Form method="post" className="mt-3 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3 text-sm">
								<input type="hidden" name="intent" value="delete" />
								<input type="hidden" name="categoryId" value={category.id} />
								<span className="text-slate-600">
									{category.threadCount} thread{category.threadCount === 1 ? '' : 's'}
								</span>
								{category.threadCount > 0 ? (
									<>
										<label htmlFor={`move-${category.id}`} className="text-slate-600">
											· move them to
										</label>
										<select id={`move-${category.id}`} name="moveTo" className="rounded-md border border-slate-300 px-2 py-1 text-sm">
											{categories
												.filter((other) => other.id !== category.id)
												.map((other) => (
													<option key={other.id} value={other.id}>
														{other.name}
													</option>
												))}
										</select>
									</>
								) : null}
								<Button variant="danger" size="sm">
									Delete category
								</Button>
								{actionData?.intent === 'delete' && actionData.categoryId === category.id && actionData.error ? (
									<p role="alert" className="w-full text-sm text-red-700">
										{actionData.error}
									</p>
								) : null}
							</Form>
						</Card>
					</li>
				))}
			</ul>
			<Card className="mt-6">
				<h2 className="font-semibold">New category</h2>
				<Form method="post" className="mt-3 grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
					<input type="hidden" name="intent" value="create" />
					<div>
						<label className="text-xs font-medium text-slate-600" htmlFor="new-name">
							Name
						</label>
						<input type="text" id="new-name" name="name" className={input} required maxLength={40} />
						<ErrorList errors={fieldErrors(actionData, '', 'name')} />
					</div>
					<div>
						<label className="text-xs font-medium text-slate-600" htmlFor="new-description">
							Description
						</label>
						<input type="text" id="new-description" name="description" className={input} maxLength={200} />
					</div>
					<Button>Add category</Button>
				</Form>
			</Card>
		</main>
	)
}
