'use client';

import { useState } from 'react';
import { FormMessage, SelectField, SubmitButton } from '@/app/_components/form';
import { useFormAction } from '@/app/_components/use-form-action';
import { invitePatientAction } from '@/lib/actions/invites/invite-patient';
import { LinkResult } from '../../_components/link-result';

type Option = { id: string; label: string; email: string | null };

export function InvitePatientForm({ patients }: { patients: Option[] }) {
  const [chosen, setChosen] = useState<Option | undefined>();
  const { state, pending, onSubmit, errors, reset } = useFormAction(invitePatientAction, (_d, form) => {
    const id = String(new FormData(form).get('patientId') ?? '');
    setChosen(patients.find((p) => p.id === id));
  });
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <LinkResult url={state.data.url} emailed={state.data.emailed} email={chosen?.email ?? undefined} purpose="invite" />
        <button type="button" onClick={reset} className="min-h-11 rounded-lg px-4 text-sm font-semibold text-brand-800 ring-1 ring-slate-300 hover:bg-slate-50">
          Invite another patient
        </button>
      </div>
    );
  }
  if (patients.length === 0) return <p className="text-sm text-slate-600">Every current patient already has a login or an invitation.</p>;
  const withEmail = patients.filter((p) => p.email);
  const withoutEmail = patients.length - withEmail.length;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="invite-patient-form">
      <SelectField
        label="Patient"
        name="patientId"
        placeholder="Choose a patient…"
        options={withEmail.map((p) => ({ value: p.id, label: `${p.label} · ${p.email}` }))}
        errors={errors.patientId}
      />
      {withoutEmail > 0 && (
        <p className="text-xs text-slate-600">
          {withoutEmail} {withoutEmail === 1 ? 'patient has' : 'patients have'} no email on their record and {withoutEmail === 1 ? 'is' : 'are'} not listed: add an email on the patient&apos;s page first.
        </p>
      )}
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel="Creating link…" disabled={withEmail.length === 0}>
        Create portal invitation
      </SubmitButton>
    </form>
  );
}
