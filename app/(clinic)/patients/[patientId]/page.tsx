import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { ScreeningBanner } from '@/app/_components/screening-banner';
import { Badge, ButtonLink, Card, humanize } from '@/app/_components/ui';
import { can } from '@/lib/access/policy';
import { requirePageActor } from '@/lib/auth/require-actor';
import type { PatientRecord } from '@/lib/data/patients';
import { TREND_WEEKS } from '@/lib/data/trends';
import { ageOn, localDate } from '@/lib/dates';
import { formatRelativeDate } from '@/lib/format';
import { AlertList } from './alert-list';
import { ClinicLogForms } from './clinic-log-forms';
import {
  loadActiveProgram, loadAlerts, loadMeasures, loadMonitoredSessions, loadPatient, loadPortalAccount, loadProgramHistory, loadRecentPain, loadRecentSessions,
  loadReminders, loadTrends, loadWarningSigns, patientIdOr404, patientOr404, preload,
} from './load';
import { PortalInvite } from './portal-invite';
import { RunImportCard } from './run-import-card';
import { ScreeningForm } from './screening-form';
import {
  ChartsSkeleton, MeasuresSection, PatientCharts, ProgramCard, ProgramHistory, rangeStart, RecentPain, RecentTraining, SectionSkeleton, StreamedWithoutJavaScript, type SectionProps,
} from './sections';
import { PatientStatusButtons } from './status-buttons';
import { WarningSignHistory } from './warning-sign-history';

export const metadata: Metadata = { title: 'Patient' };

type Search = { weeks?: string; acwr?: string };

// The header, the alerts and the warning signs come first; the charts, the program, the
// measures and the recent entries stream in behind skeletons (sections.tsx). Every read
// starts at once, before anything is awaited, and each runs once (load.ts).
export default async function PatientPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePageActor('patient:list');
  const [{ patientId: id }, search] = await Promise.all([params, searchParams]);
  const patientId = patientIdOr404(id);
  const clinical = can(actor, 'patient:readClinical');
  const today = localDate(new Date(), actor.timeZone);
  const weeks = TREND_WEEKS.find((w) => String(w) === search.weeks) ?? 12;
  const method = search.acwr === 'rolling' ? 'rolling' : 'ewma';
  const patientRead = patientOr404(actor, patientId, loadPatient);
  const accountRead = can(actor, 'patient:invite') ? loadPortalAccount(actor, patientId) : Promise.resolve(null);
  preload(accountRead);
  if (clinical) {
    // Started now, awaited by the page (alerts, warning signs) and by the streamed sections.
    for (const read of [
      loadAlerts(actor, patientId), loadWarningSigns(actor, patientId), loadTrends(actor, patientId, weeks), loadMonitoredSessions(actor, patientId, rangeStart(today, weeks)),
      loadRecentPain(actor, patientId), loadRecentSessions(actor, patientId), loadActiveProgram(actor, patientId), loadReminders(actor, patientId),
      loadMeasures(actor, patientId), loadProgramHistory(actor, patientId),
    ]) preload(read);
  }
  const patient = await patientRead;
  const account = await accountRead;
  const header = (
    <header className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <div>
        <Link href="/patients" className="text-sm text-brand-700 hover:underline">← Patients</Link>
        <h1 className="text-2xl font-semibold" data-testid="patient-name">
          {patient.firstName} {patient.lastName}
        </h1>
        <p className="text-slate-600">
          {patient.dateOfBirth ? `${ageOn(patient.dateOfBirth, today)} years · ` : ''}
          {patient.condition ?? (clinical ? 'No condition recorded' : '')}
          {patient.treatingPhysioName ? ` · ${patient.treatingPhysioName}` : ' · No physio assigned'}
        </p>
        <p className="text-sm text-slate-500">{[patient.email, patient.phone].filter(Boolean).join(' · ')}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={patient.status === 'active' ? 'green' : 'slate'}>{humanize(patient.status)}</Badge>
        {can(actor, 'patient:write') && <ButtonLink variant="secondary" href={`/patients/${patient.id}/edit`}>Edit details</ButtonLink>}
        {can(actor, 'patient:archive') && <PatientStatusButtons id={patient.id} status={patient.status} />}
        {can(actor, 'patient:export') && (
          // Without a clinical role (a practice manager) the export is identity, contact and account data only.
          <a
            href={`/api/admin/patients/${patient.id}/export${can(actor, 'patient:exportClinical') ? '' : '?part=contact'}`}
            className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {can(actor, 'patient:exportClinical') ? 'Export data' : 'Export contact data'}
          </a>
        )}
      </div>
      {can(actor, 'patient:invite') && patient.status === 'active' && (
        <div id="portal-access" className="w-full scroll-mt-4 rounded-xl target:ring-2 target:ring-brand-600 md:w-auto">
          <PortalInvite patientId={patient.id} hasEmail={Boolean(patient.email)} account={account} timeZone={actor.timeZone} />
        </div>
      )}
    </header>
  );
  if (!clinical) return <div>{header}<p className="text-slate-600">Clinical details are visible to physios.</p></div>;

  const [alerts, warningSignHistory] = await Promise.all([loadAlerts(actor, patient.id), loadWarningSigns(actor, patient.id)]);
  const record = patient as PatientRecord;
  const section: SectionProps = { actor, patient: record, today, weeks };
  const canLog = patient.status !== 'archived';

  return (
    <div>
      {header}
      <ScreeningBanner flags={record.screeningFlags} />
      <AlertList patientId={patient.id} alerts={alerts} warningSigns={new Map(warningSignHistory.map((w) => [w.id, w]))} timeZone={actor.timeZone} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Suspense fallback={<ChartsSkeleton />}>
            <PatientCharts {...section} method={method} />
          </Suspense>
        </div>

        <div className="space-y-4">
          <Suspense fallback={<SectionSkeleton title="Program" height="h-24" />}>
            <ProgramCard {...section} />
          </Suspense>

          <Card>
            <h2 className="text-lg font-semibold">Outcome measures</h2>
            <Suspense fallback={<div data-stream-skeleton="" className="mt-2 h-24 w-full animate-pulse rounded-xl bg-slate-100" aria-hidden="true" />}>
              <MeasuresSection {...section} />
            </Suspense>
          </Card>

          {canLog && (
            <div id="log-for-patient" className="scroll-mt-4 rounded-2xl target:ring-2 target:ring-brand-600">
              <ClinicLogForms patientId={patient.id} today={today} distanceUnit={actor.distanceUnit} />
            </div>
          )}

          {canLog && <RunImportCard actor={actor} patientId={patient.id} />}

          <Card>
            <h2 className="text-lg font-semibold">Warning signs</h2>
            <WarningSignHistory items={warningSignHistory} timeZone={actor.timeZone} />
          </Card>
          <Suspense fallback={<SectionSkeleton title="Recent pain" height="h-24" />}>
            <RecentPain {...section} />
          </Suspense>
          <Suspense fallback={<SectionSkeleton title="Recent training" height="h-24" />}>
            <RecentTraining {...section} />
          </Suspense>
          {record.goals && (
            <Card>
              <h2 className="text-lg font-semibold">Goals</h2>
              <p className="mt-1 whitespace-pre-line text-sm">{record.goals}</p>
            </Card>
          )}
          {record.notes && (
            <Card>
              <h2 className="text-lg font-semibold">Notes</h2>
              <p className="mt-1 whitespace-pre-line text-sm">{record.notes}</p>
            </Card>
          )}
          <Card>
            <details data-testid="screening-history">
              <summary className="cursor-pointer">
                <h2 className="inline text-lg font-semibold">Screening history</h2>{' '}
                <span className="text-sm text-slate-600">
                  {record.screeningUpdatedAt
                    ? `· ${record.screeningFlags.length || 'no'} red flag${record.screeningFlags.length === 1 ? '' : 's'}, changed ${formatRelativeDate(localDate(record.screeningUpdatedAt, actor.timeZone), today).replace(/^(Today|Yesterday)$/, (d) => d.toLowerCase())}`
                    : '· not recorded yet'}
                </span>
              </summary>
              {can(actor, 'patient:write') && <div className="mt-3"><ScreeningForm patientId={patient.id} flags={record.screeningFlags} /></div>}
            </details>
          </Card>
        </div>
      </div>

      <Suspense fallback={null}>
        <ProgramHistory {...section} />
      </Suspense>
      <StreamedWithoutJavaScript />
    </div>
  );
}
