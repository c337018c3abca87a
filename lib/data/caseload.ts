import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { alertAcknowledgements, auditEvents, patientAlertState, patients, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, can } from '@/lib/access/policy';
import { isAcknowledged } from '@/lib/analytics/alerts';
import { AppError, notFound } from '@/lib/errors';
import { localDate } from '@/lib/dates';
import { ALERT_KINDS } from '@/lib/validation/vocabulary';
import { refreshAlertState, refreshStaleAlertStatesAfterResponse, type StoredAlert } from './alert-state';
import { audit } from './audit';
import { assertPatientReachable } from './scope';

// The kinds are vocabulary (lib/validation/vocabulary.ts); re-exported for the dashboard and the alert actions.
export { ALERT_KINDS };
export type CaseloadScope = 'mine' | 'practice';

export type CaseloadOptions = {
  scope?: CaseloadScope;
  /** Only patients with this open alert. */
  kind?: (typeof ALERT_KINDS)[number];
  /** Paging (most urgent first); without pageSize every row is returned. */
  page?: number;
  pageSize?: number;
};

const PRACTICE_VIEW_AUDIT_MINUTES = 10;

/** A physio's whole-practice view, audited once per 10 minutes (like a record view). */
async function recordPracticeView(actor: Actor): Promise<void> {
  const db = getDb();
  const [recent] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, 'caseload.view_practice'), gt(auditEvents.createdAt, new Date(Date.now() - PRACTICE_VIEW_AUDIT_MINUTES * 60_000))))
    .limit(1);
  if (!recent) await audit(db, actor, { action: 'caseload.view_practice', entity: 'practice', entityId: actor.practiceId });
}

/**
 * Patients needing attention, most urgent first: the signed-in physio's own patients,
 * or the whole practice (any physio; read-only for patients they do not treat). Counters per alert kind cover
 * every patient in scope; rows can be filtered by kind and paged in the database.
 */
export async function getCaseload(actor: Actor, options: CaseloadOptions = {}) {
  assertCan(actor, 'alert:read');
  // Every physio may look across the practice (covering a colleague); the view is audited.
  const scope: CaseloadScope = options.scope === 'practice' ? 'practice' : 'mine';
  if (scope === 'practice' && !can(actor, 'user:manage')) await recordPracticeView(actor);
  const today = localDate(new Date(), actor.timeZone);
  // Alerts age with the calendar (windows move, inactivity grows). Stale rows (the first
  // view of a day) are brought to today after the response; meanwhile the page shows the
  // stored state with its as-of date. Outside a request this refreshes before reading.
  const refreshing = await refreshStaleAlertStatesAfterResponse(actor.practiceId, today);
  const inScope = and(
    eq(patientAlertState.practiceId, actor.practiceId),
    eq(patients.practiceId, actor.practiceId),
    // Active patients, and anyone else with an open warning sign (discharged ones too).
    or(eq(patients.status, 'active'), sql`'red-flag' = ANY(${patientAlertState.kinds})`),
    gt(patientAlertState.openCount, 0),
    scope === 'mine' ? eq(patients.treatingPhysioId, actor.userId) : undefined,
  );
  const pageSize = options.pageSize === undefined ? undefined : Math.min(Math.max(Math.trunc(options.pageSize), 1), 500);
  const page = Math.max(Math.trunc(options.page ?? 1), 1);
  const db = getDb();
  const rowsQuery = db
    .select({
      patientId: patients.id,
      firstName: patients.firstName,
      lastName: patients.lastName,
      condition: patients.condition,
      phone: patients.phone,
      screeningFlags: patients.screeningFlags,
      physioName: users.name,
      treatingPhysioId: patients.treatingPhysioId,
      openCount: patientAlertState.openCount,
      topRank: patientAlertState.topRank,
      alerts: patientAlertState.alerts,
      asOf: patientAlertState.asOf,
    })
    .from(patientAlertState)
    .innerJoin(patients, eq(patients.id, patientAlertState.patientId))
    .leftJoin(users, eq(users.id, patients.treatingPhysioId))
    .where(and(inScope, options.kind ? sql`${options.kind} = ANY(${patientAlertState.kinds})` : undefined))
    .orderBy(desc(patientAlertState.topRank), desc(patientAlertState.openCount), asc(patients.lastName), asc(patients.id));
  // `kinds` holds exactly the open (unacknowledged) alerts' kinds: one row per patient.
  const perKind = Object.fromEntries(ALERT_KINDS.map((k) => [k, sql<number>`(count(*) FILTER (WHERE ${k} = ANY(${patientAlertState.kinds})))::int`]));
  // Active patients in scope, counted inside the summary's statement: every statement a page
  // sends costs a round trip to the database, more than these counts cost to run.
  const activeCount = db
    .select({ active: sql<number>`count(*)::int` })
    .from(patients)
    .where(and(eq(patients.practiceId, actor.practiceId), eq(patients.status, 'active'), scope === 'mine' ? eq(patients.treatingPhysioId, actor.userId) : undefined));
  const [rows, [summary]] = await Promise.all([
    pageSize === undefined ? rowsQuery : rowsQuery.limit(pageSize).offset((page - 1) * pageSize),
    db
      .select({ withAlerts: sql<number>`count(*)::int`, oldestAsOf: sql<string | null>`min(${patientAlertState.asOf})::text`, active: sql<number>`(${activeCount})`, ...perKind })
      .from(patientAlertState)
      .innerJoin(patients, eq(patients.id, patientAlertState.patientId))
      .where(inScope),
  ]);
  const kindCounts = Object.fromEntries(ALERT_KINDS.map((k) => [k, Number((summary as Record<string, unknown> | undefined)?.[k] ?? 0)])) as Record<(typeof ALERT_KINDS)[number], number>;
  const withAlerts = summary?.withAlerts ?? 0;
  return {
    scope,
    activePatients: summary?.active ?? 0,
    /** Patients in scope with at least one open alert, and per alert kind. */
    withAlerts,
    kindCounts,
    /** Rows matching the kind filter (before paging). */
    total: options.kind ? kindCounts[options.kind] : withAlerts,
    page,
    pageSize: pageSize ?? null,
    /** The oldest as-of date of the rows shown, and whether a refresh to today is under way. */
    asOf: summary?.oldestAsOf ?? today,
    refreshing,
    rows: rows.map((r) => ({ ...r, alerts: r.alerts.filter((a) => !a.acknowledged) })),
  };
}

/** The warning signs (safety alert ids) among caseload rows' alerts: the dashboard shows their details. */
export function warningSignAlertIds(rows: readonly { alerts: readonly StoredAlert[] }[]): string[] {
  return rows.flatMap((r) => r.alerts.flatMap((a) => (a.kind === 'red-flag' ? [a.evidence.alertId] : [])));
}

/** The patient's stored alerts (open and acknowledged), for the patient page. */
export async function getPatientAlerts(actor: Actor, patientId: string): Promise<StoredAlert[]> {
  assertCan(actor, 'alert:read');
  await assertPatientReachable(actor, patientId);
  const [row] = await getDb()
    .select({ alerts: patientAlertState.alerts })
    .from(patientAlertState)
    .where(and(eq(patientAlertState.patientId, patientId), eq(patientAlertState.practiceId, actor.practiceId)));
  return row?.alerts ?? [];
}

/**
 * Acknowledge open alerts (one, or several with one reason); each returns if its measure gets
 * worse. Only the patient's treating physio or an admin may: a physio covering the whole
 * practice reads the others' patients but does not clear their alerts. Audited, one event each.
 */
export async function acknowledgeAlerts(actor: Actor, items: { patientId: string; kind: (typeof ALERT_KINDS)[number] }[], reason: string | null = null): Promise<number> {
  assertCan(actor, 'alert:acknowledge');
  if (items.length === 0) return 0;
  const db = getDb();
  const patientIds = [...new Set(items.map((i) => i.patientId))];
  const states = await db
    .select({ patientId: patientAlertState.patientId, alerts: patientAlertState.alerts, treatingPhysioId: patients.treatingPhysioId, firstName: patients.firstName, lastName: patients.lastName })
    .from(patientAlertState)
    .innerJoin(patients, eq(patients.id, patientAlertState.patientId))
    .where(and(inArray(patientAlertState.patientId, patientIds), eq(patientAlertState.practiceId, actor.practiceId), eq(patients.practiceId, actor.practiceId)));
  const chosen = items.map((item) => {
    const state = states.find((s) => s.patientId === item.patientId);
    if (!state) throw notFound('Patient not found.');
    if (state.treatingPhysioId !== actor.userId && !can(actor, 'user:manage')) {
      throw new AppError('forbidden', `Only ${state.firstName} ${state.lastName}'s physio or an admin can acknowledge their alerts.`);
    }
    const alert = state.alerts.find((a) => a.kind === item.kind);
    if (!alert) throw new AppError('invalid', 'That alert is no longer open.');
    if (alert.kind === 'red-flag') throw new AppError('invalid', 'A warning sign is closed with the action you took, not acknowledged.');
    return { patientId: item.patientId, alert };
  });
  await db.transaction(async (tx) => {
    // Acknowledging twice (a double click, or one click that reached two app instances) keeps
    // one row: the patients' alert rows are locked (in id order, so bulk calls cannot deadlock),
    // then an alert an open acknowledgement already covers at its level is left as it is.
    await tx.select({ id: patientAlertState.patientId }).from(patientAlertState).where(inArray(patientAlertState.patientId, patientIds)).orderBy(asc(patientAlertState.patientId)).for('update');
    const open = await tx
      .select({ patientId: alertAcknowledgements.patientId, kind: alertAcknowledgements.kind, level: alertAcknowledgements.level })
      .from(alertAcknowledgements)
      .where(and(eq(alertAcknowledgements.practiceId, actor.practiceId), inArray(alertAcknowledgements.patientId, patientIds), isNull(alertAcknowledgements.resolvedAt)));
    for (const { patientId, alert } of chosen) {
      if (isAcknowledged(alert, open.filter((ack) => ack.patientId === patientId))) continue;
      open.push({ patientId, kind: alert.kind, level: alert.level });
      await tx.insert(alertAcknowledgements).values({ practiceId: actor.practiceId, patientId, kind: alert.kind, level: alert.level, evidence: alert.evidence, acknowledgedBy: actor.userId, reason });
      await audit(tx, actor, { action: 'alert.acknowledge', entity: 'alert', entityId: alert.kind, patientId, meta: { level: alert.level, message: alert.message, ...(reason && { reason }), ...(items.length > 1 && { bulk: items.length }) } });
    }
  });
  await refreshAlertState(actor.practiceId, patientIds);
  return chosen.length;
}

/** Acknowledge one open alert (acknowledgeAlerts with one item). */
export async function acknowledgeAlert(actor: Actor, patientId: string, kind: (typeof ALERT_KINDS)[number]): Promise<void> {
  await acknowledgeAlerts(actor, [{ patientId, kind }]);
}
