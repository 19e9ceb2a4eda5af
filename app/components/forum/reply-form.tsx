import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import { Form, useNavigation } from 'react-router'
import { MarkdownEditor } from './markdown-editor.tsx'
import { useDraftAutosave } from './use-draft-autosave.ts'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, FormErrors } from '#app/components/ui/field.tsx'
import { ReplySchema } from '#app/modules/forums/schemas.ts'

export type QuotedPost = { postId: string; author: string; body: string }

/** What the thread page may ask of its reply box. */
export type ReplyFormHandle = { addQuote: (quote: QuotedPost) => void }

export function quoteMarkdown(author: string, body: string): string {
	const quoted = body
		.split('\n')
		.map((line) => `> ${line}`)
		.join('\n')
	// The empty quoted line keeps the author's name on a line of its own above the quoted text.
	return `> **${author}** wrote:\n>\n${quoted}\n\n`
}

type Props = {
	threadId: string
	draftBody: string | null
	/** Sent with the reply: a resend with the same key leads to the reply already posted. */
	idempotencyKey: string
	initialQuote: QuotedPost | null
	lastResult?: SubmissionResult<string[]> | null
	onTyping: () => void
	ref?: Ref<ReplyFormHandle>
}

/** The reply box: validates as you go, saves a draft while typing, takes quotes. */
export function ReplyForm({ threadId, draftBody, idempotencyKey, initialQuote, lastResult, onTyping, ref }: Props) {
	const navigation = useNavigation()
	const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'reply'
	const initialBody = (initialQuote ? quoteMarkdown(initialQuote.author, initialQuote.body) : '') + (draftBody ?? '')
	const [form, fields] = useForm({
		id: `reply-${threadId}`,
		lastResult,
		constraint: getZodConstraint(ReplySchema),
		defaultValue: { body: initialBody, quotedPostId: initialQuote?.postId ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const textarea = useRef<HTMLTextAreaElement>(null)
	const [quotedPostId, setQuotedPostId] = useState(initialQuote?.postId ?? '')
	const autosave = useDraftAutosave(`reply:${threadId}`)
	// Kept until a reply goes through: live updates revalidate the page (and bring new keys) while
	// a member may be resending a reply whose answer was lost.
	const [submissionKey, setSubmissionKey] = useState(idempotencyKey)

	// Quoting is an event: it runs once per click, from the click. (It used to be an effect that
	// appended the quote whenever its dependencies changed; one of them, the autosave object, was
	// new on every render, so every render appended the quote again, without end.)
	const { onChange: saveDraft, reset: resetAutosave } = autosave
	useImperativeHandle(
		ref,
		() => ({
			addQuote(quote) {
				const element = textarea.current
				if (!element) return
				const markdown = quoteMarkdown(quote.author, quote.body)
				element.value = element.value.trim() ? `${element.value.replace(/\s*$/, '\n\n')}${markdown}` : markdown
				setQuotedPostId(quote.postId)
				element.focus()
				element.setSelectionRange(element.value.length, element.value.length)
				element.scrollIntoView({ behavior: 'smooth', block: 'center' })
				saveDraft({ body: element.value })
			},
		}),
		[saveDraft],
	)

	// A reply that went through redirects (no action data): the box empties, as the server cleared the draft.
	const sentReply = useRef(false)
	useEffect(() => {
		if (navigation.state !== 'idle') {
			if (navigation.formData?.get('intent') === 'reply') sentReply.current = true
			return
		}
		if (!sentReply.current) return
		sentReply.current = false
		if (lastResult == null && textarea.current) {
			textarea.current.value = ''
			setQuotedPostId('')
			setSubmissionKey(idempotencyKey)
			resetAutosave()
		}
	}, [navigation.state, navigation.formData, lastResult, idempotencyKey, resetAutosave])

	const { key: _key, ...textareaProps } = getTextareaProps(fields.body)
	return (
		<Form
			method="post"
			className="space-y-3"
			{...getFormProps(form)}
			onSubmit={(event) => {
				autosave.cancel()
				form.onSubmit(event)
			}}
		>
			<input type="hidden" name="intent" value="reply" />
			<input type="hidden" name="quotedPostId" value={quotedPostId} />
			<input type="hidden" name="idempotencyKey" value={submissionKey} />
			<FormErrors errors={form.errors} />
			<MarkdownEditor
				{...textareaProps}
				textareaRef={textarea}
				place={{ threadId }}
				label="Your reply"
				rows={6}
				aria-invalid={fields.body.errors ? true : undefined}
				aria-describedby={fields.body.errors ? `${fields.body.id}-error` : `${fields.body.id}-hint`}
				onInput={(event) => {
					onTyping()
					autosave.onChange({ body: event.currentTarget.value })
				}}
			/>
			<p id={`${fields.body.id}-hint`} className="text-xs text-slate-500">
				Markdown works. Mention members with @handle. Your draft is saved as you type.
			</p>
			<ErrorList id={`${fields.body.id}-error`} errors={fields.body.errors} />
			<div className="flex items-center gap-3">
				<Button disabled={submitting}>{submitting ? 'Posting…' : 'Post reply'}</Button>
				{autosave.savedAt ? <span className="text-xs text-slate-500">Draft saved</span> : null}
				{autosave.failed ? <span className="text-xs text-red-700">Draft not saved: check your connection</span> : null}
			</div>
		</Form>
	)
}
