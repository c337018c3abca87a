'use client';

import { useState } from 'react';
import { CheckboxGroup, FormMessage, SubmitButton, TextField } from '@/app/_components/form';
import { keptValues, useServerForm } from '@/app/_components/use-server-form';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { LinkResult } from '../../_components/link-result';

/** Invite a physio or admin; "Invite someone else" starts a fresh form (a new key, a new action state). */
export function InviteStaffForm() {
  const [round, setRound] = useState(0);
  return <InviteStaffRound key={round} onAgain={() => setRound((r) => r + 1)} />;
}

function InviteStaffRound({ onAgain }: { onAgain: () => void }) {
  const [invited, setInvited] = useState<string | undefined>();
  const { state, formAction, errors, keep } = useServerForm(inviteStaffAction, (_data, sent) => setInvited(keptValues(sent).text('email')));
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <LinkResult url={state.data.url} emailed={state.data.emailed} email={invited} purpose="invite" />
        <button type="button" onClick={onAgain} className="min-h-11 rounded-lg px-4 text-sm font-semibold text-brand-800 ring-1 ring-slate-300 hover:bg-slate-50">
          Invite someone else
        </button>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate className="space-y-4" data-testid="invite-staff-form">
      <TextField label="Full name" name="name" autoComplete="off" defaultValue={keep.text('name')} errors={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="off" defaultValue={keep.text('email')} errors={errors.email} hint="This becomes their login." />
      <CheckboxGroup
        legend="Role"
        name="roles"
        defaultValues={keep.list('roles', ['physio'])}
        options={[
          { value: 'physio', label: 'Physio' },
          { value: 'admin', label: 'Admin' },
        ]}
        errors={[...(errors.roles ?? []), ...(errors['roles.0'] ?? []), ...(errors['roles.1'] ?? [])]}
      />
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Creating link…">
        Create invitation
      </SubmitButton>
    </form>
  );
}
