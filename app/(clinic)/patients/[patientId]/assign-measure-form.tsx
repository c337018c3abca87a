'use client';

import { useActionState } from 'react';
import { assignMeasureAction } from '@/lib/actions/measures/assign-measure';

/** Schedule an outcome measure: at intake (from today), every N weeks, at discharge. A plain form. */
export function AssignMeasureForm({ patientId, measures }: { patientId: string; measures: { slug: string; title: string }[] }) {
  const [state, formAction, pending] = useActionState(assignMeasureAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="mt-3 space-y-2 rounded-xl bg-slate-50 p-3 text-sm ring-1 ring-slate-200" data-testid="assign-measure">
      <input type="hidden" name="patientId" value={patientId} />
      <label className="block">
        <span className="font-medium">Questionnaire</span>
        <select name="measureSlug" className="mt-1 min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2">
          {measures.map((m) => (
            <option key={m.slug} value={m.slug}>
              {m.title}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <legend className="sr-only">When to ask</legend>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" name="atIntake" defaultChecked className="size-4" /> Now (intake)
        </label>
        <label className="inline-flex min-h-11 items-center gap-2">
          Every <input type="number" name="everyWeeks" min={1} max={52} placeholder="4" aria-label="Every how many weeks" className="min-h-11 w-16 rounded-lg border border-slate-300 px-2" /> weeks
        </label>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" name="atDischarge" className="size-4" /> At discharge
        </label>
      </fieldset>
      {[...(errors.atIntake ?? []), ...(errors.everyWeeks ?? [])].map((e) => (
        <p key={e} className="text-red-700">{e}</p>
      ))}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white disabled:opacity-60">
          {pending ? 'Saving…' : 'Ask the patient'}
        </button>
        {state?.ok && <p role="status" className="text-green-800">Scheduled: it shows in the patient’s portal when due.</p>}
        {state && !state.ok && !Object.keys(errors).length && <p role="alert" className="text-red-700">{state.message}</p>}
      </div>
    </form>
  );
}
