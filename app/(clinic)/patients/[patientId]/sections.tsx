import Link from 'next/link';
import { ButtonLink, Card, formatDosage, humanize } from '@/app/_components/ui';
import { ToleranceDot } from '@/app/_components/tolerance-verdict';
import type { Actor } from '@/lib/access/actor';
import { can } from '@/lib/access/policy';
import { packTrends } from '@/lib/charts/packed-trends';
import { sessionLoad } from '@/lib/analytics/load';
import { MORNING_AFTER_LABELS, reasonText } from '@/lib/analytics/pain-monitoring';
import { assignableMeasures } from '@/lib/data/measures';
import type { MonitoredSessions } from '@/lib/data/pain-monitoring';
import type { PatientRecord } from '@/lib/data/patients';
import { TREND_WEEKS } from '@/lib/data/trends';
import { addDays, localDate } from '@/lib/dates';
import { formatDate, formatDateTime, formatRelativeDate } from '@/lib/format';
import { describeChanges } from '@/lib/programs/diff';
import { fromKm } from '@/lib/units';
import { symptomLabel } from '@/lib/validation/symptoms';
import { ACTIVITY_LABELS, painWhereWhen } from '@/lib/validation/vocabulary';
import {
  loadActiveProgram, loadMeasures, loadMonitoredSessions, loadPortalAccount, loadProgramHistory, loadRecentPain, loadRecentSessions, loadReminders, loadTrends,
} from './load';
import { MeasuresCard } from './measures-card';
import { SendProgramButton } from './send-program-button';
import { AdherenceChart, CombinedChart, DistanceChart, LoadChart, PainChart, PainDuringChart } from './trend-charts-lazy';

// The patient page's streamed sections (page.tsx shows the header and the alerts first and
// these in <Suspense> as their reads arrive). Every read goes through load.ts, once per
// request: sections that need the same data share one read and one analytics run.

export type Weeks = (typeof TREND_WEEKS)[number];
export type SectionProps = { actor: Actor; patient: PatientRecord; today: string; weeks: Weeks };

/** The first day of the charts' range (and of the monitored sessions listed under them). */
export const rangeStart = (today: string, weeks: Weeks) => addDays(today, -(weeks * 7) + 1);

const why = (s: MonitoredSessions['sessions'][number]) => s.tolerance.reasons.map((r) => reasonText(r, s, s.tolerance.weeklyPain)).join(', ');

/** When the portal can bring entries: now, once the invite is accepted, once invited. */
function portalWhen(account: Awaited<ReturnType<typeof loadPortalAccount>> | null) {
  return account?.status === 'active' ? '' : account?.status === 'invited' ? ' (once the invite is accepted)' : account?.status === 'deactivated' ? ' (access is turned off)' : ' (once invited)';
}
const accountOf = (actor: Actor, patientId: string) => (can(actor, 'patient:invite') ? loadPortalAccount(actor, patientId) : Promise.resolve(null));

/** The left column: pain, load, pain during sessions, distance and adherence charts. */
export async function PatientCharts({ actor, patient, today, weeks, method }: SectionProps & { method: 'ewma' | 'rolling' }) {
  const [trends, monitoring, pain, sessions, program, account] = await Promise.all([
    loadTrends(actor, patient.id, weeks),
    loadMonitoredSessions(actor, patient.id, rangeStart(today, weeks)),
    loadRecentPain(actor, patient.id),
    loadRecentSessions(actor, patient.id),
    loadActiveProgram(actor, patient.id),
    accountOf(actor, patient.id),
  ]);
  // The charts get the same values packed as columns, a third of the bytes (lib/charts/packed-trends.ts).
  const packed = packTrends(trends);
  const link = (changes: { weeks?: string; acwr?: string }) => {
    const next = new URLSearchParams({ weeks: String(weeks), acwr: method, ...changes });
    return `/patients/${patient.id}?${next}`;
  };
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
  const olderRange = weeks < 52 ? { href: link({ weeks: '52' }), label: 'Show 52 weeks' } : null;
  /** Nothing in range although there are entries: say when the last one was, and offer a longer range. */
  const outOfRange = (what: string, date: string | undefined) =>
    date ? `No ${what} in the last ${weeks} weeks; the last was on ${formatDate(date)}.` : null;

  return (
    <>
      {(has.pain || has.load) && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Pain, load and adherence together</h2>
          <CombinedChart trends={packed} />
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
          <PainChart trends={packed} />
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
          <LoadChart trends={packed} method={method} />
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
            <DistanceChart trends={packed} unit={actor.distanceUnit} />
          ) : (
            <EmptyChart testId="empty-distance" title={has.load ? `No running distance in the last ${weeks} weeks` : 'No runs yet'} actions={[canLog ? { href: '#log-for-patient', label: 'Log a run' } : null]}>
              Weekly running distance appears here when a run is logged with its distance ({actor.distanceUnit}), in the portal or in clinic.
            </EmptyChart>
          )}
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Home exercise adherence</h2>
          {program || trends.adherence.some((a) => a.prescribed > 0) ? (
            <AdherenceChart trends={packed} />
          ) : (
            <EmptyChart testId="empty-adherence" title="No home program yet" actions={[can(actor, 'program:write') ? { href: `/patients/${patient.id}/program`, label: 'Build a program', primary: true } : null]}>
              Adherence appears here once {first} has a home exercise program and ticks off exercises in the portal: completed against prescribed doses, from the first full week.
            </EmptyChart>
          )}
        </Card>
      </div>
    </>
  );
}

/** The current program and whether the patient's own reminders are on. */
export async function ProgramCard({ actor, patient }: SectionProps) {
  const [program, reminders] = await Promise.all([loadActiveProgram(actor, patient.id), loadReminders(actor, patient.id)]);
  return (
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
  );
}

/** Outcome measures: schedules, scores and change (the card itself is measures-card.tsx). */
export async function MeasuresSection({ actor, patient }: SectionProps) {
  const measures = await loadMeasures(actor, patient.id);
  return <MeasuresCard patientId={patient.id} measures={measures} assignable={assignableMeasures()} canAssign={can(actor, 'program:write') && patient.status === 'active'} />;
}

export async function RecentPain({ actor, patient, today }: SectionProps) {
  const [pain, account] = await Promise.all([loadRecentPain(actor, patient.id), accountOf(actor, patient.id)]);
  return (
    <Card>
      <h2 className="text-lg font-semibold">Recent pain</h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="recent-pain">
        {pain.length === 0 && <li className="py-1 text-slate-600">None yet. Scores arrive when {patient.firstName} logs pain in the portal{portalWhen(account)} or you save a clinic score under &ldquo;Log for this patient&rdquo;.</li>}
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
  );
}

export async function RecentTraining({ actor, patient, today, weeks }: SectionProps) {
  const [sessions, monitoring, account] = await Promise.all([
    loadRecentSessions(actor, patient.id),
    loadMonitoredSessions(actor, patient.id, rangeStart(today, weeks)),
    accountOf(actor, patient.id),
  ]);
  const monitored = new Map(monitoring.sessions.map((s) => [s.id, s]));
  return (
    <Card>
      <h2 className="text-lg font-semibold">Recent training</h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="recent-sessions">
        {sessions.length === 0 && <li className="py-1 text-slate-600">None yet. Sessions arrive when {patient.firstName} logs training in the portal{portalWhen(account)} or you save one under &ldquo;Log for this patient&rdquo;.</li>}
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
  );
}

/** Every program the patient has had, version by version, with what changed. */
export async function ProgramHistory({ actor, patient }: SectionProps) {
  const history = await loadProgramHistory(actor, patient.id);
  if (history.length === 0) return null;
  return (
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
  );
}

/** While a section's reads are on their way: its title and a quiet placeholder of its size. */
export function SectionSkeleton({ title, height = 'h-40', testId }: { title: string; height?: string; testId?: string }) {
  return (
    <div data-stream-skeleton="">
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{title}</h2>
        <div className={`${height} w-full animate-pulse rounded-xl bg-slate-100`} aria-hidden="true" data-testid={testId} />
        <p className="sr-only" role="status">Loading {title.toLowerCase()}…</p>
      </Card>
    </div>
  );
}

/**
 * Without JavaScript, React's streamed sections stay hidden (a script moves them into place,
 * and a browser's own [hidden] rule cannot be overridden): say so instead of showing
 * placeholders that never fill.
 */
export function StreamedWithoutJavaScript() {
  return (
    <noscript>
      <style>{'[data-stream-skeleton]{display:none!important}'}</style>
      <p className="mb-4 rounded-xl bg-slate-100 p-3 text-sm text-slate-700">
        Without JavaScript this page shows the patient&apos;s details, alerts and warning signs; the charts, program, measures and recent entries need it.
      </p>
    </noscript>
  );
}

/** The charts column while its reads and analytics run. */
export function ChartsSkeleton() {
  return (
    <div className="space-y-4">
      <SectionSkeleton title="Pain" height="h-64" testId="charts-loading" />
      <SectionSkeleton title="Training load" height="h-64" />
      <SectionSkeleton title="Pain during sessions" />
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
