import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/app/_components/app-shell';
import { PortalDoneToggle } from './_components/portal-done-toggle';
import { formatDosage, Illustration } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listCompletions } from '@/lib/data/completions';
import { getCareContact, getPatient } from '@/lib/data/patients';
import { getActiveProgram } from '@/lib/data/programs';
import { dueMeasures } from '@/lib/data/measures';
import { getReminderSettings } from '@/lib/data/reminders';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { CHECK_IN_DAYS, NOT_TOLERATED_ADVICE } from '@/lib/analytics/pain-monitoring';
import { addDays, localDate } from '@/lib/dates';
import { formatDateTime, formatLongDay, formatRelativeDate, localHour } from '@/lib/format';
import { RedFlagNotice } from '@/app/_components/portal-red-flag-notice';
import { listSafetyAlerts } from '@/lib/data/safety-alerts';
import { receiptOfAlert } from '@/lib/safety/receipt';
import { ACTIVITY_LABELS } from '@/lib/validation/vocabulary';
import { MorningCheckIn } from './_components/morning-check-in';
import { QuestionnaireLinks } from './_components/questionnaire-links';

export const metadata: Metadata = { title: 'Today' };

/**
 * When a report was entered, for the patient: "today at 14:29", "yesterday at 09:10", "on 30 Nov
 * 2026, 18:02". The day is the instant's own (a report may describe an earlier day); the clinic's
 * version of this is `when` in warning-sign-card.tsx.
 */
function reportedLabel(at: Date, today: string, timeZone: string): string {
  const full = formatDateTime(at, timeZone);
  const day = formatRelativeDate(localDate(at, timeZone), today);
  return day === 'Today' || day === 'Yesterday' ? `${day.toLowerCase()} at ${full.slice(-5)}` : `on ${full}`;
}

function greeting(timeZone: string): string {
  const hour = localHour(new Date(), timeZone);
  return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
}

export default async function PortalTodayPage() {
  const actor = await requirePageActor('program:read');
  const patientId = actor.patientId ?? '';
  const today = localDate(new Date(), actor.timeZone);
  const [me, program, completions, monitoring, questionnaires, reminders, [latestWarningSign]] = await Promise.all([
    getPatient(actor, patientId),
    getActiveProgram(actor, patientId),
    listCompletions(actor, patientId, addDays(today, -6), today),
    // The sessions whose next-morning check-in is open, and the week's verdicts for the alert's advice.
    listMonitoredSessions(actor, patientId, addDays(today, -6)),
    dueMeasures(actor),
    getReminderSettings(actor, patientId),
    // A patient has at most one open warning sign, and it is their newest.
    listSafetyAlerts(actor, patientId, 1),
  ]);
  const openWarningSign = latestWarningSign?.status === 'open' ? latestWarningSign : null;
  // The practice's numbers only for the warning-sign card: most patients have none open.
  const contact = openWarningSign ? await getCareContact(actor, patientId) : null;
  // Open questions, and those answered today (so the answer's verdict stays in view).
  const checkIns = monitoring.sessions.filter((s) => (s.checkInOpen || s.checkInAnsweredOn === today) && s.date >= addDays(today, -CHECK_IN_DAYS)).reverse();
  const doneToday = new Set(completions.filter((c) => c.completedOn === today).map((c) => c.programItemId));
  // Days in the last 7 with a tick, per exercise, counted once.
  const tickedDays = new Map<string, Set<string>>();
  for (const c of completions) tickedDays.set(c.programItemId, (tickedDays.get(c.programItemId) ?? new Set()).add(c.completedOn));
  const daysThisWeek = (itemId: string) => tickedDays.get(itemId)?.size ?? 0;
  const dateLine = formatLongDay(new Date(), actor.timeZone);
  const items = program?.items ?? [];
  // An exercise prescribed fewer than 7 times a week is not due again once the last 7 days
  // hold enough sessions (unless it was ticked today, so it can still be undone here).
  const targetMet = (item: ProgramItem) => item.sessionsPerWeek < 7 && !doneToday.has(item.id) && daysThisWeek(item.id) >= item.sessionsPerWeek;
  const due = items.filter((i) => !targetMet(i));
  const metThisWeek = items.filter(targetMet);
  const doneCount = due.filter((i) => doneToday.has(i.id)).length;

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">
          {greeting(actor.timeZone)}, {me.firstName}
        </h1>
        <p className="text-slate-600">{dateLine}</p>
      </div>

      {openWarningSign && contact && (
        // Until the practice closes it, the warning sign the patient reported stays at the top of
        // Today with its advice and who was told, so closing the app does not lose it.
        <div data-testid="open-warning-sign">
          <RedFlagNotice symptoms={openWarningSign.flags} receipt={receiptOfAlert(openWarningSign)} contact={contact} reported={reportedLabel(openWarningSign.lastReportAt, today, actor.timeZone)} />
          <Link href="/portal/history" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-800 underline">See it in your history</Link>
        </div>
      )}

      {monitoring.notTolerated && (
        <p className="rounded-2xl bg-amber-50 p-4 text-base font-semibold text-amber-950 ring-1 ring-amber-500" data-testid="not-tolerated-advice">
          {NOT_TOLERATED_ADVICE}
        </p>
      )}

      {checkIns.length > 0 && (
        <section aria-label="Morning check-in" className="space-y-3">
          {checkIns.map((s) => (
            <MorningCheckIn key={s.id} sessionId={s.id} sessionLabel={sessionLabel(s.date, s.activity, today)} painDuring={s.painDuring} limits={monitoring.limits} answered={s.checkInAnsweredOn === null ? null : s.tolerance} />
          ))}
        </section>
      )}

      {questionnaires.length > 0 && (
        <section aria-labelledby="due-questionnaires" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="due-questionnaires">
          <h2 id="due-questionnaires" className="text-lg font-semibold">
            Questionnaires to fill in ({questionnaires.length})
          </h2>
          <p className="text-sm text-slate-700">{me.treatingPhysioName ?? 'Your physio'} asked for these. Each takes a few minutes; you can save and finish later.</p>
          <QuestionnaireLinks measures={questionnaires} className="mt-2" />
        </section>
      )}

      <div className="grid grid-cols-2 gap-2">
        <Link href="/portal/log?tab=pain" className="flex min-h-14 items-center justify-center rounded-xl bg-brand-700 px-3 text-center text-base font-semibold text-white" data-testid="quick-log-pain">
          Log pain
        </Link>
        <Link href="/portal/log?tab=session" className="flex min-h-14 items-center justify-center rounded-xl bg-brand-700 px-3 text-center text-base font-semibold text-white" data-testid="quick-log-session">
          Log a run
        </Link>
      </div>

      <p className="text-sm text-slate-700" data-testid="reminders-link">
        {reminders.exerciseReminderAt && !reminders.unsubscribed ? `Daily reminder at ${reminders.exerciseReminderAt}. ` : 'No daily reminder. '}
        <Link href="/portal/reminders" className="inline-flex min-h-11 items-center font-medium text-brand-800 underline">
          {reminders.exerciseReminderAt && !reminders.unsubscribed ? 'Change reminders' : 'Set a reminder'}
        </Link>
      </p>

      {!program || items.length === 0 ? (
        <EmptyState title="No exercises yet">
          <p>{me.treatingPhysioName ?? 'Your physio'} will set up your exercise program after your next visit, and it will show up here.</p>
          <p className="mt-2">In the meantime you can still log your pain and your runs.</p>
        </EmptyState>
      ) : (
        <section aria-labelledby="today-exercises" className="space-y-3">
          <div className="flex items-baseline justify-between gap-2">
            <h2 id="today-exercises" className="text-lg font-semibold">
              Today’s exercises
            </h2>
            <p className="text-sm text-slate-700" data-testid="today-progress">
              {doneCount} of {due.length} done
            </p>
          </div>
          {due.length === 0 ? (
            <p className="rounded-2xl bg-green-50 p-4 text-base text-green-900 ring-1 ring-green-200" data-testid="today-all-done">
              Nothing more is due today: every exercise has reached its target for the week.
            </p>
          ) : (
            <ul className="space-y-3">
              {due.map((item) => (
                <TodayItem key={item.id} item={item} doneToday={doneToday.has(item.id)} weekDays={daysThisWeek(item.id)} testId="today-item" />
              ))}
            </ul>
          )}
          {metThisWeek.length > 0 && (
            <details className="group rounded-2xl bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="today-target-met">
              <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1 font-semibold text-slate-800">
                <span aria-hidden="true" className="transition group-open:rotate-90">▸</span> Weekly target reached ({metThisWeek.length})
              </summary>
              <p className="mt-1 text-sm text-slate-700">These are done often enough for the last 7 days. Rest is part of the plan; you can still do one as an extra.</p>
              <ul className="mt-3 space-y-3">
                {metThisWeek.map((item) => (
                  <TodayItem key={item.id} item={item} doneToday={false} weekDays={daysThisWeek(item.id)} testId="today-extra-item" />
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </div>
  );
}

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** "yesterday's run", "Saturday's strength session". */
function sessionLabel(date: string, activity: string, today: string): string {
  const what = activity === 'strength' ? 'strength session' : (ACTIVITY_LABELS[activity] ?? 'session').toLowerCase();
  if (date === addDays(today, -1)) return `yesterday’s ${what}`;
  const weekday = weekdayFormat.format(new Date(`${date}T12:00:00Z`));
  return `${weekday}’s ${what}`;
}

type ProgramItem = NonNullable<Awaited<ReturnType<typeof getActiveProgram>>>['items'][number];

/** One exercise: drawing, dose, this week's count, the steps one tap away and a big done button. */
function TodayItem({ item, doneToday, weekDays, testId }: { item: ProgramItem; doneToday: boolean; weekDays: number; testId: string }) {
  return (
    <li className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200" data-testid={testId} data-item-id={item.id}>
      <div className="flex gap-3">
        <div className="w-28 shrink-0" aria-hidden="true">
          <Illustration slug={item.exercise.slug} title={item.exercise.title} kind={item.exercise.illustration} />
        </div>
        <div className="min-w-0 flex-1">
          <h3 className="text-base font-semibold leading-snug" data-testid="today-item-title">
            {item.exercise.title}
          </h3>
          <p className="text-base font-medium text-brand-800">{formatDosage(item)}</p>
          {item.sessionsPerWeek < 7 && (
            <p className="text-sm text-slate-700">
              Last 7 days: {weekDays} of {item.sessionsPerWeek}
            </p>
          )}
        </div>
      </div>
      {item.notes && <p className="mt-2 text-sm text-slate-700">{item.notes}</p>}
      <details className="group mt-2">
        <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1 font-medium text-brand-800">
          <span aria-hidden="true" className="transition group-open:rotate-90">▸</span> How to do it
        </summary>
        {item.exercise.illustration === 'figure' && (
          <Illustration slug={item.exercise.slug} title={item.exercise.title} kind="figure" className="mt-1" />
        )}
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-base">
          {item.exercise.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
        <p className="mt-2 text-sm text-slate-700">
          <strong className="font-semibold">You should feel:</strong> {item.exercise.feel}
        </p>
        <Link href={`/portal/exercises/${item.id}`} className="mt-1 inline-flex min-h-11 items-center font-medium text-brand-800 underline">
          Full instructions and cautions
        </Link>
      </details>
      <div className="mt-2">
        <PortalDoneToggle programItemId={item.id} title={item.exercise.title} done={doneToday} submitKey={randomUUID()} />
      </div>
    </li>
  );
}
