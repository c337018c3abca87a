'use client';

import { useState } from 'react';
import { SubmitButton } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { formatDateTime } from '@/lib/format';
import { invitePatientAction } from '@/lib/actions/invites/invite-patient';

type Account = { status: 'invited' | 'active' | 'deactivated'; lastSignInAt: Date | null } | null;

/** Portal access from the patient page: a one-time link to copy, or an email when SMTP is set up. */
export function PortalInvite({ patientId, hasEmail, account, timeZone }: { patientId: string; hasEmail: boolean; account: Account; timeZone: string }) {
  const { state, formAction } = useServerForm(invitePatientAction);
  const [copied, setCopied] = useState(false);
  // Only an invitation that could not be emailed comes back with its link, to copy.
  const link = state?.ok ? state.data.url : null;
  const status = account?.status === 'active' ? `Portal: active${account.lastSignInAt ? `, last sign-in ${formatDateTime(account.lastSignInAt, timeZone)}` : ', not signed in yet'}` : account?.status === 'invited' ? 'Portal: invited, not accepted yet' : account?.status === 'deactivated' ? 'Portal: access turned off' : 'No portal login yet';
  return (
    <div className="rounded-xl bg-slate-50 p-3 text-sm" data-testid="portal-invite">
      <p className="text-slate-700">{status}</p>
      {account?.status !== 'active' && account?.status !== 'deactivated' && (
        hasEmail ? (
          <form action={formAction} className="mt-2">
            <input type="hidden" name="patientId" value={patientId} />
            <SubmitButton variant="secondary" pendingLabel="Creating link…">{account ? 'New invite link' : 'Invite to the portal'}</SubmitButton>
          </form>
        ) : (
          <p className="mt-1 text-slate-600">Add an email address to invite this patient.</p>
        )
      )}
      {state && !state.ok && <p role="alert" className="mt-2 text-red-700">{state.message}</p>}
      {state?.ok && (
        <div className="mt-2 space-y-1">
          <p className="font-medium text-green-800">{link === null ? 'Invitation emailed. The link is valid for 7 days.' : 'Copy this one-time link to the patient (valid for 7 days):'}</p>
          {link !== null && (
            <div className="flex gap-2">
              <input readOnly value={link} aria-label="Invitation link" className="min-h-11 flex-1 rounded-lg border border-slate-300 bg-white px-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" className="min-h-11 rounded-lg px-3 ring-1 ring-slate-300" onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false))}>
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
