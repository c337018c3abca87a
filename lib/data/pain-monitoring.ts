import 'server-only';
import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { painReports, practices, sessionCheckIns, trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import {
  asksMorningCheckIn,
  checkInOpen,
  loadNotTolerated,
  painMonitoring,
  painMonitoringLimits,
  type MorningAfter,
  type PainMonitoringLimits,
  type SessionTolerance,
} from '@/lib/analytics/pain-monitoring';
import { dailyPain } from '@/lib/analytics/pain';
import { addDays, localDate, type IsoDate } from '@/lib/dates';
import { AppError, notFound } from '@/lib/errors';
import { writeMarkingAlerts } from './alert-state';
import { audit } from './audit';
import { assertPatientReachable, resolveEntryPatient } from './scope';

/** How far back a check-in's verdict is looked up (the check-in itself is open for two days). */
const CHECK_IN_LOOKBACK_DAYS = 14;

async function practiceLimits(practiceId: string): Promise<PainMonitoringLimits> {
  const [row] = await getDb().select({ settings: practices.settings }).from(practices).where(eq(practices.id, practiceId)).limit(1);
  if (!row) throw notFound('Practice not found.');
  return painMonitoringLimits(row.settings);
}

export type MonitoredSessionRow = {
  id: string;
  date: IsoDate;
  activity: string;
  durationMin: number;
  distanceKm: number | null;
  /** Null for an imported run not rated yet. */
  rpe: number | null;
  painDuring: number | null;
  morningAfter: MorningAfter | null;
  /** The day the next-morning question was answered (null: not answered). */
  checkInAnsweredOn: IsoDate | null;
  /** Whether the next-morning question can be answered today. */
  checkInOpen: boolean;
  tolerance: SessionTolerance;
};

/**
 * The patient's live sessions from..to with their check-ins and the verdict of
 * lib/analytics/pain-monitoring.ts as of today; newest first. The same verdicts feed the
 * portal, the patient page and (through the alert refresh) the dashboard.
 */
export async function listMonitoredSessions(actor: Actor, patientId: string, from: IsoDate, to?: IsoDate): Promise<MonitoredSessions> {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  return monitoredSessionsOf({ practiceId: actor.practiceId, timeZone: actor.timeZone }, patientId, from, to);
}

export type MonitoredSessions = { sessions: MonitoredSessionRow[]; limits: PainMonitoringLimits; notTolerated: boolean };

/** listMonitoredSessions without the access checks, for callers that made their own (the export). */
export async function monitoredSessionsOf(actor: { practiceId: string; timeZone: string }, patientId: string, from: IsoDate, to?: IsoDate): Promise<MonitoredSessions> {
  const db = getDb();
  const today = localDate(new Date(), actor.timeZone);
  const until = to ?? today;
  const [rows, pain, limits] = await Promise.all([
    db
      .select({
        id: trainingSessions.id, date: trainingSessions.localDate, activity: trainingSessions.activity, durationMin: trainingSessions.durationMin,
        distanceKm: trainingSessions.distanceKm, rpe: trainingSessions.rpe, painDuring: trainingSessions.painDuring,
        // A correction keeps the check-in given to the entry it replaced.
        // (Columns spelled out: drizzle leaves them unqualified here, and "id" would mean c.id.)
        morningAfter: sql<MorningAfter | null>`(SELECT c.morning_after FROM session_check_ins c WHERE c.session_id IN (training_sessions.id, training_sessions.corrects_id) ORDER BY c.created_at DESC LIMIT 1)`,
        checkInAnsweredOn: sql<IsoDate | null>`(SELECT c.answered_on::text FROM session_check_ins c WHERE c.session_id IN (training_sessions.id, training_sessions.corrects_id) ORDER BY c.created_at DESC LIMIT 1)`,
      })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.practiceId, actor.practiceId), eq(trainingSessions.patientId, patientId), isNull(trainingSessions.voidedAt), gte(trainingSessions.localDate, from), lte(trainingSessions.localDate, until)))
      .orderBy(desc(trainingSessions.localDate), desc(trainingSessions.createdAt))
      .limit(2000),
    // The weekly rise of the oldest session looks back 13 days.
    db
      .select({ date: painReports.localDate, score: painReports.score })
      .from(painReports)
      .where(and(eq(painReports.practiceId, actor.practiceId), eq(painReports.patientId, patientId), isNull(painReports.voidedAt), gte(painReports.localDate, addDays(from, -13)), lte(painReports.localDate, until))),
    practiceLimits(actor.practiceId),
  ]);
  // A year of sessions is judged against the same days of pain: index them once.
  const daily = dailyPain(pain);
  const sessions = rows.map((s) => ({
    ...s,
    checkInOpen: asksMorningCheckIn(s.activity) && s.morningAfter === null && checkInOpen(s.date, today),
    tolerance: painMonitoring(s, daily, today, limits),
  }));
  return { sessions, limits, notTolerated: until === today && loadNotTolerated(sessions, daily, today, limits) !== null };
}

/**
 * The next-morning check-in for one session: the patient's own (or a physio's for a patient
 * of the practice), answered on the two days after a run or strength session, once.
 */
export async function recordMorningCheckIn(actor: Actor, input: { sessionId: string; morningAfter: MorningAfter; patientId?: string }): Promise<{ duplicate: boolean; patientId: string; tolerance: SessionTolerance }> {
  assertCan(actor, 'entry:log');
  const today = localDate(new Date(), actor.timeZone);
  const result = await writeMarkingAlerts(actor, async (tx) => {
    const patientId = await resolveEntryPatient(tx, actor, input.patientId);
    const [session] = await tx
      .select({ id: trainingSessions.id, date: trainingSessions.localDate, activity: trainingSessions.activity, correctsId: trainingSessions.correctsId })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.id, input.sessionId), eq(trainingSessions.practiceId, actor.practiceId), eq(trainingSessions.patientId, patientId), isNull(trainingSessions.voidedAt)))
      .limit(1);
    if (!session) throw notFound('Session not found.');
    if (!asksMorningCheckIn(session.activity)) throw new AppError('invalid', 'The morning check-in is for runs and strength sessions.');
    const [existing] = await tx
      .select({ id: sessionCheckIns.id })
      .from(sessionCheckIns)
      .where(or(eq(sessionCheckIns.sessionId, session.id), session.correctsId ? eq(sessionCheckIns.sessionId, session.correctsId) : undefined))
      .limit(1);
    if (existing) return { duplicate: true, patientId };
    if (!checkInOpen(session.date, today)) throw new AppError('invalid', 'The morning check-in can be answered on the two days after the session.');
    const [row] = await tx
      .insert(sessionCheckIns)
      .values({ practiceId: actor.practiceId, patientId, sessionId: session.id, morningAfter: input.morningAfter, answeredOn: today, enteredBy: actor.userId })
      .onConflictDoNothing({ target: sessionCheckIns.sessionId })
      .returning({ id: sessionCheckIns.id });
    if (!row) return { duplicate: true, patientId };
    await audit(tx, actor, { action: 'session.check_in', entity: 'training_session', entityId: session.id, patientId, meta: { morningAfter: input.morningAfter } });
    return { duplicate: false, patientId };
  }, { changed: (r) => !r.duplicate });
  const { sessions } = await listMonitoredSessions(actor, result.patientId, addDays(today, -(CHECK_IN_LOOKBACK_DAYS)));
  const tolerance = sessions.find((s) => s.id === input.sessionId)?.tolerance;
  if (!tolerance) throw notFound('Session not found.');
  return { ...result, tolerance };
}
