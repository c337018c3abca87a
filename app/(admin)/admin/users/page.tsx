import type { Metadata } from 'next';
import { ButtonLink, PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listUsers } from '@/lib/data/users';
import { firstValues, userListParams } from '@/lib/validation/admin';
import { formatDateTime } from '../_components/format';
import { UsersTable, type UserTableRow } from './users-table';

export const metadata: Metadata = { title: 'Accounts' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('user:manage');
  const params = userListParams.parse(firstValues(await searchParams));
  const result = await listUsers(actor, { search: params.q, role: params.role, status: params.status, sort: params.sort, dir: params.dir, page: params.page, pageSize: 25 });
  const rows: UserTableRow[] = result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    roles: r.roles,
    status: r.status,
    lastSignIn: r.lastSignInAt ? formatDateTime(r.lastSignInAt, actor.timeZone) : 'Never',
    inviteNote:
      r.status === 'invited'
        ? r.inviteExpiresAt
          ? `Link valid until ${formatDateTime(r.inviteExpiresAt, actor.timeZone)}`
          : 'Link expired: send a new one'
        : null,
    activePatients: r.activePatients,
    isYou: r.id === actor.userId,
  }));
  return (
    <div>
      <PageHeader title="Accounts">
        <ButtonLink href="/admin/users/invite">Invite someone</ButtonLink>
      </PageHeader>
      <p className="-mt-4 mb-4 max-w-3xl text-sm text-slate-600">
        Everyone who can sign in to your practice: staff and patients with portal access. Open an account to change roles, deactivate it, issue a password reset
        link or hand a physio&apos;s patients to a colleague.
      </p>
      <UsersTable result={{ ...result, rows }} params={params} />
    </div>
  );
}
