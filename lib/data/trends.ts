import 'server-only';
import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { painReports, patients, practices, programs, trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { adherence as adherenceOf } from '@/lib/analytics/adherence';
import { DEFAULT_THRESHOLDS } from '@/lib/analytics/alerts';
import { LOAD_HISTORY_DAYS, loadHistoryStart, weeklyLoadChanges, windowedLoadMetricsOn, type Session } from '@/lib/analytics/load';
import { DEFAULT_PAIN_MCID, painBaselineComparison, painBaselineDate, painTrend } from '@/lib/analytics/pain';
import { addDays, localDate } from '@/lib/dates';
import { notFound } from '@/lib/errors';
import { adherenceCompletionsSql, adherenceItemsSql, rowsOf, toAdherenceCompletion, toAdherenceItem, type AdherenceCompletionRow, type AdherenceItemRow } from './adherence-items';
import { assertOwnPatient } from './scope';

export const TREND_WEEKS = [4, 12, 26, 52] as const;

/**
 * Everything the patient page's charts need for the last `weeks` weeks, computed by the
 * pure functions in lib/analytics from the patient's full history (EWMA needs it).
 */
export async function getPatientTrends(actor: Actor, patientId: string, weeks: (typeof TREND_WEEKS)[number]) {
  assertCan(actor, 'patient:readClinical');
  assertOwnPatient(actor, patientId);
  return patientTrendsOf({ practiceId: actor.practiceId, timeZone: actor.timeZone }, patientId, weeks);
}

/** getPatientTrends without the access checks, for callers that made their own (the export). */
export async function patientTrendsOf(actor: { practiceId: string; timeZone: string }, patientId: string, weeks: (typeof TREND_WEEKS)[number]) {
  const db = getDb();
  const today = localDate(new Date(), actor.timeZone);
  const from = addDays(today, -(weeks * 7) + 1);
  const scope = (t: typeof painReports | typeof trainingSessions) => and(eq(t.practiceId, actor.practiceId), eq(t.patientId, patientId), isNull(t.voidedAt), lte(t.localDate, today));
  // Every read at once, the patient's own row among them (every read is scoped to the practice,
  // so a patient of another practice reads nothing and is refused below).
  const [[patient], pain, sessions, tickRows, itemRows, programRows] = await Promise.all([
    db
      .select({ baselineDate: patients.baselineDate, settings: practices.settings })
      .from(patients)
      .innerJoin(practices, eq(practices.id, patients.practiceId))
      .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId))),
    db.select({ date: painReports.localDate, score: painReports.score, redFlags: painReports.redFlags }).from(painReports).where(scope(painReports)),
    db.select({ date: trainingSessions.localDate, durationMin: trainingSessions.durationMin, rpe: trainingSessions.rpe, distanceKm: trainingSessions.distanceKm, activity: trainingSessions.activity }).from(trainingSessions)
      // The ratios' history window (LOAD_HISTORY_DAYS, as the alerts read it) of every day shown, and the week before the first.
      .where(and(scope(trainingSessions), gte(trainingSessions.localDate, loadHistoryStart(addDays(from, -7))))),
    db.execute(adherenceCompletionsSql(actor.practiceId, sql`${patientId}::uuid`, from, today)),
    db.execute(adherenceItemsSql(actor.practiceId, actor.timeZone, sql`${patientId}::uuid`, from, today)),
    db.select({ startDate: programs.startDate, status: programs.status }).from(programs).where(and(eq(programs.practiceId, actor.practiceId), eq(programs.patientId, patientId))),
  ]);
  if (!patient) throw notFound('Patient not found.');

  // The alerts' rule (lib/analytics/pain.ts): the patient's set date, else the current program's start.
  const baselineDate = painBaselineDate(patient.baselineDate, programRows.find((p) => p.status === 'active')?.startDate);
  const setting = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  const mcid = { minPoints: setting(patient.settings.painWorseMinPoints, DEFAULT_PAIN_MCID.minPoints), pct: DEFAULT_PAIN_MCID.pct };
  const trend = painTrend(pain, from, today);
  const redFlagDays = new Set(pain.filter((p) => p.redFlags.length > 0).map((p) => p.date));
  const change = painBaselineComparison(pain, baselineDate, today, mcid);

  const sessionList: Session[] = sessions;
  // Ratios on each week's last day from that day's history window, exactly as the alerts compute them.
  const weekLoads = weeklyLoadChanges(sessionList, from, today);
  const ratios = windowedLoadMetricsOn(sessionList, [...weekLoads.map((w) => w.weekEnd), today]);
  const weekly = weekLoads.map((w, i) => {
    const m = ratios[i]!;
    return { ...w, ewmaAcwr: m.ewmaAcwr, acwr: m.acwr, distanceChangePct: m.weeklyDistanceChangePct };
  });
  const latest = { date: today, ...ratios[weekLoads.length]! };

  // Week by week by the one adherence definition (lib/analytics/adherence.ts): per exercise,
  // capped, averaged; pct null for a week with fewer than 7 program days ("too early").
  const items = rowsOf<AdherenceItemRow>(itemRows).map(toAdherenceItem);
  // Sorted by day, so each week is handed its own ticks (the weeks run oldest first) instead of
  // the year's; adherence() still keeps only the ticks of the days it is asked about.
  const ticks = rowsOf<AdherenceCompletionRow>(tickRows).map(toAdherenceCompletion).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let weekFirstTick = 0;
  const adherence = weekly.map((w) => {
    const weekStart = addDays(w.weekEnd, -6);
    while (weekFirstTick < ticks.length && ticks[weekFirstTick]!.date < weekStart) weekFirstTick++;
    let weekEndTick = weekFirstTick;
    while (weekEndTick < ticks.length && ticks[weekEndTick]!.date <= w.weekEnd) weekEndTick++;
    const a = adherenceOf(items, ticks.slice(weekFirstTick, weekEndTick), weekStart, w.weekEnd);
    return { weekEnd: w.weekEnd, completed: Math.round(a.completed * 10) / 10, prescribed: Math.round(a.prescribed * 10) / 10, pct: a.pct };
  });

  return {
    from,
    today,
    baselineDate,
    pain: trend.map((p) => ({ ...p, redFlag: redFlagDays.has(p.date) })),
    painChange: change,
    weekly,
    latest,
    /** The practice's alert level for the ratio and the history window the ratios are read from. */
    acwrAlert: setting(patient.settings.acwrSpike, DEFAULT_THRESHOLDS.acwrSpike),
    /** The distance-spike alert's level, which colours the distance chart red above it. */
    distanceRedPct: setting(patient.settings.weeklyDistanceRedPct, DEFAULT_THRESHOLDS.weeklyDistanceRedPct),
    loadHistoryDays: LOAD_HISTORY_DAYS,
    adherence,
  };
}

export type PatientTrends = Awaited<ReturnType<typeof patientTrendsOf>>;
