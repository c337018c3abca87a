'use client';

import { SubmitButton } from './form';
import { useServerForm } from './use-server-form';
import { acknowledgeAlertAction } from '@/lib/actions/alerts/acknowledge-alert';

/**
 * "Acknowledge" for one alert. `about` names the alert (and the patient, where a page lists
 * several patients), so each button is announced apart: "Acknowledge Load spike for Priya Shah".
 */
export function AcknowledgeButton({ patientId, kind, about }: { patientId: string; kind: string; about: string }) {
  const { state, formAction } = useServerForm(acknowledgeAlertAction);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="patientId" value={patientId} />
      <input type="hidden" name="kind" value={kind} />
      <SubmitButton variant="secondary" pendingLabel="Saving…" className="!min-h-11 !px-3 !text-sm" aria-label={`Acknowledge ${about}`}>
        Acknowledge
      </SubmitButton>
      {state && !state.ok && <span role="alert" className="text-sm text-red-700">{state.message}</span>}
    </form>
  );
}
