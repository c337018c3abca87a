import 'server-only';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { exerciseCompletions, painReports, patients, programs, programVersions, trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { metricsSeries, weeklyLoads, type Session } from '@/lib/analytics/load';
import { painChange, painTrend } from '@/lib/analytics/pain';
import { addDays, dateRange, localDate } from '@/lib/dates';
import { notFound } from '@/lib/errors';
import type { ProgramSnapshot } from '@/lib/validation/program';
import { assertOwnPatient } from './scope';

export const TREND_WEEKS = [4, 12, 26, 52] as const;

/**
 * Everything the patient page's charts need for the last `weeks` weeks, computed by the
 * pure functions in lib/analytics from the patient's full history (EWMA needs it).
 */
export async function getPatientTrends(actor: Actor, patientId: string, weeks: (typeof TREND_WEEKS)[number]) {
  assertCan(actor, 'patient:readClinical');
  assertOwnPatient(actor, patientId);
  const db = getDb();
  const today = localDate(new Date(), actor.timeZone);
  const from = addDays(today, -(weeks * 7) + 1);
  const [patient] = await db
    .select({ baselineDate: patients.baselineDate })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, actor.practiceId)));
  if (!patient) throw notFound('Patient not found.');
  const scope = (t: typeof painReports | typeof trainingSessions) => and(eq(t.practiceId, actor.practiceId), eq(t.patientId, patientId), isNull(t.voidedAt), lte(t.localDate, today));
  const [pain, sessions, ticks, programRows] = await Promise.all([
    db.select({ date: painReports.localDate, score: painReports.score, redFlags: painReports.redFlags }).from(painReports).where(scope(painReports)),
    db.select({ date: trainingSessions.localDate, durationMin: trainingSessions.durationMin, rpe: trainingSessions.rpe, distanceKm: trainingSessions.distanceKm, activity: trainingSessions.activity }).from(trainingSessions).where(scope(trainingSessions)),
    db
      .select({ date: exerciseCompletions.completedOn, n: sql<number>`count(*)::int` })
      .from(exerciseCompletions)
      .where(and(eq(exerciseCompletions.practiceId, actor.practiceId), eq(exerciseCompletions.patientId, patientId), isNull(exerciseCompletions.voidedAt), sql`${exerciseCompletions.completedOn} >= ${addDays(from, -7)}`))
      .groupBy(exerciseCompletions.completedOn),
    db
      .select({ startDate: programs.startDate, endDate: programs.endDate, snapshot: programVersions.snapshot })
      .from(programs)
      .innerJoin(programVersions, and(eq(programVersions.programId, programs.id), eq(programVersions.version, programs.version)))
      .where(and(eq(programs.practiceId, actor.practiceId), eq(programs.patientId, patientId))),
  ]);

  const baselineDate = patient.baselineDate ?? programRows.map((p) => p.startDate).sort()[0] ?? null;
  const trend = painTrend(pain, from, today);
  const redFlagDays = new Set(pain.filter((p) => p.redFlags.length > 0).map((p) => p.date));
  const change = baselineDate ? painChange(pain, baselineDate, today) : null;

  const sessionList: Session[] = sessions;
  const daily = metricsSeries(sessionList, from, today);
  const weekly = weeklyLoads(sessionList, from, today).map((w) => {
    const m = daily.find((d) => d.date === w.weekEnd);
    return { ...w, ewmaAcwr: m?.ewmaAcwr ?? null, acwr: m?.acwr ?? null, distanceChangePct: m?.weeklyDistanceChangePct ?? null };
  });

  // Prescribed doses a week: each program's per-week total, for the days it ran in that week.
  const perWeekOf = (s: unknown) => (s as ProgramSnapshot).items.reduce((sum, i) => sum + i.sessionsPerWeek, 0);
  const tickByDate = new Map(ticks.map((t) => [t.date, t.n]));
  const adherence = weekly.map((w) => {
    const days = dateRange(addDays(w.weekEnd, -6), w.weekEnd);
    const prescribed = days.reduce((sum, day) => sum + programRows.filter((p) => p.startDate <= day && (!p.endDate || p.endDate >= day)).reduce((s, p) => s + perWeekOf(p.snapshot) / 7, 0), 0);
    const completed = days.reduce((sum, day) => sum + (tickByDate.get(day) ?? 0), 0);
    return { weekEnd: w.weekEnd, completed, prescribed: Math.round(prescribed * 10) / 10 };
  });

  return {
    from,
    today,
    baselineDate,
    pain: trend.map((p) => ({ ...p, redFlag: redFlagDays.has(p.date) })),
    painChange: change,
    weekly,
    latest: daily.at(-1) ?? null,
    adherence,
  };
}

export type PatientTrends = Awaited<ReturnType<typeof getPatientTrends>>;
