'use client';

import { useActionState, useId } from 'react';
import { FieldError, SubmitButton, TextAreaField } from './form';
import { closeSafetyAlertAction } from '@/lib/actions/alerts/close-safety-alert';
import { CLOSE_ACTION_LABELS, CLOSE_ACTIONS } from '@/lib/validation/safety';

/**
 * Close a warning sign with what was done and a note. A plain form posting to the server
 * action, so it works before the page has hydrated; errors come back next to the fields.
 */
export function CloseWarningSignForm({ alertId }: { alertId: string }) {
  const [state, formAction, pending] = useActionState(closeSafetyAlertAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const legendId = useId();
  return (
    <form action={formAction} className="mt-3 space-y-3 rounded-xl bg-white p-3 ring-1 ring-slate-200" data-testid="close-warning-sign">
      <input type="hidden" name="alertId" value={alertId} />
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId} className="text-sm font-medium text-slate-800">What did you do?</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {CLOSE_ACTIONS.map((action) => (
            <label key={action} className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600">
              <input type="radio" name="action" value={action} required className="size-4" />
              <span className="text-sm">{CLOSE_ACTION_LABELS[action]}</span>
            </label>
          ))}
        </div>
        <FieldError errors={errors.action} />
      </fieldset>
      <TextAreaField label="Note" name="note" rows={2} maxLength={1000} required errors={errors.note} hint="What you did and what happens next, for the record and your colleagues." />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingLabel="Closing…" className="!min-h-11 !text-sm">
          Close with this action
        </SubmitButton>
        {state && !state.ok && <p role="alert" className="text-sm text-red-700">{state.message}</p>}
      </div>
    </form>
  );
}
