'use client';

import { CheckboxGroup, FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/app/_components/form';
import { humanize } from '@/app/_components/ui';
import { useServerForm } from '@/app/_components/use-server-form';
import { createExerciseFormAction } from '@/lib/actions/exercises/create-exercise';
import { updateExerciseFormAction } from '@/lib/actions/exercises/update-exercise';
import { BODY_REGIONS, CATEGORIES, DIFFICULTIES, EQUIPMENT } from '@/lib/content/schema';
import type { ExerciseRow } from '@/lib/data/exercises';

// The row as the data layer returns it; a new exercise has no id yet.
export type ExerciseFormValues = Pick<
  ExerciseRow,
  'title' | 'summary' | 'category' | 'bodyRegions' | 'equipment' | 'difficulty' | 'dosage' | 'steps' | 'feel' | 'cautions' | 'regressionSlug' | 'progressionSlug' | 'body'
> & { id?: string };

const toOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: humanize(v) }));

/** Create or edit a practice exercise: the same fields and checks as the shared library. */
export function ExerciseForm({ initial, exerciseOptions }: { initial?: ExerciseFormValues; exerciseOptions: { slug: string; title: string }[] }) {
  // Once saved, the action opens the exercise.
  const { state, formAction, errors, keep } = useServerForm(initial?.id ? updateExerciseFormAction : createExerciseFormAction);
  const d = initial?.dosage;
  const slugOptions = exerciseOptions.map((e) => ({ value: e.slug, label: e.title }));
  return (
    <form action={formAction} noValidate className="space-y-5 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
      {initial?.id && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Title" name="title" defaultValue={keep.text('title', initial?.title)} errors={errors.title} required />
        <TextField label="One-line summary" name="summary" defaultValue={keep.text('summary', initial?.summary)} errors={errors.summary} required />
        <SelectField label="Category" name="category" options={toOptions(CATEGORIES)} placeholder="Choose…" defaultValue={keep.text('category', initial?.category)} errors={errors.category} />
        <SelectField label="Difficulty" name="difficulty" options={toOptions(DIFFICULTIES)} placeholder="Choose…" defaultValue={keep.text('difficulty', initial?.difficulty)} errors={errors.difficulty} />
      </div>
      <CheckboxGroup legend="Body regions" name="bodyRegions" options={toOptions(BODY_REGIONS)} defaultValues={keep.list('bodyRegions', initial?.bodyRegions)} errors={errors.bodyRegions} />
      <CheckboxGroup legend="Equipment" name="equipment" options={toOptions(EQUIPMENT)} defaultValues={keep.list('equipment', initial?.equipment ?? ['none'])} errors={errors.equipment} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Default dose (sets with reps or a hold, or minutes for cardio)</legend>
        <div className="mt-1 grid grid-cols-2 gap-3 md:grid-cols-5">
          <TextField label="Sets" name="sets" inputMode="numeric" defaultValue={keep.text('sets', d?.sets)} errors={errors.sets} />
          <TextField label="Reps" name="reps" inputMode="numeric" defaultValue={keep.text('reps', d?.reps)} errors={errors.reps} />
          <TextField label="Hold (s)" name="holdSeconds" inputMode="numeric" defaultValue={keep.text('holdSeconds', d?.holdSeconds)} errors={errors.holdSeconds} />
          <TextField label="Minutes" name="minutes" inputMode="numeric" defaultValue={keep.text('minutes', d?.minutes)} errors={errors.minutes} />
          <TextField label="Sessions a week" name="sessionsPerWeek" inputMode="numeric" defaultValue={keep.text('sessionsPerWeek', d?.sessionsPerWeek ?? 3)} errors={errors.sessionsPerWeek} />
        </div>
      </fieldset>
      <TextAreaField label="Steps" hint="One step per line, 3 to 8 steps." name="steps" rows={6} defaultValue={keep.text('steps', initial?.steps.join('\n'))} errors={errors.steps} />
      <TextAreaField label="What the patient should feel" name="feel" rows={2} defaultValue={keep.text('feel', initial?.feel)} errors={errors.feel} />
      <TextAreaField label="Stop if / cautions" hint="One per line." name="cautions" rows={3} defaultValue={keep.text('cautions', initial?.cautions.join('\n'))} errors={errors.cautions} />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField label="Easier version (regression)" name="regression" options={slugOptions} placeholder="None" defaultValue={keep.text('regression', initial?.regressionSlug)} errors={errors.regression} />
        <SelectField label="Harder version (progression)" name="progression" options={slugOptions} placeholder="None" defaultValue={keep.text('progression', initial?.progressionSlug)} errors={errors.progression} />
      </div>
      <TextAreaField label="Tips (optional)" name="body" rows={3} defaultValue={keep.text('body', initial?.body)} errors={errors.body} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Saving…">
        {initial?.id ? 'Save changes' : 'Create exercise'}
      </SubmitButton>
    </form>
  );
}
