'use client';

import { useState } from 'react';
import { CheckboxGroup, FormMessage, SelectField, SubmitButton } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { useServerForm } from '@/app/_components/use-server-form';
import { changeUserRolesAction } from '@/lib/actions/admin/change-user-roles';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { reassignPatientsAction } from '@/lib/actions/admin/reassign-patients';
import { resendInviteAction } from '@/lib/actions/admin/resend-invite';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { LinkResult } from '../../_components/link-result';

type UserSummary = { id: string; name: string; email: string; status: 'invited' | 'active' | 'deactivated'; hasPassword: boolean };

const Done = ({ children }: { children: React.ReactNode }) => (
  <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-900">{children}</p>
);

/** Sign-in access: deactivate / reactivate, and a password reset or a fresh invitation link. */
export function AccessCard({ user, isYou }: { user: UserSummary; isYou: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const status = useServerForm(setUserStatusAction, () => setConfirming(false));
  const link = useServerForm(user.status === 'invited' ? resendInviteAction : issuePasswordResetAction);
  const deactivating = user.status !== 'deactivated';
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">Access</h2>
      {user.status === 'deactivated' ? (
        <p className="text-sm text-slate-600">This account cannot sign in. Reactivating lets {user.name} sign in again{user.hasPassword ? ' with their existing password' : ' once they accept a new invitation'}.</p>
      ) : (
        <p className="text-sm text-slate-600">Deactivating ends {isYou ? 'your' : `${user.name}'s`} open sessions at once: the next click they make sends them to the sign-in page. Nothing they recorded is deleted.</p>
      )}
      {status.state?.ok && <Done>{status.state.data.status === 'deactivated' ? 'Deactivated: their sessions have ended.' : status.state.data.status === 'invited' ? 'Reactivated. They have no password yet: send a new invitation.' : 'Reactivated: they can sign in again.'}</Done>}
      <FormMessage state={status.state} />
      {deactivating && !confirming && !isYou && (
        <button type="button" onClick={() => setConfirming(true)} className="min-h-11 rounded-lg bg-white px-4 font-semibold text-red-800 ring-1 ring-red-300 hover:bg-red-50">
          Deactivate account…
        </button>
      )}
      {deactivating && isYou && <p className="text-sm text-slate-600">You cannot deactivate your own account; another admin can.</p>}
      {(confirming || !deactivating) && (
        <form action={status.formAction} className="flex flex-wrap items-center gap-2 rounded-xl bg-slate-50 p-3">
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="status" value={deactivating ? 'deactivated' : 'active'} />
          {deactivating && <p className="w-full text-sm font-medium">Deactivate {user.name} now?</p>}
          <SubmitButton variant={deactivating ? 'danger' : 'primary'} pendingLabel="Saving…">
            {deactivating ? `Yes, deactivate ${user.name}` : 'Reactivate account'}
          </SubmitButton>
          {deactivating && (
            <button type="button" onClick={() => setConfirming(false)} className="min-h-11 rounded-lg px-4 text-sm font-medium ring-1 ring-slate-300">
              Cancel
            </button>
          )}
        </form>
      )}
      {user.status !== 'deactivated' && (
        <div className="space-y-3 border-t border-slate-100 pt-4">
          <h3 className="font-medium">{user.status === 'invited' ? 'Invitation' : 'Password'}</h3>
          <p className="text-sm text-slate-600">
            {user.status === 'invited'
              ? `${user.name} has not chosen a password yet. A new invitation link replaces any earlier one.`
              : `A reset link lets ${user.name} choose a new password. Their current password keeps working until they use it; then every open session of theirs ends.`}
          </p>
          {link.state?.ok ? (
            <LinkResult url={link.state.data.url} emailed={link.state.data.emailed} email={user.email} purpose={user.status === 'invited' ? 'invite' : 'reset'} />
          ) : (
            <form action={link.formAction}>
              <input type="hidden" name="userId" value={user.id} />
              <FormMessage state={link.state} />
              <SubmitButton variant="secondary" pendingLabel="Creating link…">
                {user.status === 'invited' ? 'Create a new invitation link' : 'Create a password reset link'}
              </SubmitButton>
            </form>
          )}
        </div>
      )}
    </Card>
  );
}

export function RolesForm({ userId, roles, isYou }: { userId: string; roles: string[]; isYou: boolean }) {
  const { state, formAction, errors, keep } = useServerForm(changeUserRolesAction);
  return (
    <Card>
      <form action={formAction} noValidate className="space-y-4">
        <h2 className="text-lg font-semibold">Role</h2>
        <input type="hidden" name="userId" value={userId} />
        <CheckboxGroup
          legend="This person is a"
          name="roles"
          defaultValues={keep.list('roles', roles)}
          options={[
            { value: 'physio', label: 'Physio: patients and clinical records' },
            { value: 'admin', label: 'Admin: accounts, settings, audit log' },
          ]}
          errors={[...(errors.roles ?? []), ...(errors['roles.0'] ?? []), ...(errors['roles.1'] ?? [])]}
        />
        <p className="text-sm text-slate-600">
          The change applies on their next click.{isYou ? ' Changing your own role signs you out; sign in again to continue. A role you give yourself needs another admin to make the change, when the practice has one.' : ''} The practice always keeps at least one active admin.
        </p>
        {state?.ok && <Done>Role saved.</Done>}
        <FormMessage state={state} />
        <SubmitButton variant="secondary">Save role</SubmitButton>
      </form>
    </Card>
  );
}

export function ReassignForm({ fromUserId, name, counts, physios }: { fromUserId: string; name: string; counts: { active: number; all: number }; physios: { value: string; label: string }[] }) {
  const { state, formAction, errors, keep } = useServerForm(reassignPatientsAction);
  return (
    <Card>
      <form action={formAction} noValidate className="space-y-4">
        <h2 className="text-lg font-semibold">Patients</h2>
        <p className="text-sm text-slate-600">
          {name} is the treating physio of <strong>{counts.active}</strong> active {counts.active === 1 ? 'patient' : 'patients'}
          {counts.all !== counts.active ? ` (${counts.all} including discharged and archived)` : ''}. When someone leaves, hand all of them to a colleague in one step.
        </p>
        <input type="hidden" name="fromUserId" value={fromUserId} />
        {state?.ok && <Done>{state.data.moved} {state.data.moved === 1 ? 'patient' : 'patients'} moved.</Done>}
        {counts.all === 0 ? null : physios.length === 0 ? (
          <p className="text-sm text-slate-600">There is no other active physio to hand them to.</p>
        ) : (
          <>
            <SelectField label="Hand all their patients to" name="toUserId" placeholder="Choose a physio…" options={physios} defaultValue={keep.text('toUserId')} errors={errors.toUserId} />
            <FormMessage state={state} />
            <SubmitButton variant="secondary" pendingLabel="Moving…">Move all {counts.all} patients</SubmitButton>
          </>
        )}
      </form>
    </Card>
  );
}
