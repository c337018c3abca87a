'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { Pager, ServerTable, useUrlTableState, type ServerColumn } from '@/app/_components/server-table';
import { ALERT_LABELS } from '@/app/_components/alert-badge';
import { dayLabel } from '@/app/_components/portal-format';
import { Badge, humanize } from '@/app/_components/ui';
import type { PatientListRow } from '@/lib/data/patients';
import type { PatientListParams } from '@/lib/validation/patient-list';

type Result = { rows: PatientListRow[]; total: number; page: number; pageSize: number; adherenceLowPct: number };

const severityTone = { urgent: 'red', high: 'red', medium: 'amber', low: 'slate' } as const;

/** "Today", "Yesterday" or "Tue 4 Nov" on one line, with the full date on hover. */
function Day({ date, today }: { date: string | null; today: string }) {
  if (!date) return <>—</>;
  return <time dateTime={date} title={date} className="whitespace-nowrap">{dayLabel(date, today)}</time>;
}

const alertLabel = (kind: string) => ALERT_LABELS[kind as keyof typeof ALERT_LABELS] ?? humanize(kind);

function columns(clinical: boolean, today: string, adherenceLowPct: number): ServerColumn<PatientListRow>[] {
  const all: (ServerColumn<PatientListRow> & { clinicalOnly?: boolean })[] = [
    {
      id: 'name',
      header: 'Name',
      accessorFn: (r) => `${r.lastName}, ${r.firstName}`,
      cell: ({ row }) => (
        <Link href={`/patients/${row.original.id}`} className="font-medium text-brand-800 hover:underline">
          {row.original.lastName}, {row.original.firstName}
        </Link>
      ),
    },
    { id: 'age', header: 'Age', accessorFn: (r) => r.age, cell: ({ row }) => row.original.age ?? '—' },
    { id: 'condition', header: 'Condition', enableSorting: false, accessorFn: (r) => r.condition, cell: ({ row }) => <span className="line-clamp-2">{row.original.condition ?? '—'}</span>, clinicalOnly: true },
    { id: 'physio', header: 'Physio', accessorFn: (r) => r.treatingPhysioName, cell: ({ row }) => row.original.treatingPhysioName ?? '—' },
    { id: 'status', header: 'Status', accessorFn: (r) => r.status, cell: ({ row }) => <Badge tone={row.original.status === 'active' ? 'green' : 'slate'}>{humanize(row.original.status)}</Badge> },
    {
      id: 'lastPain',
      header: 'Last pain',
      accessorFn: (r) => r.lastPain?.date ?? null,
      cell: ({ row }) => (row.original.lastPain ? <span className="whitespace-nowrap"><strong>{row.original.lastPain.score}/10</strong> <span className="text-slate-600"><Day date={row.original.lastPain.date} today={today} /></span></span> : '—'),
      clinicalOnly: true,
    },
    { id: 'lastActivity', header: 'Last activity', accessorFn: (r) => r.lastActivityDate, cell: ({ row }) => <Day date={row.original.lastActivityDate} today={today} />, clinicalOnly: true },
    {
      id: 'adherence',
      header: 'Adherence 14 d',
      accessorFn: (r) => r.adherencePct,
      cell: ({ row }) => {
        const pct = row.original.adherencePct;
        if (row.original.adherence === 'no-program') return <span className="text-slate-500">No program</span>;
        // A program younger than 7 days has no figure yet: not 0%.
        if (pct === null) return <span className="text-slate-500" title="Fewer than 7 program days">— too early</span>;
        return <span className={pct < adherenceLowPct ? 'font-semibold text-amber-800' : ''}>{Math.round(pct)}%</span>;
      },
      clinicalOnly: true,
    },
    {
      id: 'alerts',
      header: 'Alerts',
      enableSorting: false,
      accessorFn: (r) => r.alerts?.count ?? 0,
      cell: ({ row }) => {
        const a = row.original.alerts;
        if (!a || a.count === 0) return <span className="text-slate-500">None</span>;
        return <Badge tone={severityTone[(a.top as keyof typeof severityTone) ?? 'low'] ?? 'slate'}>{a.count} · {a.kinds.map(alertLabel).join(', ')}</Badge>;
      },
      clinicalOnly: true,
    },
  ];
  return all.filter((c) => clinical || !c.clinicalOnly);
}

/** Server-side paging, sorting and filtering: the table renders one page; the URL holds the state. */
export function PatientsTable({ result, params, physios, clinical, today }: { result: Result; params: PatientListParams; physios: { id: string; name: string }[]; clinical: boolean; today: string }) {
  const { navigate, pending, search, setSearch } = useUrlTableState(params);
  const cols = useMemo(() => columns(clinical, today, result.adherenceLowPct), [clinical, today, result.adherenceLowPct]);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
        <div className="min-w-60 flex-1">
          <label htmlFor="patient-search" className="block text-sm font-medium">Search name or email</label>
          <input id="patient-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 px-3" placeholder="e.g. Shah" />
        </div>
        <div>
          <label htmlFor="patient-status" className="block text-sm font-medium">Status</label>
          <select id="patient-status" value={params.status ?? 'active'} onChange={(e) => navigate({ status: e.target.value })} className="mt-1 block min-h-11 rounded-lg border border-slate-300 bg-white px-2">
            <option value="active">Active</option>
            <option value="discharged">Discharged</option>
            <option value="archived">Archived</option>
            <option value="all">All</option>
          </select>
        </div>
        <div>
          <label htmlFor="patient-physio" className="block text-sm font-medium">Physio</label>
          <select id="patient-physio" value={params.physio ?? ''} onChange={(e) => navigate({ physio: e.target.value || undefined })} className="mt-1 block min-h-11 rounded-lg border border-slate-300 bg-white px-2">
            <option value="">Everyone</option>
            {physios.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        {clinical && (
          <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={params.alerts === '1'} onChange={(e) => navigate({ alerts: e.target.checked ? '1' : undefined })} className="size-4" />
            Has open alerts
          </label>
        )}
      </div>
      <ServerTable
        columns={cols}
        rows={result.rows}
        getRowId={(row) => row.id}
        sort={{ id: params.sort ?? 'name', desc: params.dir === 'desc' }}
        onSort={(id, desc) => navigate({ sort: id, dir: desc ? 'desc' : 'asc' })}
        pending={pending}
        caption={`Patients, page ${result.page}, sorted by ${params.sort ?? 'name'}`}
        testId="patients-table"
        emptyText="No patients match these filters."
      />
      <Pager total={result.total} page={result.page} pageSize={result.pageSize} noun={['patient', 'patients']} testId="patients-total" onPage={(page) => navigate({ page: String(page) })} />
    </div>
  );
}
