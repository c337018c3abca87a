'use client';

import Link from 'next/link';
import { Pager, ServerTable, TableSearch, TableSelect, useUrlTableState, type ServerColumn } from '@/app/_components/server-table';
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
  const { navigate, clear, pending, search, setSearch, sorting, onPage } = useUrlTableState(params);
  const filtered = Boolean(params.q || params.role || params.status);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
        <TableSearch id="user-search" value={search} onChange={setSearch} placeholder="e.g. Lee" />
        <TableSelect id="user-role" label="Role" value={params.role ?? ''} onChange={(role) => navigate({ role: role || undefined })}>
          <option value="">Everyone</option>
          <option value="staff">Staff (physios and admins)</option>
          <option value="physio">Physios</option>
          <option value="admin">Admins</option>
          <option value="patient">Patients</option>
        </TableSelect>
        <TableSelect id="user-status" label="Status" value={params.status ?? ''} onChange={(status) => navigate({ status: status || undefined })}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="invited">Invited</option>
          <option value="deactivated">Deactivated</option>
        </TableSelect>
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
        {...sorting}
        pending={pending}
        caption={`Accounts, page ${result.page}, sorted by ${sorting.sort.id}`}
        testId="users-table"
        emptyText="No accounts match these filters."
      />
      <Pager total={result.total} page={result.page} pageSize={result.pageSize} noun={['account', 'accounts']} testId="users-total" onPage={onPage} />
    </div>
  );
}
