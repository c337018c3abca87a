import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/app/_components/ui';
import { can } from '@/lib/access/policy';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listAuditEvents, type AuditRow } from '@/lib/data/audit-log';
import { listPatientOptions } from '@/lib/data/patient-options';
import { listStaff } from '@/lib/data/users';
import { describeUserAgent } from '@/lib/audit/user-agent';
import { AUDIT_ACTION_FILTERS, auditActionLabel } from '@/lib/audit/actions';
import { auditDetails } from '@/lib/audit/details';
import { auditListParams, firstValues, type AuditListParams } from '@/lib/validation/admin';
import { formatDateTime } from '../_components/format';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

function query(params: AuditListParams, changes: Partial<Record<keyof AuditListParams, string | number | undefined>> = {}) {
  const merged = { ...params, ...changes };
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') out.set(k, String(v));
  return out.size ? `?${out}` : '';
}

/** A practice manager sees that it happened, not the clinical content (lib/access/policy.ts). */
const details = (row: AuditRow) => (row.clinicalHidden ? 'Clinical details: physios only' : auditDetails(row.action, row.meta));

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('audit:read');
  const params = auditListParams.parse(firstValues(await searchParams));
  const [result, staff, patients] = await Promise.all([
    listAuditEvents(actor, { personId: params.person, patientId: params.patient, action: params.action, from: params.from, to: params.to, page: params.page, pageSize: PAGE_SIZE }),
    listStaff(actor),
    listPatientOptions(actor, { includeArchived: true }),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const filtered = Boolean(params.person || params.patient || params.action || params.from || params.to);
  const csvHref = `/api/admin/audit.csv${query({ ...params, page: undefined })}`;
  const select = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2';
  return (
    <div className="space-y-4">
      <PageHeader title="Audit log">
        <a href={csvHref} download className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50" data-testid="audit-csv">
          Download CSV
        </a>
      </PageHeader>
      <p className="-mt-4 max-w-3xl text-sm text-slate-600">
        Every sign-in, every change and every staff view of a patient record in your practice: who, what, when and from where. Entries cannot be edited or deleted. Times are in {actor.timeZone.replace(/_/g, ' ')}.
        {!can(actor, 'audit:readClinical') && ' The clinical details of an event (pain scores, red flags, alert tiers, reasons, notes) are shown to physios only, here and in the CSV.'}
      </p>
      <form method="get" className="grid gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filter the audit log">
        <div className="lg:col-span-2">
          <label htmlFor="audit-person" className="block text-sm font-medium">Person (did it, or whose account)</label>
          <select id="audit-person" name="person" defaultValue={params.person ?? ''} className={select}>
            <option value="">Anyone</option>
            {staff.map((s) => <option key={s.id} value={s.id}>{s.name}{s.status !== 'active' ? ` (${s.status})` : ''}</option>)}
          </select>
        </div>
        <div className="lg:col-span-2">
          <label htmlFor="audit-patient" className="block text-sm font-medium">Patient</label>
          <select id="audit-patient" name="patient" defaultValue={params.patient ?? ''} className={select}>
            <option value="">Any patient</option>
            {patients.map((p) => <option key={p.id} value={p.id}>{p.lastName}, {p.firstName}{p.dateOfBirth ? ` (${p.dateOfBirth})` : ''}</option>)}
          </select>
        </div>
        <div className="lg:col-span-2">
          <label htmlFor="audit-action" className="block text-sm font-medium">What happened</label>
          <select id="audit-action" name="action" defaultValue={params.action ?? ''} className={select}>
            <option value="">Anything</option>
            {AUDIT_ACTION_FILTERS.map((value) => <option key={value} value={value}>{value.includes('.') ? `\u00a0\u00a0${auditActionLabel(value)}` : auditActionLabel(value)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">From</label>
          <input id="audit-from" type="date" name="from" defaultValue={params.from ?? ''} className={select} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">To</label>
          <input id="audit-to" type="date" name="to" defaultValue={params.to ?? ''} className={select} />
        </div>
        <div className="flex items-end gap-2 lg:col-span-4">
          <button type="submit" className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">Apply filters</button>
          {filtered && <Link href="/admin/audit" className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-brand-800 hover:underline">Clear filters</Link>}
        </div>
      </form>

      <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200">
        <table className="min-w-full text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit events, newest first, page {result.page} of {pages}</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">When</th>
              <th scope="col" className="px-3 py-2 font-medium">Who</th>
              <th scope="col" className="px-3 py-2 font-medium">What</th>
              <th scope="col" className="px-3 py-2 font-medium">About</th>
              <th scope="col" className="px-3 py-2 font-medium">Details</th>
              <th scope="col" className="px-3 py-2 font-medium">IP and browser</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(row.createdAt, actor.timeZone)}</td>
                <td className="px-3 py-2">{row.actorName ?? <span className="text-slate-500">System</span>}</td>
                <td className="px-3 py-2">
                  <span className={row.action === 'sign_in.failure' ? 'font-medium text-red-800' : 'font-medium'}>{auditActionLabel(row.action)}</span>
                </td>
                <td className="px-3 py-2">
                  {row.subjectName && row.subjectName !== row.actorName && <span className="block">{row.subjectName}</span>}
                  {row.patientName && row.patientId && (
                    <Link href={`/admin/audit${query({}, { patient: row.patientId })}`} className="block text-brand-800 hover:underline">{row.patientName}</Link>
                  )}
                  {(!row.subjectName || row.subjectName === row.actorName) && !row.patientName && <span className="text-slate-500">—</span>}
                </td>
                <td className={`max-w-md break-words px-3 py-2 ${row.clinicalHidden ? 'italic text-slate-500' : 'text-slate-700'}`}>{details(row) || '—'}</td>
                <td className="px-3 py-2 text-slate-600">
                  <span className="block font-mono text-xs">{row.ip ?? '—'}</span>
                  {row.userAgent && <span className="block max-w-48 text-xs" title={row.userAgent} data-testid="audit-browser">{describeUserAgent(row.userAgent)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.rows.length === 0 && <p className="p-8 text-center text-slate-600">No events match these filters.</p>}
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between text-sm">
        <span className="text-slate-600" data-testid="audit-total">{result.total} {result.total === 1 ? 'event' : 'events'} · page {result.page} of {pages}</span>
        <div className="flex gap-2">
          {result.page > 1 ? <Link href={`/admin/audit${query(params, { page: result.page - 1 })}`} className="inline-flex min-h-11 items-center rounded-lg px-3 ring-1 ring-slate-300">Previous</Link> : <span aria-disabled="true" className="inline-flex min-h-11 items-center rounded-lg px-3 text-slate-500 ring-1 ring-slate-200">Previous</span>}
          {result.page < pages ? <Link href={`/admin/audit${query(params, { page: result.page + 1 })}`} className="inline-flex min-h-11 items-center rounded-lg px-3 ring-1 ring-slate-300">Next</Link> : <span aria-disabled="true" className="inline-flex min-h-11 items-center rounded-lg px-3 text-slate-500 ring-1 ring-slate-200">Next</span>}
        </div>
      </nav>
    </div>
  );
}
