import type { Metadata } from 'next';
import Link from 'next/link';
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
import { assignableMeasures, listPatientMeasures } from '@/lib/data/measures';
import { getReminderSettings } from '@/lib/data/reminders';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { sessionLoad } from '@/lib/analytics/load';
import { MORNING_AFTER_LABELS, reasonText } from '@/lib/analytics/pain-monitoring';
import { ToleranceDot } from '@/app/_components/tolerance-verdict';
import { addDays, ageOn, localDate } from '@/lib/dates';
import { formatDate, formatDateTime, formatRelativeDate } from '@/lib/format';
import { describeChanges } from '@/lib/programs/diff';
import { fromKm } from '@/lib/units';
import { symptomLabel } from '@/lib/validation/symptoms';
import { ACTIVITY_LABELS, painWhereWhen } from '@/lib/validation/vocabulary';
import { AlertList } from './alert-list';
import { MeasuresCard } from './measures-card';
import { SendProgramButton } from './send-program-button';
import { ClinicLogForms } from './clinic-log-forms';
import { patientOr404 } from './load';
import { PortalInvite } from './portal-invite';
import { RunImportCard } from './run-import-card';
import { ScreeningForm } from './screening-form';
import { PatientStatusButtons } from './status-buttons';
import { WarningSignHistory } from './warning-sign-history';
import { AdherenceChart, CombinedChart, DistanceChart, LoadChart, PainChart, PainDuringChart } from './trend-charts-lazy';

export const metadata: Metadata = { title: 'Patient' };

type Search = { weeks?: string; acwr?: string };

export default async function PatientPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePageActor('patient:list');
  const [{ patientId }, search] = await Promise.all([params, searchParams]);
  const patient = await patientOr404(actor, patientId, getPatient);
  const clinical = can(actor, 'patient:readClinical');
  const today = localDate(new Date(), actor.timeZone);
  const account = can(actor, 'patient:invite') ? await getPortalAccount(actor, patient.id) : null;
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

  const weeks = TREND_WEEKS.find((w) => String(w) === search.weeks) ?? 12;
  const method = search.acwr === 'rolling' ? 'rolling' : 'ewma';
  const [program, history, trends, alerts, pain, sessions, warningSignHistory, monitoring, measures, reminders] = await Promise.all([
    getActiveProgram(actor, patient.id),
    listProgramHistory(actor, patient.id),
    getPatientTrends(actor, patient.id, weeks),
    getPatientAlerts(actor, patient.id),
    listPainReports(actor, patient.id, { includeVoided: true, limit: 10 }),
    listTrainingSessions(actor, patient.id, { includeVoided: true, limit: 10 }),
    listSafetyAlerts(actor, patient.id),
    // Every session of the charts' range with its pain-monitoring verdict (lib/analytics/pain-monitoring.ts).
    listMonitoredSessions(actor, patient.id, addDays(today, -(weeks * 7) + 1)),
    listPatientMeasures(actor, patient.id),
    getReminderSettings(actor, patient.id),
  ]);
  const monitored = new Map(monitoring.sessions.map((s) => [s.id, s]));
  const why = (s: (typeof monitoring.sessions)[number]) => s.tolerance.reasons.map((r) => reasonText(r, s, s.tolerance.weeklyPain)).join(', ');
  const link = (changes: Search) => {
    const next = new URLSearchParams({ weeks: String(weeks), acwr: method, ...changes });
    return `/patients/${patient.id}?${next}`;
  };
  const record = patient as PatientRecord;

  // What each chart has to draw in the range shown; without it, an empty state says what will
  // appear there and how it arrives (a patient's first day has no data, not a broken chart).
  const first = patient.firstName;
  const has = {
    pain: trends.pain.some((p) => p.daily !== null),
    load: trends.weekly.some((w) => w.load > 0),
    painDuring: monitoring.sessions.some((s) => s.painDuring !== null),
    distance: trends.weekly.some((w) => w.distanceKm > 0),
  };
  const lastPain = pain.find((p) => !p.voidedAt);
  const lastSession = sessions.find((s) => !s.voidedAt);
  const canLog = patient.status !== 'archived';
  const canInvite = can(actor, 'patient:invite') && patient.status === 'active' && (account === null || account.status === 'invited');
  const portalNote =
    account?.status === 'active' ? null
    : account?.status === 'invited' ? `${first} is invited to the portal but has not accepted yet.`
    : account?.status === 'deactivated' ? `${first}'s portal access is turned off.`
    : `${first} has no portal login yet.`;
  const portalAction = canInvite
    ? patient.email
      ? { href: '#portal-access', label: account ? 'Resend the portal invite' : `Invite ${first} to the portal` }
      : can(actor, 'patient:write') ? { href: `/patients/${patient.id}/edit`, label: 'Add an email to invite' } : null
    : null;
  /** When the portal can bring entries: now, once the invite is accepted, once invited. */
  const portalWhen = account?.status === 'active' ? '' : account?.status === 'invited' ? ' (once the invite is accepted)' : account?.status === 'deactivated' ? ' (access is turned off)' : ' (once invited)';
  const olderRange = weeks < 52 ? { href: link({ weeks: '52' }), label: 'Show 52 weeks' } : null;
  /** Nothing in range although there are entries: say when the last one was, and offer a longer range. */
  const outOfRange = (what: string, date: string | undefined) =>
    date ? `No ${what} in the last ${weeks} weeks; the last was on ${formatDate(date)}.` : null;

  return (
    <div>
      {header}
      <ScreeningBanner flags={record.screeningFlags} />
      <AlertList patientId={patient.id} alerts={alerts} warningSigns={new Map(warningSignHistory.map((w) => [w.id, w]))} timeZone={actor.timeZone} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-4">
          {(has.pain || has.load) && (
            <Card>
              <h2 className="mb-2 text-lg font-semibold">Pain, load and adherence together</h2>
              <CombinedChart trends={trends} />
            </Card>
          )}
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
            {has.pain ? (
              <PainChart trends={trends} />
            ) : (
              <EmptyChart
                testId="empty-pain"
                title={outOfRange('pain scores', lastPain?.localDate) ?? 'No pain scores yet'}
                actions={[lastPain ? olderRange : portalAction, canLog ? { href: '#log-for-patient', label: 'Log a clinic score' } : null]}
              >
                Pain appears here when {first} logs it in the portal or you log a clinic score: each day&apos;s highest score, the 7-day mean and, after a week of scores, the baseline. {portalNote}
              </EmptyChart>
            )}
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
            {has.load ? (
              <LoadChart trends={trends} method={method} />
            ) : (
              <EmptyChart
                testId="empty-load"
                title={outOfRange('training sessions', lastSession?.localDate) ?? 'No training sessions yet'}
                actions={[lastSession ? olderRange : portalAction, canLog ? { href: '#log-for-patient', label: 'Log a session' } : null]}
              >
                Weekly training load (minutes × effort) appears here when {first} logs a session in the portal or you log one in clinic. The acute:chronic ratio follows after 21 days of sessions.
              </EmptyChart>
            )}
            {(trends.latest.acute > 0 || trends.latest.chronic > 0) && (
              <p className="mt-2 text-sm text-slate-700" data-testid="load-summary">
                Today: acute {Math.round(trends.latest.acute)} AU, chronic {Math.round(trends.latest.chronic)} AU/week,{' '}
                {trends.latest.ewmaAcwr === null && trends.latest.acwr === null
                  ? 'ratio not yet (it needs 21 days of sessions)'
                  : `ratio ${trends.latest.ewmaAcwr?.toFixed(2) ?? 'not yet'} (EWMA) / ${trends.latest.acwr?.toFixed(2) ?? 'not yet'} (rolling)`}
                {trends.latest.monotony !== null && `, monotony ${trends.latest.monotony.toFixed(2)}`}
                {trends.latest.strain !== null && `, strain ${Math.round(trends.latest.strain)}`}.
              </p>
            )}
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">Pain during sessions</h2>
            {has.painDuring ? (
              <PainDuringChart
                limit={monitoring.limits.painDuringMax}
                sessions={[...monitoring.sessions].reverse().map((s) => ({ id: s.id, date: s.date, activity: ACTIVITY_LABELS[s.activity] ?? s.activity, painDuring: s.painDuring, load: Math.round(sessionLoad(s)), verdict: s.tolerance.verdict, why: why(s) }))}
              />
            ) : (
              <EmptyChart
                testId="empty-pain-during"
                title={monitoring.sessions.length > 0 ? `No pain-during scores in the last ${weeks} weeks` : 'No sessions with pain during yet'}
                actions={[canLog ? { href: '#log-for-patient', label: 'Log a session' } : null]}
              >
                Each session logged with a &ldquo;pain during&rdquo; score appears here as a bar, coloured by whether the load was tolerated (limit {monitoring.limits.painDuringMax}/10).{' '}
                {monitoring.sessions.length > 0
                  ? `${monitoring.sessions.length} session${monitoring.sessions.length === 1 ? '' : 's'} in this range ${monitoring.sessions.length === 1 ? 'has' : 'have'} no pain-during score.`
                  : `${first} adds it to each session in the portal; you can when you log one in clinic.`}
              </EmptyChart>
            )}
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Running distance</h2>
              {has.distance ? (
                <DistanceChart trends={trends} unit={actor.distanceUnit} />
              ) : (
                <EmptyChart testId="empty-distance" title={has.load ? `No running distance in the last ${weeks} weeks` : 'No runs yet'} actions={[canLog ? { href: '#log-for-patient', label: 'Log a run' } : null]}>
                  Weekly running distance appears here when a run is logged with its distance ({actor.distanceUnit}), in the portal or in clinic.
                </EmptyChart>
              )}
            </Card>
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Home exercise adherence</h2>
              {program || trends.adherence.some((a) => a.prescribed > 0) ? (
                <AdherenceChart trends={trends} />
              ) : (
                <EmptyChart testId="empty-adherence" title="No home program yet" actions={[can(actor, 'program:write') ? { href: `/patients/${patient.id}/program`, label: 'Build a program', primary: true } : null]}>
                  Adherence appears here once {first} has a home exercise program and ticks off exercises in the portal: completed against prescribed doses, from the first full week.
                </EmptyChart>
              )}
            </Card>
          </div>
        </div>

        <div className="space-y-4">
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">Program</h2>
              {can(actor, 'program:write') && (
                <div className="flex flex-wrap justify-end gap-2">
                  {program && <ButtonLink variant="secondary" href={`/patients/${patient.id}/program/print`}>Print</ButtonLink>}
                  {program && program.items.length > 0 && patient.email && <SendProgramButton patientId={patient.id} />}
                  <ButtonLink href={`/patients/${patient.id}/program`}>{program ? 'Edit program' : 'Build program'}</ButtonLink>
                </div>
              )}
            </div>
            {program ? (
              <div data-testid="current-program">
                <p className="mt-1 font-medium">{program.title}</p>
                <p className="text-sm text-slate-600">From {formatDate(program.startDate)}{program.endDate ? ` to ${formatDate(program.endDate)}` : ''} · version {program.version}</p>
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
            {/* Whether the patient's own reminders are on, not what they say (issue 19). */}
            <p className="mt-2 text-sm text-slate-600" data-testid="patient-reminders">
              Reminders: {reminders.unsubscribed ? 'stopped by the patient' : reminders.exerciseReminderAt ? `daily at ${reminders.exerciseReminderAt} (${reminders.timeZone})` : 'off'}
            </p>
          </Card>

          <Card>
            <h2 className="text-lg font-semibold">Outcome measures</h2>
            <MeasuresCard patientId={patient.id} measures={measures} assignable={assignableMeasures()} canAssign={can(actor, 'program:write') && patient.status === 'active'} />
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
          <Card>
            <h2 className="text-lg font-semibold">Recent pain</h2>
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="recent-pain">
              {pain.length === 0 && <li className="py-1 text-slate-600">None yet. Scores arrive when {first} logs pain in the portal{portalWhen} or you save a clinic score under &ldquo;Log for this patient&rdquo;.</li>}
              {pain.map((p) => (
                <li key={p.id} className={`py-1.5 ${p.voidedAt ? 'text-slate-500 line-through' : ''}`}>
                  <span className="text-slate-600"><time dateTime={p.localDate}>{formatRelativeDate(p.localDate, today)}</time> · </span>
                  <strong>{p.score}/10</strong>
                  {painWhereWhen(p.locations, p.timing).map((text) => ` · ${text}`).join('')}
                  {p.source === 'clinic' && <span className="text-slate-500"> · clinic</span>}
                  {p.redFlags.length > 0 && <span className="ml-1 font-semibold text-red-700"> · {p.redFlags.map(symptomLabel).join(', ')}</span>}
                  {localDate(p.createdAt, actor.timeZone) !== p.localDate && <span className="text-slate-500"> · entered {formatRelativeDate(localDate(p.createdAt, actor.timeZone), today)}</span>}
                  {p.voidedAt && <span className="no-underline"> (removed: {p.voidReason})</span>}
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Recent training</h2>
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="recent-sessions">
              {sessions.length === 0 && <li className="py-1 text-slate-600">None yet. Sessions arrive when {first} logs training in the portal{portalWhen} or you save one under &ldquo;Log for this patient&rdquo;.</li>}
              {sessions.map((s) => {
                const m = s.voidedAt ? undefined : monitored.get(s.id);
                return (
                  <li key={s.id} className={`py-1.5 ${s.voidedAt ? 'text-slate-500 line-through' : ''}`} data-testid="recent-session" data-verdict={m?.tolerance.verdict}>
                    <span className="text-slate-600"><time dateTime={s.localDate}>{formatRelativeDate(s.localDate, today)}</time> · </span>
                    {ACTIVITY_LABELS[s.activity] ?? s.activity} · {Math.round(s.durationMin)} min
                    {s.distanceKm ? ` · ${fromKm(s.distanceKm, actor.distanceUnit).toFixed(1)} ${actor.distanceUnit}` : ''} · {s.rpe === null ? 'imported, effort not rated yet (no load counted)' : `RPE ${s.rpe} · ${Math.round(sessionLoad(s))} AU`}
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
                    ? `· ${record.screeningFlags.length || 'no'} red flag${record.screeningFlags.length === 1 ? '' : 's'}, changed ${formatRelativeDate(localDate(record.screeningUpdatedAt, actor.timeZone), today).replace(/^(Today|Yesterday)$/, (d) => d.toLowerCase())}`
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
                        <span className="font-medium">Version {v.version}</span> <span className="text-slate-500">· <time dateTime={v.createdAt.toISOString()}>{formatDateTime(v.createdAt, actor.timeZone)}</time></span>
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

type EmptyAction = { href: string; label: string; primary?: boolean } | null;

/** A chart with nothing to draw yet: what will appear there, how it arrives, and the next step. */
function EmptyChart({ testId, title, children, actions }: { testId: string; title: string; children: React.ReactNode; actions: EmptyAction[] }) {
  const shown = actions.filter((a): a is NonNullable<EmptyAction> => a !== null);
  return (
    <div className="flex min-h-40 flex-col justify-center gap-2 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-5" data-testid={testId}>
      <p className="font-medium text-slate-900">{title}</p>
      <p className="max-w-prose text-sm text-slate-700">{children}</p>
      {shown.length > 0 && (
        <div className="mt-1 flex flex-wrap gap-2">
          {shown.map((a) => {
            const className = `inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-semibold shadow-sm ${a.primary ? 'bg-brand-700 text-white hover:bg-brand-800' : 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100'}`;
            // A link to a part of this page is a plain anchor: the browser scrolls to it and :target highlights it.
            return a.href.startsWith('#') ? (
              <a key={a.label} href={a.href} className={className}>{a.label}</a>
            ) : (
              <Link key={a.label} href={a.href} className={className}>{a.label}</Link>
            );
          })}
        </div>
      )}
    </div>
  );
}
