'use client';

import { useState } from 'react';
import { CheckboxGroup, FormMessage, SubmitButton, TextField } from '@/app/_components/form';
import { useFormAction } from '@/app/_components/use-form-action';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { LinkResult } from '../../_components/link-result';

export function InviteStaffForm() {
  const [invited, setInvited] = useState<string | undefined>();
  const { state, pending, onSubmit, errors, reset } = useFormAction(inviteStaffAction, (_data, form) => {
    setInvited(String(new FormData(form).get('email') ?? ''));
  });
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <LinkResult url={state.data.url} emailed={state.data.emailed} email={invited} purpose="invite" />
        <button type="button" onClick={reset} className="min-h-11 rounded-lg px-4 text-sm font-semibold text-brand-800 ring-1 ring-slate-300 hover:bg-slate-50">
          Invite someone else
        </button>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="invite-staff-form">
      <TextField label="Full name" name="name" autoComplete="off" errors={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="off" errors={errors.email} hint="This becomes their login." />
      <CheckboxGroup
        legend="Role"
        name="roles"
        defaultValues={['physio']}
        options={[
          { value: 'physio', label: 'Physio' },
          { value: 'admin', label: 'Admin' },
        ]}
        errors={[...(errors.roles ?? []), ...(errors['roles.0'] ?? []), ...(errors['roles.1'] ?? [])]}
      />
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingLabel="Creating link…">
        Create invitation
      </SubmitButton>
    </form>
  );
}
