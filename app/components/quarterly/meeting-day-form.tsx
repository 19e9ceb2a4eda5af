import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from 'react-router'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors } from '#app/components/ui/field.tsx'
import { MEETING_PLACE_MAX, MeetingDaySchema } from '#app/modules/quarterly/schemas.ts'

/** A moderator sets, moves or clears the day (and place) the group meets for this cycle. */
export function MeetingDayForm({
	meetingOn,
	meetingPlace,
	lastResult,
}: {
	/** "2026-12-10", or null when no day is set. */
	meetingOn: string | null
	meetingPlace: string | null
	lastResult?: SubmissionResult<string[]> | null
}) {
	const busy = useNavigation().state === 'submitting'
	const [form, fields] = useForm({
		id: 'meeting-day',
		lastResult,
		constraint: getZodConstraint(MeetingDaySchema),
		defaultValue: { meetingOn: meetingOn ?? '', meetingPlace: meetingPlace ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingDaySchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="meeting-day" />
			<FormErrors errors={form.errors} />
			<div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
				<Field
					label="Meeting day"
					errors={fields.meetingOn.errors}
					inputProps={getInputProps(fields.meetingOn, { type: 'date' })}
				/>
				<Field
					label="Where (optional)"
					hint="A hotel and city, or the video link."
					errors={fields.meetingPlace.errors}
					inputProps={{
						...getInputProps(fields.meetingPlace, { type: 'text' }),
						maxLength: MEETING_PLACE_MAX,
					}}
				/>
			</div>
			<div className="flex flex-wrap items-center gap-3">
				<Button variant="secondary" disabled={busy}>
					{meetingOn ? 'Save the meeting day' : 'Set the meeting day'}
				</Button>
				<p className="text-xs text-slate-500">
					Members are notified when the day is set or moved. Empty both to clear it.
				</p>
			</div>
		</Form>
	)
}
