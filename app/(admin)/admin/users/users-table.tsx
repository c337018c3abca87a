'use client';

import Link from 'next/link';
import { Pager, ServerTable, useUrlTableState, type ServerColumn } from '@/app/_components/server-table';
import { Badge } from '@/app/_components/ui';
import { formatRoles, orderRoles } from '@/lib/format';
import type { UserListParams } from '@/lib/validation/admin';
import { ROLE_LABELS, STATUS_LABELS, STATUS_TONES } from '../_components/format';

export type UserTableRow = {
  id: string;
  name: string;
  email: string;
  roles: string[];
  status: 'invited' | 'active' | 'deactivated';
  lastSignIn: string;
  inviteNote: string | null;
  activePatients: number;
  isYou: boolean;
};

type Result = { rows: UserTableRow[]; total: number; page: number; pageSize: number };

const columns: ServerColumn<UserTableRow>[] = [
  {
    id: 'name',
    header: 'Name',
    accessorFn: (r) => r.name,
    cell: ({ row }) => (
      <Link href={`/admin/users/${row.original.id}`} className="font-medium text-brand-800 hover:underline">
        {row.original.name}
        {row.original.isYou && <span className="ml-1 text-slate-500">(you)</span>}
      </Link>
    ),
  },
  { id: 'email', header: 'Email', accessorFn: (r) => r.email, cell: ({ row }) => <span className="break-all">{row.original.email}</span> },
  {
    id: 'roles',
    header: 'Role',
    enableSorting: false,
    accessorFn: (r) => formatRoles(r.roles),
    cell: ({ row }) => (
      <span className="flex flex-wrap gap-1">
        {orderRoles(row.original.roles).map((r) => (
          <Badge key={r} tone={r === 'admin' ? 'brand' : 'slate'}>{ROLE_LABELS[r] ?? r}</Badge>
        ))}
      </span>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (r) => r.status,
    cell: ({ row }) => (
      <span>
        <Badge tone={STATUS_TONES[row.original.status]}>{STATUS_LABELS[row.original.status]}</Badge>
        {row.original.inviteNote && <span className="block text-xs text-slate-600">{row.original.inviteNote}</span>}
      </span>
    ),
  },
  { id: 'lastSignIn', header: 'Last sign-in', accessorFn: (r) => r.lastSignIn, cell: ({ row }) => <span className="whitespace-nowrap">{row.original.lastSignIn}</span> },
  {
    id: 'patients',
    header: 'Active patients',
    enableSorting: false,
    accessorFn: (r) => r.activePatients,
    cell: ({ row }) => (row.original.roles.includes('physio') ? row.original.activePatients : <span className="text-slate-500">—</span>),
  },
];

/** Server-side search, filters, sorting and paging; the URL holds the state. */
export function UsersTable({ result, params }: { result: Result; params: UserListParams }) {
  const { navigate, clear, pending, search, setSearch } = useUrlTableState(params);
  const filtered = Boolean(params.q || params.role || params.status);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
        <div className="min-w-60 flex-1">
          <label htmlFor="user-search" className="block text-sm font-medium">Search name or email</label>
          <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 px-3" placeholder="e.g. Lee" />
        </div>
        <div>
          <label htmlFor="user-role" className="block text-sm font-medium">Role</label>
          <select id="user-role" value={params.role ?? ''} onChange={(e) => navigate({ role: e.target.value || undefined })} className="mt-1 block min-h-11 rounded-lg border border-slate-300 bg-white px-2">
            <option value="">Everyone</option>
            <option value="staff">Staff (physios and admins)</option>
            <option value="physio">Physios</option>
            <option value="admin">Admins</option>
            <option value="patient">Patients</option>
          </select>
        </div>
        <div>
          <label htmlFor="user-status" className="block text-sm font-medium">Status</label>
          <select id="user-status" value={params.status ?? ''} onChange={(e) => navigate({ status: e.target.value || undefined })} className="mt-1 block min-h-11 rounded-lg border border-slate-300 bg-white px-2">
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="invited">Invited</option>
            <option value="deactivated">Deactivated</option>
          </select>
        </div>
        {filtered && (
          <button type="button" onClick={clear} className="min-h-11 rounded-lg px-3 text-sm font-medium text-brand-800 hover:underline">
            Clear filters
          </button>
        )}
      </div>
      <ServerTable
        columns={columns}
        rows={result.rows}
        getRowId={(row) => row.id}
        sort={{ id: params.sort ?? 'name', desc: params.dir === 'desc' }}
        onSort={(id, desc) => navigate({ sort: id, dir: desc ? 'desc' : 'asc' })}
        pending={pending}
        caption={`Accounts, page ${result.page}, sorted by ${params.sort ?? 'name'}`}
        testId="users-table"
        emptyText="No accounts match these filters."
      />
      <Pager total={result.total} page={result.page} pageSize={result.pageSize} noun={['account', 'accounts']} testId="users-total" onPage={(page) => navigate({ page: String(page) })} />
    </div>
  );
}
