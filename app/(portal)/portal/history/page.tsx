import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/app/_components/app-shell';
import { PortalLoadChartLazy, PortalPainChartLazy } from '@/app/_components/portal-charts-lazy';
import { dayLabel, formatDistance, kmToUnit, shortDay } from '@/app/_components/portal-format';
import { PortalHistoryEntry, type HistoryEntry } from '@/app/_components/portal-history-entry';
import { painTrend } from '@/lib/analytics/pain';
import { weeklyLoads } from '@/lib/analytics/load';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listEntries } from '@/lib/data/entries';
import { listSafetyAlerts } from '@/lib/data/safety-alerts';
import { receiptOfAlert, receiptSentence } from '@/lib/safety/receipt';
import { CLOSE_ACTION_LABELS } from '@/lib/validation/safety';
import { getCareContact } from '@/lib/data/patients';
import { addDays, localDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'History' };

const WEEKS = 8;
const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export default async function PortalHistoryPage() {
  const actor = await requirePageActor('patient:readClinical');
  const patientId = actor.patientId ?? '';
  const today = localDate(new Date(), actor.timeZone);
  const from = addDays(today, -(WEEKS * 7 - 1));
  // A week more than shown, so the first days' 7-day pain average has its history.
  const lookBack = addDays(from, -6);
  const [contact, pain, sessions, warningSigns] = await Promise.all([
    getCareContact(actor, patientId),
    listEntries(actor, 'pain', patientId, { from: lookBack, to: today, includeVoided: true }),
    listEntries(actor, 'session', patientId, { from: lookBack, to: today, includeVoided: true }),
    listSafetyAlerts(actor, patientId),
  ]);
  // What happened to each warning sign, as recorded: who was emailed, or who followed it up.
  const safetyNote = new Map(
    warningSigns.map((w) => [
      w.id,
      w.status === 'closed' && w.closeAction
        ? `${w.closedByName ?? 'Your practice'} followed this up (${CLOSE_ACTION_LABELS[w.closeAction].toLowerCase()}).`
        : receiptSentence(receiptOfAlert(w)),
    ]),
  );

  // Charts count live entries only; the list shows everything, removed ones marked.
  const livePain = pain.filter((p) => !p.voidedAt);
  const liveSessions = sessions.filter((s) => !s.voidedAt);
  // Imported sessions without an effort rating add no load yet (docs/clinical.md): the chart says so.
  const unrated = liveSessions.filter((s) => s.rpe === null && s.localDate >= from).length;
  const trend = painTrend(livePain.map((p) => ({ date: p.localDate, score: p.score })), from, today);
  const weeks = weeklyLoads(liveSessions.map((s) => ({ date: s.localDate, durationMin: s.durationMin, rpe: s.rpe, distanceKm: s.distanceKm, activity: s.activity })), from, today);
  const weekRows = weeks.map((w) => {
    const days = trend.filter((t) => t.date > addDays(w.weekEnd, -7) && t.date <= w.weekEnd && t.daily !== null).map((t) => t.daily as number);
    const avg = mean(days);
    return { ...w, avgPain: avg === null ? null : round1(avg), maxPain: days.length ? Math.max(...days) : null };
  });
  const thisWeek = weekRows.at(-1);
  const lastWeek = weekRows.at(-2);

  const replaced = new Set([...pain, ...sessions].map((e) => e.correctsId).filter((id): id is string => Boolean(id)));
  const status = (e: { id: string; voidedAt: Date | null }) => (!e.voidedAt ? 'active' : replaced.has(e.id) ? 'corrected' : 'removed') as HistoryEntry['status'];
  const entries: (HistoryEntry & { sortAt: number })[] = [
    ...pain.filter((p) => p.localDate >= from).map((p) => ({
      kind: 'pain' as const, id: p.id, date: p.localDate, notes: p.notes, status: status(p), voidReason: p.voidReason, isCorrection: Boolean(p.correctsId),
      byClinic: p.source === 'clinic', score: p.score, locations: p.locations, timing: p.timing, symptoms: p.symptoms, redFlags: p.redFlags,
      safetyNote: p.safetyAlertId ? safetyNote.get(p.safetyAlertId) ?? null : null, sortAt: p.createdAt.getTime(),
    })),
    ...sessions.filter((s) => s.localDate >= from).map((s) => ({
      kind: 'session' as const, id: s.id, date: s.localDate, notes: s.notes, status: status(s), voidReason: s.voidReason, isCorrection: Boolean(s.correctsId),
      byClinic: s.source === 'clinic', activity: s.activity, durationMin: s.durationMin, distance: s.distanceKm === null ? null : kmToUnit(s.distanceKm, actor.distanceUnit),
      rpe: s.rpe, imported: s.source === 'import', terrain: s.terrain, painDuring: s.painDuring, sortAt: s.createdAt.getTime(),
    })),
  ].sort((a, b) => (a.date === b.date ? b.sortAt - a.sortAt : a.date < b.date ? 1 : -1));
  // The last two weeks day by day; older weeks folded, one line each, so the page stays short.
  const recentFrom = addDays(today, -13);
  const groupByDay = (list: typeof entries) => {
    const days = new Map<string, typeof entries>();
    for (const e of list) days.set(e.date, [...(days.get(e.date) ?? []), e]);
    return [...days.entries()];
  };
  const olderWeeks = [...weeks].reverse().filter((w) => w.weekEnd < recentFrom).map((w) => ({
    weekEnd: w.weekEnd,
    list: entries.filter((e) => e.date <= w.weekEnd && e.date > addDays(w.weekEnd, -7)),
  })).filter((w) => w.list.length > 0);
  const renderDays = (list: typeof entries) =>
    groupByDay(list).map(([day, dayList]) => (
      <section key={day} aria-label={dayLabel(day, today)} className="space-y-2">
        <h3 className="pt-2 text-sm font-semibold uppercase tracking-wide text-slate-700">{dayLabel(day, today)}</h3>
        <ul className="space-y-2">
          {dayList.map(({ sortAt: _sortAt, ...entry }) => (
            <PortalHistoryEntry key={entry.id} entry={entry} today={today} unit={actor.distanceUnit} contact={contact} />
          ))}
        </ul>
      </section>
    ));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">History</h1>
        <Link href="/portal/measures" className="inline-flex min-h-11 items-center font-medium text-brand-800 underline" data-testid="history-measures-link">
          Your questionnaires and their scores
        </Link>
      </div>

      <section aria-labelledby="progress" className="space-y-4">
        <h2 id="progress" className="sr-only">
          Progress over the last {WEEKS} weeks
        </h2>
        <div className="grid grid-cols-2 gap-2" data-testid="history-summary">
          <div className="rounded-2xl bg-white p-3 ring-1 ring-slate-200">
            <p className="text-sm text-slate-700">Average pain, last 7 days</p>
            <p className="text-2xl font-bold">{thisWeek?.avgPain ?? '–'}<span className="text-base font-normal text-slate-600">/10</span></p>
            <p className="text-sm text-slate-700">Week before: {lastWeek?.avgPain ?? '–'}</p>
          </div>
          <div className="rounded-2xl bg-white p-3 ring-1 ring-slate-200">
            <p className="text-sm text-slate-700">Training load, last 7 days</p>
            <p className="text-2xl font-bold">{Math.round(thisWeek?.load ?? 0).toLocaleString('en-GB')}</p>
            <p className="text-sm text-slate-700">Week before: {Math.round(lastWeek?.load ?? 0).toLocaleString('en-GB')}</p>
          </div>
        </div>

        <figure className="rounded-2xl bg-white p-3 ring-1 ring-slate-200">
          <figcaption className="text-base font-semibold">Pain each day</figcaption>
          <p className="text-sm text-slate-700">
            <span aria-hidden="true" className="mr-1 inline-block size-2.5 rounded-full bg-slate-600" />
            highest score of the day ·{' '}
            <span aria-hidden="true" className="mr-1 inline-block h-1 w-4 rounded bg-brand-700 align-middle" />
            7-day average
          </p>
          <PortalPainChartLazy data={trend} />
        </figure>

        <figure className="rounded-2xl bg-white p-3 ring-1 ring-slate-200">
          <figcaption className="text-base font-semibold">Training load per week</figcaption>
          <p className="text-sm text-slate-700">Minutes × effort (0–10) of every session, added up over each 7 days.</p>
          <PortalLoadChartLazy data={weeks} />
          {unrated > 0 && (
            <p className="mt-2 text-sm text-amber-900" data-testid="unrated-load-note">
              {unrated} imported {unrated === 1 ? 'session is' : 'sessions are'} not in this chart yet: not rated.{' '}
              <Link href="/portal/import" className="font-semibold underline">Rate {unrated === 1 ? 'it' : 'them'}</Link>
            </p>
          )}
        </figure>

        <details className="rounded-2xl bg-white px-3 ring-1 ring-slate-200">
          <summary className="flex min-h-11 cursor-pointer items-center font-medium text-brand-800">Show the figures as a table</summary>
          <div className="overflow-x-auto pb-3">
            <table className="w-full text-left text-sm" data-testid="history-table">
              <caption className="sr-only">Pain and training load per week, last {WEEKS} weeks</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-2 font-semibold">Week to</th>
                  <th scope="col" className="py-2 pr-2 font-semibold">Avg pain</th>
                  <th scope="col" className="py-2 pr-2 font-semibold">Worst</th>
                  <th scope="col" className="py-2 pr-2 font-semibold">Load</th>
                  <th scope="col" className="py-2 font-semibold">Running</th>
                </tr>
              </thead>
              <tbody>
                {[...weekRows].reverse().map((w) => (
                  <tr key={w.weekEnd} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-2 font-normal">{shortDay(w.weekEnd)}</th>
                    <td className="py-2 pr-2">{w.avgPain ?? '–'}</td>
                    <td className="py-2 pr-2">{w.maxPain ?? '–'}</td>
                    <td className="py-2 pr-2">{Math.round(w.load)}</td>
                    <td className="py-2">{w.distanceKm > 0 ? formatDistance(w.distanceKm, actor.distanceUnit) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="entries" className="space-y-3">
        <h2 id="entries" className="text-lg font-semibold">
          Your entries
        </h2>
        <p className="text-sm text-slate-700">Logged something wrong? Correct it or remove it. Nothing is erased: your physio sees what changed.</p>
        {entries.length === 0 ? (
          <EmptyState title="Nothing logged in the last 8 weeks">
            <Link href="/portal/log" className="font-medium text-brand-800 underline">
              Log your pain or a run
            </Link>
          </EmptyState>
        ) : (
          <>
            {renderDays(entries.filter((e) => e.date >= recentFrom))}
            {olderWeeks.map((w) => (
              <details key={w.weekEnd} className="rounded-2xl bg-white px-3 ring-1 ring-slate-200" data-testid="history-older-week">
                <summary className="flex min-h-12 cursor-pointer items-center justify-between gap-2 font-medium text-slate-900">
                  <span>
                    Week to {shortDay(w.weekEnd)}
                  </span>
                  <span className="text-sm font-normal text-slate-700">
                    {w.list.length} {w.list.length === 1 ? 'entry' : 'entries'} ▾
                  </span>
                </summary>
                <div className="pb-3">{renderDays(w.list)}</div>
              </details>
            ))}
          </>
        )}
      </section>
    </div>
  );
}
