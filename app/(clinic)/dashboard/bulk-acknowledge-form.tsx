'use client';

import { useServerForm } from '@/app/_components/use-server-form';
import { acknowledgeAlertsAction } from '@/lib/actions/alerts/acknowledge-alerts';

export const BULK_FORM_ID = 'bulk-acknowledge';

/**
 * Acknowledge the ticked alerts with one reason. The checkboxes sit beside each alert and
 * join this form through their form attribute; a plain form, so it works before hydration.
 * The browser asks for the reason before posting: React resets the form after its action, and
 * the ticks (outside this component) would not survive a refusal.
 */
export function BulkAcknowledgeForm() {
  const { state, formAction, pending, errors, keep } = useServerForm(acknowledgeAlertsAction);
  return (
    <form id={BULK_FORM_ID} action={formAction} className="flex flex-wrap items-end gap-2 rounded-xl bg-slate-50 p-3 text-sm ring-1 ring-slate-200" data-testid="bulk-acknowledge">
      <label className="min-w-0 flex-1">
        <span className="font-medium">Acknowledge the ticked alerts, with one reason</span>
        <input name="reason" required minLength={3} maxLength={300} defaultValue={keep.text('reason')} placeholder="e.g. Reviewed at Tuesday's team meeting; plans unchanged" className="mt-1 min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2" />
      </label>
      <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-slate-800 px-4 font-semibold text-white disabled:opacity-60">
        {pending ? 'Acknowledging…' : 'Acknowledge ticked'}
      </button>
      {[...(errors.items ?? []), ...(errors.reason ?? [])].map((e) => (
        <p key={e} className="w-full text-red-700" role="alert">{e}</p>
      ))}
      {state && !state.ok && !Object.keys(errors).length && <p role="alert" className="w-full text-red-700">{state.message}</p>}
      {state?.ok && <p role="status" className="w-full text-green-800">Acknowledged {state.data.acknowledged} alert{state.data.acknowledged === 1 ? '' : 's'}. Each comes back if it gets worse.</p>}
    </form>
  );
}
