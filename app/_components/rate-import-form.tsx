'use client';

import { useEffect, useRef } from 'react';
import { FieldError, SubmitButton } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { rateImportedSessionAction } from '@/lib/actions/imports/rate-imported-session';
import { RPE_ANCHORS } from '@/lib/validation/vocabulary';

/**
 * "How hard was it? (0–10)" for imported runs; once answered a run counts towards load. The
 * patient answers in the portal; a physio can answer on the patient page for them (`onBehalf`),
 * with the same action, rules and audit event (lib/data/run-imports.ts, rateImportedSession).
 *
 * A rated run leaves the page's list of runs waiting for a rating, and its form with it. So the
 * rating's state lives with whatever outlives that form (the list, or a History entry), which
 * shows the confirmation in a live region that is always there, so screen readers announce it.
 */
export function useRateImport(onRated?: () => void) {
  return useServerForm(rateImportedSessionAction, onRated);
}

type Rating = ReturnType<typeof useRateImport>;

/** What was saved, for the run the last rating was for; empty (but present, to be announced into) until then. */
export function RatedNotice({ state, onBehalf = false, className = '' }: { state: Rating['state']; onBehalf?: boolean; className?: string }) {
  const notice = useRef<HTMLDivElement>(null);
  const saved = state?.ok ? state.data : null;
  // The rated run's form may have been far down a long list: bring the answer into view.
  useEffect(() => {
    if (saved) notice.current?.scrollIntoView?.({ block: 'nearest' });
  }, [saved]);
  return (
    <div ref={notice} role="status" data-testid="rate-import-status">
      {saved && (
        <p className={`rounded-xl bg-green-50 p-3 text-sm text-green-900 ring-1 ring-green-200 ${className}`} data-testid="rated">
          {saved.run}: effort {saved.rpe}/10 saved. It now counts in {onBehalf ? 'the patient’s' : 'your'} load.
        </p>
      )}
    </div>
  );
}

/** One run's question. `rating` is shared by every run in the list, so a refusal is shown only on the form it was for. */
export function RateImportForm({ sessionId, summary, rating, onBehalf = false }: { sessionId: string; summary: string; rating: Rating; onBehalf?: boolean }) {
  const { state, formAction, keep } = rating;
  // A refusal in place carries the form's own copy of what was sent, sessionId included.
  const refused = state && !state.ok && state.values?.sessionId === sessionId ? state : null;
  const errors = refused ? (refused.fieldErrors.rpe ?? (refused.message ? [refused.message] : [])) : [];
  return (
    <form action={formAction} className="space-y-2 rounded-xl bg-white p-3 ring-1 ring-slate-200" data-testid="rate-import-form">
      <input type="hidden" name="sessionId" value={sessionId} />
      <fieldset>
        <legend className="text-base font-semibold">{summary}: {onBehalf ? 'how hard was it for the patient?' : 'how hard was it?'} (0–10)</legend>
        <div className="mt-2 grid grid-cols-6 gap-1">
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} className="flex min-h-11 cursor-pointer items-center justify-center rounded-lg text-base font-semibold ring-1 ring-slate-300 has-[:checked]:bg-brand-700 has-[:checked]:text-white" title={RPE_ANCHORS[n]}>
              <input type="radio" name="rpe" value={n} defaultChecked={refused !== null && keep.text('rpe') === String(n)} className="sr-only" aria-label={`${n}${RPE_ANCHORS[n] ? ` (${RPE_ANCHORS[n]})` : ''}`} />
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

/**
 * The runs waiting for a rating, under `intro` (the section's heading and text), with the answer
 * to the last rating above them. Rendered even when no run is waiting, so the answer to rating
 * the last one stays on the page.
 *
 * Without JavaScript the form posts and the page comes back rendered with the result of this
 * list's one action state. The server never names a record in a refusal, so a refusal posted
 * that way cannot be put on its form: it is shown above the list instead.
 */
export function RateImportList({
  runs,
  onBehalf = false,
  labelledBy,
  intro,
  footer,
  className,
}: {
  runs: { id: string; summary: string }[];
  onBehalf?: boolean;
  labelledBy: string;
  intro: React.ReactNode;
  footer?: React.ReactNode;
  className?: string;
}) {
  const rating = useRateImport();
  const { state } = rating;
  const unplaced = state && !state.ok && state.values?.sessionId === undefined ? state : null;
  return (
    <div className={className}>
      <RatedNotice state={state} onBehalf={onBehalf} className="mb-2" />
      {unplaced && (
        <p role="alert" className="mb-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
          Effort not saved: {(unplaced.fieldErrors.rpe ?? [unplaced.message]).join(' ')}
        </p>
      )}
      {runs.length > 0 && (
        <section aria-labelledby={labelledBy} className="space-y-2" data-testid="unrated-imports">
          {intro}
          <ul className="space-y-2">
            {runs.map((run) => (
              <li key={run.id}>
                <RateImportForm sessionId={run.id} summary={run.summary} rating={rating} onBehalf={onBehalf} />
              </li>
            ))}
          </ul>
          {footer}
        </section>
      )}
    </div>
  );
}
