import type { Metadata } from 'next';
import Link from 'next/link';
import { dayLabel } from '@/app/_components/portal-format';
import { ScreeningBanner } from '@/app/_components/screening-banner';
import { Badge, ButtonLink, Card, formatDosage, humanize } from '@/app/_components/ui';
import { can } from '@/lib/access/policy';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getPatientAlerts } from '@/lib/data/caseload';
import { listSafetyAlerts } from '@/lib/data/safety-alerts';
import { listPainReports } from '@/lib/data/pain-reports';
import { getPatient, getPortalAccount, type PatientRecord } from '@/lib/data/patients';
import { getActiveProgram, listProgramHistory } from '@/lib/data/programs';
import { getPatientTrends, TREND_WEEKS } from '@/lib/data/trends';
import { listTrainingSessions } from '@/lib/data/training-sessions';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { sessionLoad } from '@/lib/analytics/load';
import { MORNING_AFTER_LABELS, reasonText } from '@/lib/analytics/pain-monitoring';
import { ToleranceDot } from '@/app/_components/tolerance-verdict';
import { addDays, ageOn, localDate } from '@/lib/dates';
import { describeChanges } from '@/lib/programs/diff';
import { fromKm } from '@/lib/units';
import { symptomLabel } from '@/lib/validation/symptoms';
import { ACTIVITY_LABELS, painWhereWhen } from '@/lib/validation/vocabulary';
import { AlertList } from './alert-list';
import { ClinicLogForms } from './clinic-log-forms';
import { patientOr404 } from './load';
import { PortalInvite } from './portal-invite';
import { ScreeningForm } from './screening-form';
import { PatientStatusButtons } from './status-buttons';
import { WarningSignHistory } from './warning-sign-history';
import { AdherenceChart, DistanceChart, LoadChart, PainChart, PainDuringChart } from './trend-charts-lazy';

export const metadata: Metadata = { title: 'Patient' };

type Search = { weeks?: string; acwr?: string };

export default async function PatientPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePageActor('patient:list');
  const [{ patientId }, search] = await Promise.all([params, searchParams]);
  const patient = await patientOr404(actor, patientId, getPatient);
  const clinical = can(actor, 'patient:readClinical');
  const today = localDate(new Date(), actor.timeZone);
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
        <div className="w-full md:w-auto">
          <PortalInvite patientId={patient.id} hasEmail={Boolean(patient.email)} account={await getPortalAccount(actor, patient.id)} />
        </div>
      )}
    </header>
  );
  if (!clinical) return <div>{header}<p className="text-slate-600">Clinical details are visible to physios.</p></div>;

  const weeks = TREND_WEEKS.find((w) => String(w) === search.weeks) ?? 12;
  const method = search.acwr === 'rolling' ? 'rolling' : 'ewma';
  const [program, history, trends, alerts, pain, sessions, warningSignHistory, monitoring] = await Promise.all([
    getActiveProgram(actor, patient.id),
    listProgramHistory(actor, patient.id),
    getPatientTrends(actor, patient.id, weeks),
    getPatientAlerts(actor, patient.id),
    listPainReports(actor, patient.id, { includeVoided: true, limit: 10 }),
    listTrainingSessions(actor, patient.id, { includeVoided: true, limit: 10 }),
    listSafetyAlerts(actor, patient.id),
    // Every session of the charts' range with its pain-monitoring verdict (lib/analytics/pain-monitoring.ts).
    listMonitoredSessions(actor, patient.id, addDays(today, -(weeks * 7) + 1)),
  ]);
  const monitored = new Map(monitoring.sessions.map((s) => [s.id, s]));
  const why = (s: (typeof monitoring.sessions)[number]) => s.tolerance.reasons.map((r) => reasonText(r, s, s.tolerance.weeklyPain)).join(', ');
  const link = (changes: Search) => {
    const next = new URLSearchParams({ weeks: String(weeks), acwr: method, ...changes });
    return `/patients/${patient.id}?${next}`;
  };
  const record = patient as PatientRecord;

  return (
    <div>
      {header}
      <ScreeningBanner flags={record.screeningFlags} />
      <AlertList patientId={patient.id} alerts={alerts} warningSigns={new Map(warningSignHistory.map((w) => [w.id, w]))} timeZone={actor.timeZone} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">Pain</h2>
              <nav aria-label="Range" className="flex gap-1">
                {TREND_WEEKS.map((w) => (
                  <Link key={w} href={link({ weeks: String(w) })} scroll={false} aria-current={w === weeks ? 'true' : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 text-sm ${w === weeks ? 'bg-brand-700 text-white' : 'ring-1 ring-slate-300'}`}>
                    {w} wk
                  </Link>
                ))}
              </nav>
            </div>
            <PainChart trends={trends} />
          </Card>
          <Card>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">Training load</h2>
              <nav aria-label="Ratio method" className="flex gap-1">
                {(['ewma', 'rolling'] as const).map((m) => (
                  <Link key={m} href={link({ acwr: m })} scroll={false} aria-current={m === method ? 'true' : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 text-sm ${m === method ? 'bg-slate-800 text-white' : 'ring-1 ring-slate-300'}`}>
                    {m === 'ewma' ? 'EWMA' : 'Rolling 7:28'}
                  </Link>
                ))}
              </nav>
            </div>
            <LoadChart trends={trends} method={method} />
            {trends.latest && (
              <p className="mt-2 text-sm text-slate-700" data-testid="load-summary">
                Today: acute {Math.round(trends.latest.acute)} AU, chronic {Math.round(trends.latest.chronic)} AU/week, ratio {trends.latest.ewmaAcwr?.toFixed(2) ?? '—'} (EWMA) / {trends.latest.acwr?.toFixed(2) ?? '—'} (rolling), monotony {trends.latest.monotony?.toFixed(2) ?? '—'}, strain {trends.latest.strain === null ? '—' : Math.round(trends.latest.strain)}.
              </p>
            )}
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Pain during sessions</h2>
            <PainDuringChart
              limit={monitoring.limits.painDuringMax}
              sessions={[...monitoring.sessions].reverse().map((s) => ({ id: s.id, date: s.date, activity: ACTIVITY_LABELS[s.activity] ?? s.activity, painDuring: s.painDuring, load: Math.round(sessionLoad(s)), verdict: s.tolerance.verdict, why: why(s) }))}
            />
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Running distance</h2>
              <DistanceChart trends={trends} unit={actor.distanceUnit} />
            </Card>
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Home exercise adherence</h2>
              <AdherenceChart trends={trends} />
            </Card>
          </div>
        </div>

        <div className="space-y-4">
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">Program</h2>
              {can(actor, 'program:write') && (
                <div className="flex gap-2">
                  {program && <ButtonLink variant="secondary" href={`/patients/${patient.id}/program/print`}>Print</ButtonLink>}
                  <ButtonLink href={`/patients/${patient.id}/program`}>{program ? 'Edit program' : 'Build program'}</ButtonLink>
                </div>
              )}
            </div>
            {program ? (
              <div data-testid="current-program">
                <p className="mt-1 font-medium">{program.title}</p>
                <p className="text-sm text-slate-600">From {program.startDate}{program.endDate ? ` to ${program.endDate}` : ''} · version {program.version}</p>
                <ol className="mt-2 divide-y divide-slate-100 text-sm">
                  {program.items.map((item) => (
                    <li key={item.id} className="flex justify-between gap-2 py-1.5">
                      <span>{item.exercise.title}{item.exercise.retiredAt && <span className="text-slate-500"> (retired)</span>}</span>
                      <span className="text-right text-slate-600">{formatDosage(item)}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">No active program. Build one from a template or from scratch.</p>
            )}
          </Card>

          {patient.status !== 'archived' && <ClinicLogForms patientId={patient.id} today={today} distanceUnit={actor.distanceUnit} />}

          <Card>
            <h2 className="text-lg font-semibold">Warning signs</h2>
            <WarningSignHistory items={warningSignHistory} timeZone={actor.timeZone} />
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Recent pain</h2>
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="recent-pain">
              {pain.length === 0 && <li className="py-1 text-slate-500">No pain reports yet.</li>}
              {pain.map((p) => (
                <li key={p.id} className={`py-1.5 ${p.voidedAt ? 'text-slate-500 line-through' : ''}`}>
                  <span className="text-slate-600"><time dateTime={p.localDate}>{dayLabel(p.localDate, today)}</time> · </span>
                  <strong>{p.score}/10</strong>
                  {painWhereWhen(p.locations, p.timing).map((text) => ` · ${text}`).join('')}
                  {p.source === 'clinic' && <span className="text-slate-500"> · clinic</span>}
                  {p.redFlags.length > 0 && <span className="ml-1 font-semibold text-red-700"> · {p.redFlags.map(symptomLabel).join(', ')}</span>}
                  {localDate(p.createdAt, actor.timeZone) !== p.localDate && <span className="text-slate-500"> · entered {dayLabel(localDate(p.createdAt, actor.timeZone), today)}</span>}
                  {p.voidedAt && <span className="no-underline"> (removed: {p.voidReason})</span>}
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Recent training</h2>
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="recent-sessions">
              {sessions.length === 0 && <li className="py-1 text-slate-500">No sessions yet.</li>}
              {sessions.map((s) => {
                const m = s.voidedAt ? undefined : monitored.get(s.id);
                return (
                  <li key={s.id} className={`py-1.5 ${s.voidedAt ? 'text-slate-500 line-through' : ''}`} data-testid="recent-session" data-verdict={m?.tolerance.verdict}>
                    <span className="text-slate-600"><time dateTime={s.localDate}>{dayLabel(s.localDate, today)}</time> · </span>
                    {ACTIVITY_LABELS[s.activity] ?? s.activity} · {Math.round(s.durationMin)} min
                    {s.distanceKm ? ` · ${fromKm(s.distanceKm, actor.distanceUnit).toFixed(1)} ${actor.distanceUnit}` : ''} · RPE {s.rpe} · {Math.round(sessionLoad(s))} AU
                    {s.painDuring !== null && <> · pain during <strong>{s.painDuring}/10</strong></>}
                    {m?.morningAfter && ` · next morning: ${MORNING_AFTER_LABELS[m.morningAfter].toLowerCase()}`}
                    {m && (
                      <span className="mt-0.5 block text-slate-700">
                        <ToleranceDot verdict={m.tolerance.verdict} />
                        {m.tolerance.reasons.length > 0 && <span className="text-slate-600"> · {why(m)}</span>}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </Card>
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
                    ? `· ${record.screeningFlags.length || 'no'} red flag${record.screeningFlags.length === 1 ? '' : 's'}, changed ${dayLabel(localDate(record.screeningUpdatedAt, actor.timeZone), today).replace(/^(Today|Yesterday)$/, (d) => d.toLowerCase())}`
                    : '· not recorded yet'}
                </span>
              </summary>
              {can(actor, 'patient:write') && <div className="mt-3"><ScreeningForm patientId={patient.id} flags={record.screeningFlags} /></div>}
            </details>
          </Card>
        </div>
      </div>

      {history.length > 0 && (
        <Card className="mt-4">
          <h2 className="text-lg font-semibold">Program history</h2>
          <div className="mt-2 space-y-3" data-testid="program-history">
            {history.map(({ program: p, versions }) => (
              <details key={p.id} open={p.status === 'active'}>
                <summary className="cursor-pointer font-medium">{p.title} <span className="text-sm font-normal text-slate-500">({humanize(p.status)}, {versions.length} version{versions.length === 1 ? '' : 's'})</span></summary>
                <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
                  {versions.map((v, i) => {
                    const previous = versions[i + 1];
                    const changes = previous ? describeChanges(previous.snapshot, v.snapshot) : [`Created with ${v.snapshot.items.length} exercises`];
                    return (
                      <li key={v.id}>
                        <span className="font-medium">Version {v.version}</span> <span className="text-slate-500">· {v.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</span>
                        <ul className="list-disc pl-5 text-slate-700">{(changes.length ? changes : ['No changes']).map((c) => <li key={c}>{c}</li>)}</ul>
                      </li>
                    );
                  })}
                </ol>
              </details>
            ))}
          </div>
        </Card>
      )}
    </div>
  );
}
