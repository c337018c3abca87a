import 'server-only';
import { and, eq, inArray, is, isNotNull, or, SQL, sql, type Placeholder } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { after } from 'next/server';
import { getDb, type Db, type Tx } from '@/db/client';
import { executeCompiled, placeholder } from '@/db/compiled-statement';
import { alertAcknowledgements, patientAlertState, patients, practices } from '@/db/schema';
import { ADHERENCE_WINDOW_DAYS, alertAdherence, isAcknowledged, lastActivity, patientAlerts, SEVERITY_RANK, type Alert, type AlertInput, type OpenWarningSigns, type StoredAlert } from '@/lib/analytics/alerts';
import type { Actor } from '@/lib/access/actor';
import type { RedFlagTier } from '@/lib/validation/symptoms';
import { loadHistoryStart, type Session } from '@/lib/analytics/load';
import { painBaselineDate } from '@/lib/analytics/pain';
import { NOT_TOLERATED_WINDOW_DAYS, painMonitoringLimits, type MorningAfter } from '@/lib/analytics/pain-monitoring';
import { addDays, daysBetween, localDate } from '@/lib/dates';
import { markStaleAndQueueRefresh, markStaleCtes, scheduleAlertRefreshes } from '@/lib/jobs/alert-refresh';
import { inAppWorkerEnabled, runDueJobs } from '@/lib/jobs/worker';
import { adherenceCompletionsSql, adherenceItemsSql, rowsOf, toAdherenceCompletion, toAdherenceItem, type AdherenceCompletionRow, type AdherenceItemRow } from './adherence-items';
import { auditWrittenRows, auditWrittenValues, type AuditInput, type AuditWrittenValues } from './audit';

// Each patient's open alerts are computed by the pure functions in lib/analytics from
// their logs and kept in patient_alert_state: after every write that can change them,
// and once a day for everyone (windows move and "no log for 14 days" grows without any
// write). The dashboard then reads one indexed table.

const BATCH = 250;

export type { StoredAlert };

type Practice = typeof practices.$inferSelect;

type InputRows = {
  patients: { id: string; status: 'active' | 'discharged' | 'archived'; baseline_date: string | null; created_at: string }[];
  programs: { patient_id: string; start_date: string; per_week: number }[];
  pain: { patient_id: string; date: string; score: number }[];
  warning_signs: { patient_id: string; id: string; tier: RedFlagTier; flags: string[]; opened_at: string; last_report_date: string; report_count: number }[];
  sessions: { patient_id: string; date: string; load: number; run_km: number }[];
  monitored: { patient_id: string; date: string; activity: string; pain_during: number | null; morning_after: MorningAfter | null }[];
  completions: AdherenceCompletionRow[];
  items: AdherenceItemRow[];
  /** Each kind of log's latest day, for lastActivity (lib/analytics/alerts.ts). */
  last_logs: { patient_id: string; pain: string | null; session: string | null; tick: string | null; last_pain: { date: string; score: number } | null }[];
  acks: { id: string; patient_id: string; kind: string; level: number }[];
  /** Marked rows (markStaleAndQueueRefresh), with the mark as read beside these logs. */
  marks: { patient_id: string; stale_since: string }[];
};

/**
 * Everything the alerts of these patients depend on, in one statement: each part comes
 * back as a JSON array. One round trip instead of seven matters because this runs inside
 * every log a patient saves.
 */
async function loadInputs(db: Db, practice: Practice, ids: string[], asOf: string): Promise<InputRows> {
  // Sessions of the ratios' history window (LOAD_HISTORY_DAYS in lib/analytics/load.ts, as the chart reads them).
  const from = loadHistoryStart(asOf);
  const recent = addDays(asOf, -20);
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const asJson = (query: SQL) => sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${query}) x)`;
  const result = await db.execute(sql`SELECT
    ${asJson(sql`SELECT id, status, baseline_date::text AS baseline_date, created_at FROM patients WHERE practice_id = ${practice.id} AND id IN (${idList})`)} AS patients,
    ${asJson(sql`
      SELECT pg.patient_id, pg.start_date::text AS start_date, coalesce(sum(pi.sessions_per_week), 0)::int AS per_week
      FROM programs pg LEFT JOIN program_items pi ON pi.program_id = pg.id AND pi.removed_at IS NULL
      WHERE pg.practice_id = ${practice.id} AND pg.status = 'active' AND pg.patient_id IN (${idList})
      GROUP BY pg.patient_id, pg.start_date`)} AS programs,
    -- Pain: the recent weeks, plus the weeks from both candidate baseline dates (the patient's
    -- set date and the active program's start); painBaselineDate picks which one counts.
    ${asJson(sql`
      SELECT pr.patient_id, pr.local_date::text AS date, pr.score
      FROM pain_reports pr JOIN patients p ON p.id = pr.patient_id
      LEFT JOIN programs pg ON pg.patient_id = p.id AND pg.practice_id = ${practice.id} AND pg.status = 'active'
      WHERE pr.practice_id = ${practice.id} AND pr.patient_id IN (${idList}) AND pr.voided_at IS NULL AND pr.local_date <= ${asOf}
        AND (pr.local_date >= ${recent}
             OR pr.local_date BETWEEN p.baseline_date AND p.baseline_date + 6
             OR pr.local_date BETWEEN pg.start_date AND pg.start_date + 6)`)} AS pain,
    ${asJson(sql`
      SELECT patient_id, id, tier, flags, opened_at, last_report_date::text AS last_report_date, report_count FROM safety_alerts
      WHERE practice_id = ${practice.id} AND patient_id IN (${idList}) AND status = 'open'`)} AS warning_signs,
    ${asJson(sql`
      SELECT patient_id, local_date::text AS date, coalesce(sum(duration_min * rpe), 0)::float8 AS load,
             coalesce(sum(distance_km) FILTER (WHERE activity = 'run'), 0)::float8 AS run_km
      FROM training_sessions
      WHERE practice_id = ${practice.id} AND patient_id IN (${idList}) AND voided_at IS NULL AND local_date BETWEEN ${from} AND ${asOf}
      GROUP BY patient_id, local_date`)} AS sessions,
    -- Each session of the pain-monitoring window with its next-morning check-in (a correction
    -- keeps the answer given to the entry it replaced); the pain above covers the 13 days before.
    ${asJson(sql`
      SELECT s.patient_id, s.local_date::text AS date, s.activity, s.pain_during,
             (SELECT c.morning_after FROM session_check_ins c WHERE c.session_id IN (s.id, s.corrects_id) ORDER BY c.created_at DESC LIMIT 1) AS morning_after
      FROM training_sessions s
      WHERE s.practice_id = ${practice.id} AND s.patient_id IN (${idList}) AND s.voided_at IS NULL
        AND s.local_date BETWEEN ${addDays(asOf, -(NOT_TOLERATED_WINDOW_DAYS - 1))} AND ${asOf}`)} AS monitored,
    ${asJson(adherenceCompletionsSql(practice.id, idList, addDays(asOf, -(ADHERENCE_WINDOW_DAYS - 1)), asOf))} AS completions,
    ${asJson(adherenceItemsSql(practice.id, practice.timeZone, idList, addDays(asOf, -(ADHERENCE_WINDOW_DAYS - 1)), asOf))} AS items,
    ${asJson(sql`
      SELECT p.id AS patient_id,
        (SELECT max(local_date)::text FROM pain_reports WHERE practice_id = ${practice.id} AND patient_id = p.id AND voided_at IS NULL AND local_date <= ${asOf}) AS pain,
        (SELECT max(local_date)::text FROM training_sessions WHERE practice_id = ${practice.id} AND patient_id = p.id AND voided_at IS NULL AND local_date <= ${asOf}) AS session,
        (SELECT max(completed_on)::text FROM exercise_completions WHERE practice_id = ${practice.id} AND patient_id = p.id AND voided_at IS NULL AND completed_on <= ${asOf}) AS tick,
        (SELECT json_build_object('date', local_date::text, 'score', score) FROM pain_reports WHERE practice_id = ${practice.id} AND patient_id = p.id AND voided_at IS NULL
          ORDER BY local_date DESC, reported_at DESC LIMIT 1) AS last_pain
      FROM patients p WHERE p.practice_id = ${practice.id} AND p.id IN (${idList})`)} AS last_logs,
    ${asJson(sql`
      SELECT id, patient_id, kind, level FROM alert_acknowledgements
      WHERE practice_id = ${practice.id} AND patient_id IN (${idList}) AND resolved_at IS NULL`)} AS acks,
    ${asJson(sql`
      SELECT patient_id, stale_since FROM patient_alert_state
      WHERE practice_id = ${practice.id} AND patient_id IN (${idList}) AND stale_since IS NOT NULL`)} AS marks`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  if (!row) throw new Error('the alert inputs query returned no row');
  // postgres.js and PGlite both parse json columns; a string would mean a driver that does not.
  const parsed = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? JSON.parse(v) : v]));
  return parsed as InputRows;
}

function toWarningSigns(row: InputRows['warning_signs'][number] | undefined): OpenWarningSigns | null {
  if (!row) return null;
  return { alertId: row.id, tier: row.tier, flags: row.flags, openedAt: row.opened_at, lastReportDate: row.last_report_date, reportCount: row.report_count };
}

function groupBy<T extends { patient_id: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.patient_id);
    if (list) list.push(item);
    else map.set(item.patient_id, [item]);
  }
  return map;
}

/** Recompute and store the alert state of these patients (one practice) as of today in its time zone. */
export async function refreshAlertState(practiceId: string, patientIds: string[], asOfOverride?: string): Promise<void> {
  if (patientIds.length === 0) return;
  const db = getDb();
  const [practice] = await db.select().from(practices).where(eq(practices.id, practiceId)).limit(1);
  if (!practice) return;
  const asOf = asOfOverride ?? localDate(new Date(), practice.timeZone);
  for (let i = 0; i < patientIds.length; i += BATCH) {
    await refreshBatch(db, practice, patientIds.slice(i, i + BATCH), asOf);
  }
}

async function refreshBatch(db: Db, practice: Practice, ids: string[], asOf: string) {
  const data = await loadInputs(db, practice, ids, asOf);
  const programs = new Map(data.programs.map((p) => [p.patient_id, p]));
  const pain = groupBy(data.pain);
  const warningSigns = new Map(data.warning_signs.map((w) => [w.patient_id, w]));
  const sessions = groupBy(data.sessions);
  const monitored = groupBy(data.monitored);
  const completions = groupBy(data.completions);
  const items = groupBy(data.items);
  const acksByPatient = groupBy(data.acks);
  // Last activity over all history by the one definition, from each kind of log's latest day.
  const dated = (d: string | null) => (d === null ? [] : [{ date: d }]);
  const lastLog = new Map(data.last_logs.map((l) => [l.patient_id, lastActivity({ pain: dated(l.pain), sessions: dated(l.session), completions: dated(l.tick) }, asOf)]));
  // The latest report (any day, as the table shows it), stored so the table sorts on a column.
  const lastPain = new Map(data.last_logs.map((l) => [l.patient_id, typeof l.last_pain === 'string' ? (JSON.parse(l.last_pain) as { date: string; score: number }) : l.last_pain]));
  const { settings } = practice;
  // Each row carries the mark this refresh read (kept as the database's text: a JS Date would
  // drop the microseconds the compare-and-set below compares).
  const marks = new Map(data.marks.map((m) => [m.patient_id, m.stale_since]));
  const states: PgInsertValue<typeof patientAlertState>[] = [];
  const resolvedAcks: string[] = [];

  for (const [n, patient] of data.patients.entries()) {
    // Computing a batch is synchronous CPU work: give other requests of this process a
    // turn every few patients (matters when a refresh runs after a response).
    if (n > 0 && n % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    let alerts: Alert[] = [];
    // The patients table's adherence: the alert's own figure, stored (null: no program / too early).
    let adherencePct: number | null = null;
    if (patient.status === 'active') {
      const program = programs.get(patient.id);
      const input: AlertInput = {
        pain: (pain.get(patient.id) ?? []).map((p) => ({ date: p.date, score: p.score })),
        warningSigns: toWarningSigns(warningSigns.get(patient.id)),
        // One aggregated "session" a day: the same daily load and run distance as the raw sessions.
        sessions: (sessions.get(patient.id) ?? []).map((s): Session => ({ date: s.date, durationMin: s.load, rpe: 1, distanceKm: s.run_km, activity: 'run' })),
        monitored: (monitored.get(patient.id) ?? []).map((m) => ({ date: m.date, activity: m.activity, painDuring: m.pain_during, morningAfter: m.morning_after })),
        // Last activity (lastActivity in lib/analytics/alerts.ts) over all history: any pain, session or tick.
        lastActivityDate: lastLog.get(patient.id) ?? null,
        completions: (completions.get(patient.id) ?? []).flatMap((c) => Array.from({ length: c.n }, () => ({ date: c.date }))),
        prescribedPerWeek: program?.per_week ?? 0,
        programStart: program?.start_date ?? null,
        // Per exercise, over every program item prescribed in the window (a program replaced
        // mid-window counts for its days); without an active program there is no adherence.
        adherence: {
          items: program ? (items.get(patient.id) ?? []).map(toAdherenceItem) : [],
          completions: (completions.get(patient.id) ?? []).map(toAdherenceCompletion),
        },
        baselineDate: painBaselineDate(patient.baseline_date, program?.start_date),
        distanceUnit: practice.distanceUnit,
        thresholds: {
          painWorseMinPoints: settings.painWorseMinPoints,
          acwrSpike: settings.acwrSpike,
          weeklyDistanceRedPct: settings.weeklyDistanceRedPct,
          adherenceLowPct: settings.adherenceLowPct,
          inactivityDays: settings.inactivityDays,
          ...painMonitoringLimits(settings),
        },
      };
      alerts = patientAlerts(input, asOf);
      adherencePct = alertAdherence(input, asOf).pct;
      // A new patient who has not logged yet is not "inactive".
      const createdOn = localDate(new Date(patient.created_at), practice.timeZone);
      if (!lastLog.get(patient.id) && daysBetween(createdOn, asOf) < settings.inactivityDays) alerts = alerts.filter((a) => a.kind !== 'no-logs');
    } else {
      // A discharged or archived patient's trends no longer alert, but an open warning sign
      // still does: it stays on the dashboard until someone closes it.
      alerts = patientAlerts({ pain: [], sessions: [], completions: [], prescribedPerWeek: 0, programStart: null, baselineDate: null, warningSigns: toWarningSigns(warningSigns.get(patient.id)) }, asOf).filter((a) => a.kind === 'red-flag');
    }
    const acks = acksByPatient.get(patient.id) ?? [];
    const stored: StoredAlert[] = alerts.map((alert) => ({
      ...alert,
      // Acknowledged until it gets worse than when it was acknowledged (lib/analytics/alerts.ts).
      acknowledged: isAcknowledged(alert, acks),
    }));
    for (const ack of acks) if (!alerts.some((a) => a.kind === ack.kind)) resolvedAcks.push(ack.id);
    const open = stored.filter((a) => !a.acknowledged);
    const top = open[0]?.severity ?? null;
    states.push({
      patientId: patient.id, practiceId: practice.id, asOf, openCount: open.length, topSeverity: top,
      topRank: top ? SEVERITY_RANK[top] + 1 : 0, kinds: open.map((a) => a.kind), alerts: stored,
      adherencePct,
      lastActivityDate: lastLog.get(patient.id) ?? null,
      lastPainDate: lastPain.get(patient.id)?.date ?? null,
      lastPainScore: lastPain.get(patient.id)?.score ?? null,
      staleSince: marks.has(patient.id) ? sql`${marks.get(patient.id)}::timestamptz` : null,
    });
  }
  const store = async (q: Db | Tx) => {
    if (!states.length) return;
    await q
      .insert(patientAlertState)
      .values(states)
      .onConflictDoUpdate({
        target: patientAlertState.patientId,
        set: {
          asOf: sql`excluded.as_of`, openCount: sql`excluded.open_count`, topSeverity: sql`excluded.top_severity`,
          topRank: sql`excluded.top_rank`, kinds: sql`excluded.kinds`, alerts: sql`excluded.alerts`,
          adherencePct: sql`excluded.adherence_pct`, lastActivityDate: sql`excluded.last_activity_date`,
          lastPainDate: sql`excluded.last_pain_date`, lastPainScore: sql`excluded.last_pain_score`, updatedAt: sql`now()`,
          // Up to date now, unless a write marked it again since these inputs were read: that
          // write's entry may not be in them. Compare-and-set on the mark read with the logs
          // (the row as committed now, not as of this statement's snapshot: ON CONFLICT locks
          // and reads the latest version), never on clock times, which a transaction's now()
          // would get wrong (its start, not its commit).
          staleSince: sql`CASE WHEN ${patientAlertState.staleSince} IS NOT DISTINCT FROM excluded.stale_since THEN NULL ELSE ${patientAlertState.staleSince} END`,
        },
      });
  };
  // One statement needs no transaction (the common case: a log that resolves nothing).
  if (!resolvedAcks.length) return store(db);
  await db.transaction(async (tx) => {
    await store(tx);
    await tx.update(alertAcknowledgements).set({ resolvedAt: new Date() }).where(inArray(alertAcknowledgements.id, resolvedAcks));
  });
}

/**
 * Inside the transaction of a write that can change a patient's alerts, as its last statement:
 * the patient's alert row is marked stale by that transaction, so the mark commits with the
 * new entry or not at all (a crash after the commit leaves the row marked, and the worker's
 * scheduling pass queues it). Returns true when the refresh is left to the queue: a patient's
 * own log without a warning sign, inside a request. The practice's refresh job is then queued
 * in the same statement (durable, at most one queued per practice, so logs arriving together
 * are refreshed together); this process's worker runs it after the response, or the separate
 * worker (LOADLINE_WORKER=off) within its poll. Otherwise it returns false and the caller
 * refreshes once committed, before answering: a warning sign (`urgent`) is on the dashboard by
 * the time the patient is told it was sent, staff writing on a patient's behalf are looking at
 * that patient's alerts, and outside a request (scripts, tests) there is no "after".
 */
export async function markStaleInWrite(tx: Tx, actor: Actor, patientId: string, urgent = false): Promise<boolean> {
  const queue = !urgent && queueRefreshAfterResponse(actor);
  await markStaleAndQueueRefresh(tx, actor.practiceId, patientId, queue);
  return queue;
}

/** A patient's own write inside a request leaves the refresh to the queue (markStaleInWrite). */
const queueRefreshAfterResponse = (actor: Actor) => !!actor.patientId && runQueueAfterResponse();

/**
 * One statement: `written` (an INSERT or UPDATE … RETURNING id), the audit event of the row it
 * wrote and, if it wrote one, the mark of the patient's alert row (with the queued refresh),
 * all as parts (CTEs) that commit together. Answers the id written, or undefined. `written` is
 * SQL with its values, or a CompiledWrite: then the whole statement is compiled once per shape
 * (db/compiled-statement.ts) and each call sends only its values.
 */
export type WriteAuditedAndMarked = (written: SQL | CompiledWrite, event: Omit<AuditInput, 'entityId'> & { patientId: string }) => Promise<string | undefined>;

/**
 * A write for a compiled statement: `build` makes it with placeholders named `written_…` only,
 * `values` holds them, and `shape` names whatever else changes its text (the table, which
 * columns it sets, which it sets to NULL).
 */
export type CompiledWrite = { shape: string; build: () => SQL; values: Record<string, unknown> };

/** The statement of WriteAuditedAndMarked, said once for both forms. */
const writtenAuditedAndMarked = (written: SQL, audited: SQL, marks: SQL) => sql`
      WITH written AS (${written}),
      audited AS (${audited}),
      ${marks}
      SELECT id FROM written`;

const AUDIT_PLACEHOLDERS = {
  practiceId: placeholder('audit_practiceId'), actorUserId: placeholder('audit_actorUserId'), action: placeholder('audit_action'),
  entity: placeholder('audit_entity'), patientId: placeholder('audit_patientId'), ip: placeholder('audit_ip'),
  userAgent: placeholder('audit_userAgent'), meta: placeholder('audit_meta'),
} satisfies Record<keyof AuditWrittenValues, Placeholder>;

/**
 * writeMarkingAlerts for a write whose last statement carries its audit event and the mark
 * itself (`writeAuditedAndMarked`), never urgent (a write nothing else is judged on: a pain
 * report that cannot be a warning sign, a tick). Without `transaction` the write is that one
 * statement, which commits as a whole without the round trips of a transaction (BEGIN,
 * COMMIT); with it, `write` runs in one (a tick locks its exercise before it counts).
 * `markedPatient` says whose row the write marked (null: it wrote nothing).
 */
export async function writeMarkingAlertsInItsStatement<R>(
  actor: Actor,
  write: (db: Db | Tx, writeAuditedAndMarked: WriteAuditedAndMarked) => Promise<R>,
  markedPatient: (result: R) => string | null,
  { transaction = false }: { transaction?: boolean } = {},
): Promise<R> {
  const queue = queueRefreshAfterResponse(actor);
  const onlyIfWritten = sql`EXISTS (SELECT 1 FROM written)`;
  const statementOn = (q: Db | Tx): WriteAuditedAndMarked => async (written, event) => {
    const audit = auditWrittenValues(actor, event);
    if (is(written, SQL)) {
      return rowsOf<{ id: string }>(await q.execute(writtenAuditedAndMarked(written, auditWrittenRows(audit, sql`written`), markStaleCtes(actor.practiceId, event.patientId, queue, onlyIfWritten))))[0]?.id;
    }
    const values: Record<string, unknown> = { ...written.values, mark_practiceId: actor.practiceId, mark_patientId: event.patientId };
    for (const [name, value] of Object.entries(audit)) values[`audit_${name}`] = value;
    const build = () => writtenAuditedAndMarked(
      written.build(), auditWrittenRows(AUDIT_PLACEHOLDERS, sql`written`),
      markStaleCtes(placeholder('mark_practiceId'), placeholder('mark_patientId'), queue, onlyIfWritten),
    );
    return rowsOf<{ id: string }>(await executeCompiled(q, `written-audited-marked:${written.shape}:${queue ? 'queue' : 'no-queue'}`, build, values))[0]?.id;
  };
  const db = getDb();
  const result = transaction ? await db.transaction((tx) => write(tx, statementOn(tx))) : await write(db, statementOn(db));
  const patientId = markedPatient(result);
  if (patientId !== null && !queue) await refreshAlertState(actor.practiceId, [patientId]);
  return result;
}

/**
 * A write that can change a patient's alerts, as one transaction: `write` runs in it and, when
 * `changed` says it wrote something, the patient's row is marked stale by that transaction
 * (markStaleInWrite). After the commit `committed` runs (a pain report's safety emails), then
 * the row is refreshed unless the queue does it after the response.
 */
export async function writeMarkingAlerts<R extends { patientId: string }>(
  actor: Actor, write: (tx: Tx) => Promise<R>,
  { changed, urgent, committed }: { changed: (result: R) => boolean; urgent?: (result: R) => boolean; committed?: (result: R) => Promise<void> },
): Promise<R> {
  let refreshAfterCommit = false;
  const result = await getDb().transaction(async (tx) => {
    const written = await write(tx);
    if (changed(written)) refreshAfterCommit = !(await markStaleInWrite(tx, actor, written.patientId, urgent?.(written)));
    return written;
  });
  await committed?.(result);
  if (refreshAfterCommit) await refreshAlertState(actor.practiceId, [result.patientId]);
  return result;
}

/**
 * Whether queued work is left to a worker (true) or done by the caller now (false). With a
 * separate worker (LOADLINE_WORKER=off) it always is: that worker runs the queue within its
 * poll, and nothing is handed to after(), whose bookkeeping was about 0.1 ms of server CPU
 * per pain log in a profile, for a callback with nothing to do. With the worker in this
 * process: inside a request, have it run the queue once the response has been sent (true);
 * outside one (scripts, tests: after() throws there) return false.
 */
function runQueueAfterResponse(): boolean {
  if (!inAppWorkerEnabled()) return true;
  try {
    after(() => runDueJobs());
    return true;
  } catch {
    return false;
  }
}

/** Bring every active patient of the practice up to today; returns how many were refreshed. */
export async function refreshStaleAlertStates(practiceId: string, limit = 5000): Promise<number> {
  const db = getDb();
  const [practice] = await db.select({ timeZone: practices.timeZone }).from(practices).where(eq(practices.id, practiceId)).limit(1);
  if (!practice) return 0;
  const today = localDate(new Date(), practice.timeZone);
  const stale = await db
    .select({ id: patients.id })
    .from(patients)
    .leftJoin(patientAlertState, eq(patientAlertState.patientId, patients.id))
    .where(
      and(
        eq(patients.practiceId, practiceId),
        or(
          and(eq(patients.status, 'active'), sql`(${patientAlertState.asOf} IS NULL OR ${patientAlertState.asOf} < ${today})`),
          // Rows a write marked (markStaleInWrite) and no refresh has cleared yet.
          isNotNull(patientAlertState.staleSince),
        ),
      ),
    )
    .limit(limit);
  await refreshAlertState(practiceId, stale.map((s) => s.id), today);
  return stale.length;
}

// Practices found fresh lately: rows only go stale when the day changes, so for a minute
// after a check that found none the check is skipped (a patient restored from the archive
// meanwhile waits at most that long, or for the worker's next scheduling pass).
const foundFresh = new Map<string, { today: string; until: number }>();
const FRESH_CHECK_TTL_MS = 60_000;

/**
 * Stale rows (the first view of a day) without holding up a page: the practice's refresh is
 * queued as a durable job (lib/jobs/alert-refresh.ts; at most one per practice), and inside
 * a request this process's worker is nudged after the response; the caller reads the stored
 * state with its as-of date meanwhile. Outside a request (scripts, tests) it refreshes before
 * returning. Returns true while rows are left stale for now.
 */
export async function refreshStaleAlertStatesAfterResponse(practiceId: string, today: string): Promise<boolean> {
  const fresh = foundFresh.get(practiceId);
  if (fresh && fresh.today === today && fresh.until > Date.now()) return false;
  const [stale] = await getDb()
    .select({ id: patients.id })
    .from(patients)
    .leftJoin(patientAlertState, eq(patientAlertState.patientId, patients.id))
    .where(and(eq(patients.practiceId, practiceId), eq(patients.status, 'active'), sql`(${patientAlertState.asOf} IS NULL OR ${patientAlertState.asOf} < ${today})`))
    .limit(1);
  if (!stale) {
    foundFresh.set(practiceId, { today, until: Date.now() + FRESH_CHECK_TTL_MS });
    return false;
  }
  foundFresh.delete(practiceId);
  if (!runQueueAfterResponse()) {
    // Not in a request: refresh now, nothing queued.
    await refreshStaleAlertStates(practiceId);
    return false;
  }
  await scheduleAlertRefreshes(getDb(), practiceId);
  return true;
}
