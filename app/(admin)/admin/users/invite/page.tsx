import type { Metadata } from 'next';
import { Card, PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listPatientOptions } from '@/lib/data/patient-options';
import { env } from '@/lib/env';
import { InvitePatientForm } from './invite-patient-form';
import { InviteStaffForm } from './invite-staff-form';

export const metadata: Metadata = { title: 'Invite someone' };

export default async function InvitePage() {
  const actor = await requirePageActor('user:manage');
  const patients = await listPatientOptions(actor, { withoutAccount: true });
  const emailOn = Boolean(env().SMTP_URL);
  return (
    <div className="space-y-6">
      <PageHeader title="Invite someone" back={{ href: '/admin/users', label: 'Accounts' }} />
      <p className="-mt-4 max-w-3xl text-sm text-slate-600">
        {emailOn
          ? 'The invitation is emailed, and you also get the link to copy. '
          : 'Email is not set up for this practice, so nothing is sent: you get a link to copy and send yourself (by email, text or in person). '}
        The link works once and expires after 7 days; they choose their own password with it.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">A physio or admin</h2>
          <p className="mb-4 text-sm text-slate-600">Physios see patients and their clinical records. Admins manage accounts, settings and the audit log. Practice owners are usually both.</p>
          <InviteStaffForm />
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">A patient (portal access)</h2>
          <p className="mb-4 text-sm text-slate-600">For a patient record that has no login yet. Their email on the record becomes their login.</p>
          <InvitePatientForm
            patients={patients.map((p) => ({ id: p.id, label: `${p.lastName}, ${p.firstName}${p.dateOfBirth ? ` (born ${p.dateOfBirth})` : ''}`, email: p.email }))}
          />
        </Card>
      </div>
    </div>
  );
}
