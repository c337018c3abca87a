'use client';

import { FieldError, SubmitButton } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { rateImportedSessionAction } from '@/lib/actions/imports/rate-imported-session';
import { RPE_ANCHORS } from '@/lib/validation/vocabulary';

/**
 * "How hard was it? (0–10)" for one imported run; once answered it counts towards load. The
 * patient answers in the portal; a physio can answer on the patient page for them (`onBehalf`),
 * with the same action, rules and audit event (lib/data/run-imports.ts, rateImportedSession).
 */
export function RateImportForm({ sessionId, summary, onBehalf = false }: { sessionId: string; summary: string; onBehalf?: boolean }) {
  const { state, formAction, keep } = useServerForm(rateImportedSessionAction);
  if (state?.ok) {
    return (
      <p className="rounded-xl bg-green-50 p-3 text-sm text-green-900 ring-1 ring-green-200" role="status" data-testid="rated">
        {summary}: effort {state.data.rpe}/10 saved. It now counts in {onBehalf ? 'the patient’s' : 'your'} load.
      </p>
    );
  }
  const errors = state && !state.ok ? (state.fieldErrors.rpe ?? (state.message ? [state.message] : [])) : [];
  return (
    <form action={formAction} className="space-y-2 rounded-xl bg-white p-3 ring-1 ring-slate-200" data-testid="rate-import-form">
      <input type="hidden" name="sessionId" value={sessionId} />
      <fieldset>
        <legend className="text-base font-semibold">{summary}: {onBehalf ? 'how hard was it for the patient?' : 'how hard was it?'} (0–10)</legend>
        <div className="mt-2 grid grid-cols-6 gap-1">
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} className="flex min-h-11 cursor-pointer items-center justify-center rounded-lg text-base font-semibold ring-1 ring-slate-300 has-[:checked]:bg-brand-700 has-[:checked]:text-white" title={RPE_ANCHORS[n]}>
              <input type="radio" name="rpe" value={n} defaultChecked={keep.text('rpe') === String(n)} className="sr-only" aria-label={`${n}${RPE_ANCHORS[n] ? ` (${RPE_ANCHORS[n]})` : ''}`} />
              {n}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-600">0 rest · 3 moderate · 5 hard · 7 very hard · 10 maximal</p>
        <FieldError errors={errors} />
      </fieldset>
      <SubmitButton pendingLabel="Saving…" className="min-h-11 w-full">Save effort</SubmitButton>
    </form>
  );
}
