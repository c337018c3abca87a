import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Badge, Card, PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getUser, listStaff } from '@/lib/data/users';
import { isAppError } from '@/lib/errors';
import { formatRoles } from '@/lib/format';
import { formatDateTime, STATUS_LABELS, STATUS_TONES } from '../../_components/format';
import { TwoFactorCard } from './two-factor-reset';
import { AccessCard, ReassignForm, RolesForm } from './user-actions';

export const metadata: Metadata = { title: 'Account' };

async function load(actor: Awaited<ReturnType<typeof requirePageActor>>, userId: string) {
  if (!z.uuid().safeParse(userId).success) notFound();
  try {
    return await getUser(actor, userId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requirePageActor('user:manage');
  const { userId } = await params;
  const user = await load(actor, userId);
  const isPatientAccount = user.roles.includes('patient');
  const physios = isPatientAccount ? [] : (await listStaff(actor, { activePhysiosOnly: true })).filter((p) => p.id !== user.id);
  const isYou = user.id === actor.userId;
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: '/admin/users', label: 'Accounts' }}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {user.name}
            {isYou && <span className="text-base font-normal text-slate-500">(you)</span>}
            <Badge tone={STATUS_TONES[user.status]}>{STATUS_LABELS[user.status]}</Badge>
          </span>
        }
      />
      <Card>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div><dt className="text-slate-500">Email (login)</dt><dd className="break-all font-medium">{user.email}</dd></div>
          <div><dt className="text-slate-500">Role</dt><dd className="font-medium">{formatRoles(user.roles)}</dd></div>
          <div><dt className="text-slate-500">Last sign-in</dt><dd className="font-medium">{user.lastSignInAt ? formatDateTime(user.lastSignInAt, actor.timeZone) : 'Never'}</dd></div>
          <div><dt className="text-slate-500">Account created</dt><dd className="font-medium">{formatDateTime(user.createdAt, actor.timeZone)}</dd></div>
          {user.patientName && user.patientId && (
            <div><dt className="text-slate-500">Patient record</dt><dd className="font-medium"><Link className="text-brand-800 hover:underline" href={`/patients/${user.patientId}`}>{user.patientName}</Link></dd></div>
          )}
          {user.status === 'invited' && (
            <div><dt className="text-slate-500">Invitation</dt><dd className="font-medium">{user.openLinkExpiresAt ? `Link valid until ${formatDateTime(user.openLinkExpiresAt, actor.timeZone)}` : 'No valid link: send a new one'}</dd></div>
          )}
        </dl>
        <p className="mt-4 text-sm">
          <Link className="font-medium text-brand-800 hover:underline" href={`/admin/audit?person=${user.id}`}>See this account&apos;s activity in the audit log →</Link>
        </p>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <AccessCard user={{ id: user.id, name: user.name, email: user.email, status: user.status, hasPassword: user.hasPassword }} isYou={isYou} />
        <TwoFactorCard userId={user.id} name={user.name} on={user.twoFactorOn} />
        {isPatientAccount ? (
          <Card>
            <h2 className="text-lg font-semibold">Role</h2>
            <p className="mt-1 text-sm text-slate-600">A patient account is only ever a patient, tied to one patient record. Its role cannot change.</p>
          </Card>
        ) : (
          <RolesForm userId={user.id} roles={user.roles} isYou={isYou} />
        )}
        {!isPatientAccount && (user.roles.includes('physio') || user.patients.all > 0) && (
          <ReassignForm
            fromUserId={user.id}
            name={user.name}
            counts={user.patients}
            physios={physios.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
      </div>
    </div>
  );
}
