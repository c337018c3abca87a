'use client';

import { useState } from 'react';
import { CheckboxGroup, FieldError, FormMessage, SubmitButton } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { updateScreeningAction } from '@/lib/actions/patients/update-screening';
import { SCREENING_FLAGS } from '@/lib/validation/screening';

const OPTIONS = SCREENING_FLAGS.map((f) => ({ value: f.key, label: f.label }));

/** The red-flag history screened at intake: the ticked items replace the saved ones. */
export function ScreeningForm({ patientId, flags }: { patientId: string; flags: string[] }) {
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const { state, formAction, errors, keep } = useServerForm(updateScreeningAction, () => setSavedAt(Date.now()));
  // Errors of single boxes arrive as flags.0, flags.1…: all of them belong to the group.
  const flagErrors = Object.entries(errors).flatMap(([key, messages]) => (key === 'flags' || key.startsWith('flags.') ? messages : []));
  return (
    <form action={formAction} onChange={() => setSavedAt(null)} noValidate className="space-y-3" data-testid="screening-form">
      <input type="hidden" name="patientId" value={patientId} />
      <CheckboxGroup legend="Tick any that apply to this patient" name="flags" options={OPTIONS} defaultValues={keep.list('flags', flags)} errors={flagErrors} />
      <FieldError errors={errors.patientId ?? errors._form} />
      <FormMessage state={state} />
      <div className="flex items-center gap-3">
        <SubmitButton variant="secondary">Save screening</SubmitButton>
        <p role="status" className="text-sm text-green-800">{state?.ok && savedAt ? 'Saved.' : ''}</p>
      </div>
    </form>
  );
}
