import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkAcknowledgeForm } from './bulk-acknowledge-form';
import { AcknowledgeOneForm } from './acknowledge-one';
import { CaseloadList } from './caseload-list';
import { overdueMeasures } from '@/lib/data/measures';
import { ALERT_LABELS } from '@/app/_components/alert-badge';
import { telHref } from '@/lib/practice-contact';
import { can } from '@/lib/access/policy';
import { requirePageActor } from '@/lib/auth/require-actor';
import { ScreeningBanner } from '@/app/_components/screening-banner';
import { WarningSignCard } from '@/app/_components/warning-sign-card';
import { ALERT_KINDS, getCaseload, warningSignAlertIds } from '@/lib/data/caseload';
import { getWarningSignDetails } from '@/lib/data/safety-alerts';

export const metadata: Metadata = { title: 'Dashboard' };

type Search = { kind?: string; scope?: string; page?: string };

// Most urgent first, a page at a time: a large practice can have a thousand patients with alerts.
const PAGE_SIZE = 50;
// The alert counters: four across on a phone (two rows, so the patients start on the first screen).
const COUNTER = 'rounded-xl p-2 ring-1 sm:p-3';
const COUNTER_NUMBER = 'block text-xl font-bold sm:text-2xl';
const COUNTER_LABEL = 'block text-xs leading-tight sm:text-sm';

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor('alert:read');
  const search = await searchParams;
  const kind = ALERT_KINDS.find((k) => k === search.kind);
  const requestedPage = Math.min(Math.max(Number.parseInt(search.page ?? '1', 10) || 1, 1), 10_000);
  const scope = search.scope === 'practice' ? 'practice' : 'mine';
  // Overdue questionnaires do not depend on the caseload: both reads run at once.
  const [caseload, overdue] = await Promise.all([getCaseload(actor, { scope, kind, page: requestedPage, pageSize: PAGE_SIZE }), overdueMeasures(actor, scope)]);
  const counts = caseload.kindCounts;
  const rows = caseload.rows;
  const warningSigns = await getWarningSignDetails(actor, warningSignAlertIds(rows));
  const pages = Math.max(1, Math.ceil(caseload.total / PAGE_SIZE));
  // The treating physio or an admin clears alerts; a colleague covering the practice reads them.
  const mayAcknowledge = (row: (typeof rows)[number]) => row.treatingPhysioId === actor.userId || can(actor, 'user:manage');
  // The few parts of a row that only some rows have, rendered here (CaseloadList takes them as nodes).
  const rowNotice = (row: (typeof rows)[number]) => {
    // A red flag means "contact the patient today": the number is right here.
    const callToday = row.phone && row.alerts.some((a) => a.kind === 'red-flag') ? row.phone : null;
    if (row.screeningFlags.length === 0 && !callToday) return undefined;
    return (
      <>
        <ScreeningBanner flags={row.screeningFlags} compact />
        {callToday && (
          <p className="mt-1 text-sm text-red-900">
            Contact today: <a href={telHref(callToday)} className="font-semibold underline" data-testid="caseload-phone">{callToday}</a>
          </p>
        )}
      </>
    );
  };
  const warningSignOf = (row: (typeof rows)[number]) => {
    const sign = row.alerts.find((a) => a.kind === 'red-flag');
    return sign && <WarningSignCard signs={sign.evidence} details={warningSigns.get(sign.evidence.alertId)} timeZone={actor.timeZone} canClose />;
  };
  const firstShown = (caseload.page - 1) * PAGE_SIZE + 1;
  const href = (changes: Search) => {
    const next = new URLSearchParams(Object.entries({ kind, scope: caseload.scope === 'practice' ? 'practice' : undefined, page: undefined, ...changes }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/dashboard${next.size ? `?${next}` : ''}`;
  };
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Who needs attention today</h1>
          <p className="text-slate-600">
            {caseload.withAlerts} of {caseload.activePatients} active {caseload.scope === 'practice' ? 'patients in the practice' : 'patients of yours'} have open alerts, most urgent first.
          </p>
        </div>
        {can(actor, 'alert:read') && (
          <nav aria-label="Whose patients" className="flex gap-1">
            <Link href={href({ scope: undefined })} aria-current={caseload.scope === 'mine' ? 'true' : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 text-sm ${caseload.scope === 'mine' ? 'bg-slate-800 text-white' : 'ring-1 ring-slate-300'}`}>My patients</Link>
            <Link href={href({ scope: 'practice' })} aria-current={caseload.scope === 'practice' ? 'true' : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 text-sm ${caseload.scope === 'practice' ? 'bg-slate-800 text-white' : 'ring-1 ring-slate-300'}`}>Whole practice</Link>
          </nav>
        )}
      </div>

      <nav aria-label="Filter by alert" className="grid grid-cols-4 gap-1.5 sm:gap-2 lg:grid-cols-8">
        <Link href={href({ kind: undefined })} aria-current={!kind ? 'true' : undefined} className={`${COUNTER} ${!kind ? 'bg-brand-700 text-white ring-brand-700' : 'bg-white ring-slate-200'}`}>
          <span className={COUNTER_NUMBER}>{caseload.withAlerts}</span>
          <span className={COUNTER_LABEL}>All alerts</span>
        </Link>
        {ALERT_KINDS.map((k) => (
          <Link key={k} href={href({ kind: k })} aria-current={kind === k ? 'true' : undefined} data-testid={`count-${k}`} className={`${COUNTER} ${kind === k ? 'bg-brand-700 text-white ring-brand-700' : k === 'red-flag' && counts[k] ? 'bg-red-50 ring-red-300' : 'bg-white ring-slate-200'}`}>
            <span className={COUNTER_NUMBER}>{counts[k]}</span>
            <span className={COUNTER_LABEL}>{ALERT_LABELS[k]}</span>
          </Link>
        ))}
      </nav>

      {overdue.length > 0 && (
        // A quiet signal, not an alert: questionnaires are routine and never outrank safety.
        <p className="text-sm text-slate-700" data-testid="measures-overdue">
          Questionnaires overdue ({overdue.length}):{' '}
          {overdue.map((o, i) => (
            <span key={`${o.patientId}-${o.measure}`}>
              {i > 0 && ', '}
              <Link href={`/patients/${o.patientId}`} className="text-brand-800 underline">{o.name}</Link> ({o.measure})
            </span>
          ))}
        </p>
      )}

      {caseload.refreshing && (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="alerts-as-of">
          Alerts as of {caseload.asOf}: bringing them up to today now. Reload in a minute for today’s list.
        </p>
      )}

      {rows.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {kind ? 'No patient has this alert.' : 'Nobody needs attention right now. Alerts appear here as patients log pain, runs and exercises.'}
        </p>
      ) : (
        <>
        {rows.some(mayAcknowledge) && <BulkAcknowledgeForm />}
        {caseload.scope === 'practice' && !can(actor, 'user:manage') && (
          <p className="text-sm text-slate-600" data-testid="practice-read-only">Whole practice: you can read every patient’s alerts; only their own physio (or an admin) acknowledges them. Warning signs can be closed by anyone who acts on them.</p>
        )}
        <AcknowledgeOneForm>
          <CaseloadList
            rows={rows.map((row) => ({
              patientId: row.patientId,
              name: `${row.firstName} ${row.lastName}`,
              detail: `${row.condition ?? ''}${row.physioName ? ` · ${row.physioName}` : ''}`,
              urgent: row.alerts.some((a) => a.severity === 'emergency' || a.severity === 'urgent'),
              mayAcknowledge: mayAcknowledge(row),
              alerts: row.alerts.map(({ kind, severity, message }) => ({ kind, severity, message })),
              notice: rowNotice(row),
              warningSign: warningSignOf(row),
            }))}
          />
        </AcknowledgeOneForm>
        </>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="text-slate-600">
            Showing {firstShown}–{firstShown + rows.length - 1} of {caseload.total}
          </span>
          <span className="flex gap-2">
            {caseload.page > 1 && (
              <Link href={href({ page: caseload.page > 2 ? String(caseload.page - 1) : undefined })} className="inline-flex min-h-11 items-center rounded-lg px-3 ring-1 ring-slate-300">
                Previous {PAGE_SIZE}
              </Link>
            )}
            {caseload.page < pages && (
              <Link href={href({ page: String(caseload.page + 1) })} className="inline-flex min-h-11 items-center rounded-lg px-3 ring-1 ring-slate-300">
                Next {PAGE_SIZE}
              </Link>
            )}
          </span>
        </nav>
      )}
      <p className="text-xs text-slate-500">
        Load alerts use the acute:chronic workload ratio, which describes how training load changed; it does not predict injury. Acknowledged alerts come back if the measure gets worse. Warning signs stay until someone closes them with the action taken.
      </p>
    </div>
  );
}
