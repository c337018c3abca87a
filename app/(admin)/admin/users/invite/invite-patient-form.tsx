'use client';

import { useState } from 'react';
import { FormMessage, SelectField, SubmitButton } from '@/app/_components/form';
import { keptValues, useServerForm } from '@/app/_components/use-server-form';
import { invitePatientAction } from '@/lib/actions/invites/invite-patient';
import { LinkResult } from '../../_components/link-result';

type Option = { id: string; label: string; email: string | null };

/** Portal access for a patient; "Invite another patient" starts a fresh form (a new key, a new action state). */
export function InvitePatientForm({ patients }: { patients: Option[] }) {
  const [round, setRound] = useState(0);
  return <InvitePatientRound key={round} patients={patients} onAgain={() => setRound((r) => r + 1)} />;
}

function InvitePatientRound({ patients, onAgain }: { patients: Option[]; onAgain: () => void }) {
  const [chosen, setChosen] = useState<Option | undefined>();
  const { state, formAction, errors, keep } = useServerForm(invitePatientAction, (_data, sent) => {
    const id = keptValues(sent).text('patientId');
    setChosen(patients.find((p) => p.id === id));
  });
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <LinkResult url={state.data.url} emailed={state.data.emailed} email={chosen?.email ?? undefined} purpose="invite" />
        <button type="button" onClick={onAgain} className="min-h-11 rounded-lg px-4 text-sm font-semibold text-brand-800 ring-1 ring-slate-300 hover:bg-slate-50">
          Invite another patient
        </button>
      </div>
    );
  }
  if (patients.length === 0) return <p className="text-sm text-slate-600">Every current patient already has a login or an invitation.</p>;
  const withEmail = patients.filter((p) => p.email);
  const withoutEmail = patients.length - withEmail.length;
  return (
    <form action={formAction} noValidate className="space-y-4" data-testid="invite-patient-form">
      <SelectField
        label="Patient"
        name="patientId"
        placeholder="Choose a patient…"
        options={withEmail.map((p) => ({ value: p.id, label: `${p.label} · ${p.email}` }))}
        defaultValue={keep.text('patientId')}
        errors={errors.patientId}
      />
      {withoutEmail > 0 && (
        <p className="text-xs text-slate-600">
          {withoutEmail} {withoutEmail === 1 ? 'patient has' : 'patients have'} no email on their record and {withoutEmail === 1 ? 'is' : 'are'} not listed: add an email on the patient&apos;s page first.
        </p>
      )}
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Creating link…" disabled={withEmail.length === 0}>
        Create portal invitation
      </SubmitButton>
    </form>
  );
}
