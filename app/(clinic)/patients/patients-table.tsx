'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Pager, ServerTable, TableSearch, TableSelect, useUrlTableState, type ServerColumn } from '@/app/_components/server-table';
import { ALERT_LABELS, SEVERITY_CLASSES } from '@/app/_components/alert-badge';
import type { AlertSeverity } from '@/lib/analytics/alerts';
import { Badge, humanize } from '@/app/_components/ui';
import { formatDate, formatRelativeDate } from '@/lib/format';
import type { PatientListRow } from '@/lib/data/patients';
import type { PatientListParams } from '@/lib/validation/patient-list';

type Result = { rows: PatientListRow[]; total: number; page: number; pageSize: number; adherenceLowPct: number };


/** "Today", "Yesterday" or "4 Nov 2026" on one line. */
function Day({ date, today }: { date: string | null; today: string }) {
  if (!date) return <>—</>;
  return <time dateTime={date} title={formatDate(date)} className="whitespace-nowrap">{formatRelativeDate(date, today)}</time>;
}

const alertLabel = (kind: string) => ALERT_LABELS[kind as keyof typeof ALERT_LABELS] ?? humanize(kind);

const TOO_EARLY = 'Fewer than 7 program days: too early for an adherence figure. It appears after the first week.';

/**
 * 14-day adherence: a figure (amber and bold below the practice's alert level, as the alert
 * marks it), "too early" for a program younger than 7 days (never 0%), "—" without a program.
 */
function Adherence({ row, lowPct }: { row: PatientListRow; lowPct: number }) {
  const pct = row.adherencePct;
  if (row.adherence === 'no-program' || row.adherence === null) {
    return <span className="text-slate-600" title="No home program" data-adherence="no-program">—<span className="sr-only"> no program</span></span>;
  }
  if (pct === null) {
    return <span className="whitespace-nowrap text-slate-600" title={TOO_EARLY} data-adherence="too-early">too early</span>;
  }
  return <span className={pct < lowPct ? 'font-semibold text-amber-800' : ''} data-adherence="known">{Math.round(pct)}%</span>;
}

function LastPain({ row, today }: { row: PatientListRow; today: string }) {
  if (!row.lastPain) return <span className="text-slate-600">—</span>;
  return <span className="whitespace-nowrap"><strong>{row.lastPain.score}/10</strong> <span className="text-slate-600"><Day date={row.lastPain.date} today={today} /></span></span>;
}

/** The latest outcome-measure change (measureChange), e.g. "PSFS +2.7, improved". */
function Outcome({ row }: { row: PatientListRow }) {
  const o = row.outcome;
  if (!o) return <span className="text-slate-600">—</span>;
  const words = { improved: 'improved', worse: 'worse', 'no-change': 'no important change' }[o.verdict];
  const tone = o.verdict === 'improved' ? 'text-green-800' : o.verdict === 'worse' ? 'font-semibold text-amber-800' : 'text-slate-700';
  return <span className={`whitespace-nowrap ${tone}`} data-testid="outcome">{o.measure} {o.change > 0 ? '+' : ''}{Math.round(o.change * 10) / 10}, {words}</span>;
}

function Alerts({ row }: { row: PatientListRow }) {
  const a = row.alerts;
  if (!a || a.count === 0) return <span className="text-slate-600">None</span>;
  // The top severity's colour as on every alert badge: an emergency warning sign must not look like a minor alert.
  const tone = a.top !== null && a.top in SEVERITY_CLASSES ? SEVERITY_CLASSES[a.top as AlertSeverity] : SEVERITY_CLASSES.low;
  // A summary can wrap to several lines: rounded corners, not a pill that clips them.
  return <span className={`inline-flex items-center rounded-lg px-2 py-0.5 text-xs font-medium ${tone}`} data-testid="alerts-summary" data-severity={a.top ?? 'low'}>{a.count} · {a.kinds.map(alertLabel).join(', ')}</span>;
}

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
      cell: ({ row }) => <LastPain row={row.original} today={today} />,
      clinicalOnly: true,
    },
    { id: 'lastActivity', header: 'Last activity', accessorFn: (r) => r.lastActivityDate, cell: ({ row }) => <Day date={row.original.lastActivityDate} today={today} />, clinicalOnly: true },
    { id: 'outcome', header: 'Outcome', enableSorting: false, accessorFn: (r) => r.outcome?.change ?? null, cell: ({ row }) => <Outcome row={row.original} />, clinicalOnly: true },
    {
      id: 'adherence',
      header: 'Adherence 14 d',
      accessorFn: (r) => r.adherencePct,
      cell: ({ row }) => <Adherence row={row.original} lowPct={adherenceLowPct} />,
      clinicalOnly: true,
    },
    {
      id: 'alerts',
      header: 'Alerts',
      enableSorting: false,
      accessorFn: (r) => r.alerts?.count ?? 0,
      cell: ({ row }) => <Alerts row={row.original} />,
      clinicalOnly: true,
    },
  ];
  return all.filter((c) => clinical || !c.clinicalOnly);
}

/**
 * The phone layout (below md): one card per patient with alerts, last pain and adherence in
 * view, no sideways scrolling. The same page of rows as the table; sorting from a select.
 */
function PatientCards({ rows, clinical, today, lowPct, pending }: { rows: PatientListRow[]; clinical: boolean; today: string; lowPct: number; pending: boolean }) {
  if (rows.length === 0) return <p className="rounded-2xl bg-white p-8 text-center text-slate-600 ring-1 ring-slate-200 md:hidden">No patients match these filters.</p>;
  return (
    <ul className={`space-y-2 md:hidden ${pending ? 'opacity-60' : ''}`} aria-busy={pending} aria-label="Patients" data-testid="patients-cards">
      {rows.map((r) => (
        <li key={r.id} className="rounded-2xl bg-white p-4 ring-1 ring-slate-200" data-testid="patient-card">
          <div className="flex items-start justify-between gap-2">
            <Link href={`/patients/${r.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 hover:underline">
              {r.lastName}, {r.firstName}
            </Link>
            {r.status !== 'active' && <Badge tone="slate">{humanize(r.status)}</Badge>}
          </div>
          <p className="text-sm text-slate-600">
            {[r.age !== null ? `${r.age} y` : null, clinical ? r.condition : null, r.treatingPhysioName ?? 'No physio'].filter(Boolean).join(' · ')}
          </p>
          {clinical && (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">Alerts</dt>
              <dd><Alerts row={r} /></dd>
              <dt className="text-slate-600">Last pain</dt>
              <dd><LastPain row={r} today={today} /></dd>
              <dt className="text-slate-600">Adherence 14 d</dt>
              <dd><Adherence row={r} lowPct={lowPct} /></dd>
              <dt className="text-slate-600">Last activity</dt>
              <dd><Day date={r.lastActivityDate} today={today} /></dd>
              <dt className="text-slate-600">Outcome</dt>
              <dd><Outcome row={r} /></dd>
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}

const SORT_LABELS: Record<string, string> = { name: 'Name', age: 'Age', status: 'Status', physio: 'Physio', lastPain: 'Last pain', lastActivity: 'Last activity', adherence: 'Adherence' };
const CLINICAL_SORTS = ['lastPain', 'lastActivity', 'adherence'];
const STATUS_LABELS: Record<string, string> = { active: 'Active', discharged: 'Discharged', archived: 'Archived', all: 'All' };

/** "Age (descending)" for "age:desc", as the sort menu names it. */
function sortLabel(value: string): string {
  const [id = 'name', dir = 'asc'] = value.split(':');
  return `${SORT_LABELS[id] ?? humanize(id)} (${dir === 'desc' ? 'descending' : 'ascending'})`;
}

/** Server-side paging, sorting and filtering: the table renders one page; the URL holds the state. */
export function PatientsTable({ result, params, physios, clinical, today }: { result: Result; params: PatientListParams; physios: { id: string; name: string }[]; clinical: boolean; today: string }) {
  const { navigate, pending, search, setSearch, sorting, onPage } = useUrlTableState(params);
  const cols = useMemo(() => columns(clinical, today, result.adherenceLowPct), [clinical, today, result.adherenceLowPct]);
  const status = params.status ?? 'active';
  const sort = `${params.sort ?? 'name'}:${params.dir ?? 'asc'}`;
  const narrowed = status !== 'active' || Boolean(params.physio) || sort !== 'name:asc' || params.alerts === '1';
  // On a phone the filters fold under one button, so the first patient starts on the first screen;
  // they open by themselves when one is set, so a narrowed list always says why.
  const [filtersOpen, setFiltersOpen] = useState(narrowed);
  const filterSummary = [
    STATUS_LABELS[status] ?? status,
    physios.find((p) => p.id === params.physio)?.name ?? 'Everyone',
    sortLabel(sort),
    ...(params.alerts === '1' ? ['with open alerts'] : []),
  ].join(' · ');
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-x-3 gap-y-2 rounded-2xl bg-white p-3 ring-1 ring-slate-200 sm:gap-3 sm:p-4">
        <TableSearch id="patient-search" value={search} onChange={setSearch} placeholder="e.g. Shah" />
        <button
          type="button"
          aria-expanded={filtersOpen}
          aria-controls="patient-filters"
          onClick={() => setFiltersOpen((open) => !open)}
          className="flex min-h-11 w-full items-center justify-between gap-2 rounded-lg px-3 text-left text-sm ring-1 ring-slate-300 md:hidden"
          data-testid="patient-filters-toggle"
        >
          <span><span className="font-medium">Filters and sort</span> <span className="text-slate-600">({filterSummary})</span></span>
          <span aria-hidden="true">{filtersOpen ? '▲' : '▼'}</span>
        </button>
        <div id="patient-filters" className={`${filtersOpen ? 'flex' : 'hidden'} w-full flex-wrap items-end gap-x-3 gap-y-2 md:contents`}>
        <TableSelect id="patient-status" label="Status" value={status} onChange={(status) => navigate({ status })}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </TableSelect>
        <TableSelect id="patient-physio" label="Physio" value={params.physio ?? ''} onChange={(physio) => navigate({ physio: physio || undefined })}>
          <option value="">Everyone</option>
          {physios.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </TableSelect>
        {/* Phones have cards, not column headers: sort from here. */}
        <TableSelect
          id="patient-sort"
          label="Sort by"
          className="md:hidden"
          value={sort}
          onChange={(value) => {
            const [sort, dir] = value.split(':');
            navigate({ sort, dir });
          }}
        >
          {Object.entries(SORT_LABELS)
            .filter(([id]) => clinical || !CLINICAL_SORTS.includes(id))
            .flatMap(([id]) => [
              <option key={`${id}:asc`} value={`${id}:asc`}>{sortLabel(`${id}:asc`)}</option>,
              <option key={`${id}:desc`} value={`${id}:desc`}>{sortLabel(`${id}:desc`)}</option>,
            ])}
        </TableSelect>
        {clinical && (
          <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={params.alerts === '1'} onChange={(e) => navigate({ alerts: e.target.checked ? '1' : undefined })} className="size-4" />
            Has open alerts
          </label>
        )}
        </div>
      </div>
      <PatientCards rows={result.rows} clinical={clinical} today={today} lowPct={result.adherenceLowPct} pending={pending} />
      <div className="hidden md:block">
        <ServerTable
          columns={cols}
          rows={result.rows}
          getRowId={(row) => row.id}
          {...sorting}
          pending={pending}
          caption={`Patients, page ${result.page}, sorted by ${sorting.sort.id}`}
          testId="patients-table"
          emptyText="No patients match these filters."
        />
      </div>
      <Pager total={result.total} page={result.page} pageSize={result.pageSize} noun={['patient', 'patients']} testId="patients-total" onPage={onPage} />
    </div>
  );
}
