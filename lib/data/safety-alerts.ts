import 'server-only';
import { and, asc, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { painReports, patients, practices, safetyAlerts, safetyNotifications, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { escalationDeadline, safetyStep, stepNotifies, triageReport, type SafetyStep } from '@/lib/analytics/red-flags';
import { addDays, localDate } from '@/lib/dates';
import { AppError, notFound } from '@/lib/errors';
import { receiptOfAlert, type SafetyReceipt } from '@/lib/safety/receipt';
import type { CloseAction } from '@/lib/validation/safety';
import { redFlagsOf, type RedFlagTier } from '@/lib/validation/symptoms';
import { enqueue } from '@/lib/jobs/queue';
import { SEVERE_PAIN_SCORE_RANGE, safetySettings } from '@/lib/safety/settings';
import { refreshAlertState } from './alert-state';
import { JOB_USER_AGENT } from '@/lib/audit/user-agent';
import { audit, auditSystem } from './audit';
import { assertPatientReachable } from './scope';

// Warning signs a patient reports become a safety alert that stays open until a clinician
// closes it with an action. Everything here runs inside the transaction that saves the
// report: the alert, who is to be told, and the jobs that tell them and escalate commit
// together with the report or not at all (lib/jobs/queue.ts delivers them).

export type SafetyAlertRow = typeof safetyAlerts.$inferSelect;
export type NotificationRow = typeof safetyNotifications.$inferSelect;
type Recipient = { userId: string | null; name: string; email: string };

/** Active accounts that are both physio and admin: the practice's clinical leads. */
async function clinicalLeads(tx: Tx, practiceId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.status, 'active'), sql`${users.roles} @> ARRAY['physio','admin']::text[]`))
    .orderBy(asc(users.name));
  return rows;
}

/** The leads and the safety inbox, each address once, leaving out those already told. */
async function escalationRecipients(tx: Tx, practiceId: string, inbox: string | null, except: readonly string[] = []): Promise<Recipient[]> {
  const all = [...(await clinicalLeads(tx, practiceId)), ...(inbox ? [{ userId: null, name: 'Safety inbox', email: inbox }] : [])];
  const seen = new Set(except.map((e) => e.toLowerCase()));
  return all.filter((r) => !seen.has(r.email.toLowerCase()) && (seen.add(r.email.toLowerCase()), true));
}

/** Record who is told and queue one email job each; returns the job ids. */
export async function queueNotifications(
  tx: Tx,
  alert: Pick<SafetyAlertRow, 'id' | 'practiceId' | 'patientId' | 'tier'>,
  reason: NotificationRow['reason'],
  recipients: Recipient[],
): Promise<number[]> {
  if (recipients.length === 0) return [];
  const rows = await tx
    .insert(safetyNotifications)
    .values(recipients.map((r) => ({ practiceId: alert.practiceId, alertId: alert.id, patientId: alert.patientId, reason, tier: alert.tier, recipientUserId: r.userId, recipientName: r.name, recipientEmail: r.email })))
    .returning({ id: safetyNotifications.id });
  const jobIds: number[] = [];
  for (const row of rows) {
    const id = await enqueue(tx, { kind: 'safety.email', practiceId: alert.practiceId, payload: { notificationId: row.id }, dedupeKey: `safety.email:${row.id}` });
    if (id !== null) jobIds.push(id);
  }
  return jobIds;
}

/**
 * Whether anything could make this report a warning sign: a warning-sign symptom, or a score at
 * or above the lowest severe score a practice can set. Reports that cannot are not judged (no
 * reads) and are logged in one statement (logPain).
 */
export function mayBeWarningSign(report: { score: number; symptoms: readonly string[] }): boolean {
  return redFlagsOf(report.symptoms).length > 0 || report.score >= SEVERE_PAIN_SCORE_RANGE.min;
}

/** reportTier: the tier of this report's own signs (the alert's may be higher). */
export type WarningSignOutcome = { alertId: string; step: SafetyStep; reportTier: RedFlagTier; emailJobIds: number[] };

/**
 * Judge a just-saved pain report for warning signs and open, raise or add to the patient's
 * safety alert. Call inside the report's transaction, after inserting it.
 */
export async function recordWarningSigns(
  tx: Tx,
  actor: Actor,
  report: { id: string; patientId: string; date: string; score: number; symptoms: readonly string[] },
): Promise<WarningSignOutcome | null> {
  if (!mayBeWarningSign(report)) return null;
  const [practice] = await tx.select({ settings: practices.settings, timeZone: practices.timeZone }).from(practices).where(eq(practices.id, actor.practiceId));
  if (!practice) throw notFound('Practice not found.');
  const settings = safetySettings(practice.settings);
  // The neighbouring days only count when this report reaches the severe score itself
  // (triageReport): below it they are not read.
  const neighbours = report.score < settings.severePainScore ? [] : await tx
    .select({ date: sql<string>`${painReports.localDate}::text`, score: sql<number>`max(${painReports.score})::int` })
    .from(painReports)
    .where(
      and(
        eq(painReports.practiceId, actor.practiceId), eq(painReports.patientId, report.patientId), ne(painReports.id, report.id),
        sql`${painReports.voidedAt} IS NULL`, sql`${painReports.localDate} BETWEEN ${addDays(report.date, -1)} AND ${addDays(report.date, 1)}`,
      ),
    )
    .groupBy(painReports.localDate);
  const triage = triageReport(report, neighbours, settings.severePainScore);
  if (triage === null) return null;

  // One writer at a time per patient: two reports saved at once must not both open an alert.
  // NO KEY UPDATE, not UPDATE: it still excludes the other writers, but not a row inserted
  // elsewhere that references the patient (its foreign-key check takes KEY SHARE). Under FOR
  // UPDATE an acknowledgement (alert row locked, then its insert checking the patient) and
  // this report (patient locked, then its alert row marked) deadlocked: seen in the
  // two-instance test on 2026-12-03.
  const [patient] = await tx
    .select({ id: patients.id, treatingPhysioId: patients.treatingPhysioId })
    .from(patients)
    .where(and(eq(patients.id, report.patientId), eq(patients.practiceId, actor.practiceId)))
    .for('no key update');
  if (!patient) throw notFound('Patient not found.');
  const [open] = await tx.select().from(safetyAlerts).where(and(eq(safetyAlerts.patientId, patient.id), eq(safetyAlerts.status, 'open')));
  const step = safetyStep(open ? { tier: open.tier, flags: open.flags } : null, triage);
  const now = new Date();
  const deadline = step.kind === 'add' ? null : escalationDeadline(now, localDate(now, practice.timeZone), step.tier, settings, practice.timeZone);

  let alert: SafetyAlertRow;
  if (!open) {
    const [row] = await tx
      .insert(safetyAlerts)
      .values({ practiceId: actor.practiceId, patientId: patient.id, tier: step.tier, flags: step.flags, openedAt: now, tierSince: now, lastReportAt: now, lastReportDate: report.date, escalateAt: deadline })
      .returning();
    if (!row) throw new Error('safety alert not created');
    alert = row;
  } else {
    const [row] = await tx
      .update(safetyAlerts)
      .set({
        tier: step.tier, flags: step.flags, reportCount: sql`${safetyAlerts.reportCount} + 1`, lastReportAt: now,
        lastReportDate: sql`greatest(${safetyAlerts.lastReportDate}, ${report.date}::date)`, updatedAt: now,
        ...(step.kind === 'raise' ? { tierSince: now, escalateAt: deadline, escalatedAt: null } : {}),
      })
      .where(eq(safetyAlerts.id, open.id))
      .returning();
    if (!row) throw new Error('safety alert not updated');
    alert = row;
  }
  await tx.update(painReports).set({ safetyAlertId: alert.id }).where(eq(painReports.id, report.id));
  await audit(tx, actor, { action: `safety.${step.kind}`, entity: 'safety_alert', entityId: alert.id, patientId: patient.id, meta: { tier: step.tier, reportId: report.id } });

  const emailJobIds: number[] = [];
  if (stepNotifies(step)) {
    const reason = step.kind === 'open' ? 'opened' : 'raised';
    const [physio] = patient.treatingPhysioId
      ? await tx.select({ userId: users.id, name: users.name, email: users.email, status: users.status, roles: users.roles }).from(users).where(and(eq(users.id, patient.treatingPhysioId), eq(users.practiceId, actor.practiceId)))
      : [];
    if (physio && physio.status === 'active' && physio.roles.includes('physio')) {
      emailJobIds.push(...(await queueNotifications(tx, alert, reason, [physio])));
      if (deadline) await enqueue(tx, { kind: 'safety.escalate', practiceId: actor.practiceId, payload: { alertId: alert.id, tier: step.tier }, runAt: deadline, dedupeKey: `safety.escalate:${alert.id}:${alert.tierSince.toISOString()}` });
    } else {
      // Nobody is treating this patient who could read an email: the leads are told now.
      emailJobIds.push(...(await queueNotifications(tx, alert, 'no-active-physio', await escalationRecipients(tx, actor.practiceId, settings.safetyInbox))));
      await tx.update(safetyAlerts).set({ escalatedAt: now }).where(eq(safetyAlerts.id, alert.id));
      await audit(tx, actor, { action: 'safety.escalate', entity: 'safety_alert', entityId: alert.id, patientId: patient.id, meta: { tier: step.tier, reason: 'no-active-physio' } });
    }
  }
  return { alertId: alert.id, step, reportTier: triage.tier, emailJobIds };
}

/** The escalation job: if the alert is still open at its tier's deadline, tell the leads and the inbox. Returns the email job ids. */
export async function escalateIfUnactioned(tx: Tx, alertId: string): Promise<number[]> {
  const [alert] = await tx.select().from(safetyAlerts).where(eq(safetyAlerts.id, alertId)).for('update');
  if (!alert || alert.status !== 'open' || alert.escalatedAt !== null || alert.escalateAt === null || alert.escalateAt.getTime() > Date.now()) return [];
  const [practice] = await tx.select({ settings: practices.settings }).from(practices).where(eq(practices.id, alert.practiceId));
  if (!practice) return [];
  const told = await tx
    .select({ email: safetyNotifications.recipientEmail })
    .from(safetyNotifications)
    .where(and(eq(safetyNotifications.alertId, alert.id), eq(safetyNotifications.reason, 'escalated'), gte(safetyNotifications.createdAt, alert.tierSince)));
  const recipients = await escalationRecipients(tx, alert.practiceId, safetySettings(practice.settings).safetyInbox, told.map((t) => t.email));
  await tx.update(safetyAlerts).set({ escalatedAt: new Date() }).where(eq(safetyAlerts.id, alert.id));
  await auditSystem(tx, { action: 'safety.escalate', entity: 'safety_alert', entityId: alert.id, patientId: alert.patientId, practiceId: alert.practiceId, actorUserId: null, ip: null, userAgent: JOB_USER_AGENT, meta: { tier: alert.tier, recipients: recipients.length } });
  return queueNotifications(tx, alert, 'escalated', recipients);
}

/** Close an open safety alert with the action taken and a note. Audited; a later warning sign opens a new alert. */
export async function closeSafetyAlert(actor: Actor, input: { alertId: string; action: CloseAction; note: string }): Promise<{ patientId: string }> {
  assertCan(actor, 'alert:acknowledge');
  const db = getDb();
  const patientId = await db.transaction(async (tx) => {
    const [alert] = await tx
      .select({ id: safetyAlerts.id, patientId: safetyAlerts.patientId, status: safetyAlerts.status, tier: safetyAlerts.tier })
      .from(safetyAlerts)
      .where(and(eq(safetyAlerts.id, input.alertId), eq(safetyAlerts.practiceId, actor.practiceId)))
      .for('update');
    if (!alert) throw notFound('Alert not found.');
    if (alert.status !== 'open') throw new AppError('conflict', 'This warning sign was already closed by someone else. Reload to see what they did.');
    const now = new Date();
    await tx
      .update(safetyAlerts)
      .set({ status: 'closed', closedAt: now, closedBy: actor.userId, closeAction: input.action, closeNote: input.note, updatedAt: now })
      .where(eq(safetyAlerts.id, alert.id));
    await audit(tx, actor, { action: 'safety.close', entity: 'safety_alert', entityId: alert.id, patientId: alert.patientId, meta: { closeAction: input.action, tier: alert.tier } });
    return alert.patientId;
  });
  await refreshAlertState(actor.practiceId, [patientId]);
  return { patientId };
}

export type SafetyTimelineItem = SafetyAlertRow & { closedByName: string | null; notifications: NotificationRow[] };

/** A patient's warning-sign alerts, newest first, with who was told and who closed them. */
export async function listSafetyAlerts(actor: Actor, patientId: string, limit = 20): Promise<SafetyTimelineItem[]> {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  const db = getDb();
  const alerts = await db
    .select({ alert: safetyAlerts, closedByName: users.name })
    .from(safetyAlerts)
    .leftJoin(users, eq(users.id, safetyAlerts.closedBy))
    .where(and(eq(safetyAlerts.practiceId, actor.practiceId), eq(safetyAlerts.patientId, patientId)))
    .orderBy(desc(safetyAlerts.openedAt))
    .limit(limit);
  const ids = alerts.map((a) => a.alert.id);
  const notes = ids.length
    ? await db.select().from(safetyNotifications).where(and(eq(safetyNotifications.practiceId, actor.practiceId), inArray(safetyNotifications.alertId, ids))).orderBy(asc(safetyNotifications.createdAt))
    : [];
  return alerts.map(({ alert, closedByName }) => ({ ...alert, closedByName, notifications: notes.filter((n) => n.alertId === alert.id) }));
}

/** What happened to a patient's warning sign, for the message they see (their own record only, for a patient). */
export async function safetyReceipt(actor: Actor, alertId: string, reportTier: RedFlagTier): Promise<SafetyReceipt | null> {
  const db = getDb();
  const [alert] = await db
    .select({ tier: safetyAlerts.tier, patientId: safetyAlerts.patientId })
    .from(safetyAlerts)
    .where(and(eq(safetyAlerts.id, alertId), eq(safetyAlerts.practiceId, actor.practiceId)));
  if (!alert || (actor.patientId !== null && alert.patientId !== actor.patientId)) return null;
  const notifications = await db
    .select({ recipientName: safetyNotifications.recipientName, status: safetyNotifications.status, sentAt: safetyNotifications.sentAt })
    .from(safetyNotifications)
    .where(and(eq(safetyNotifications.practiceId, actor.practiceId), eq(safetyNotifications.alertId, alertId)))
    .orderBy(asc(safetyNotifications.createdAt), asc(safetyNotifications.recipientName));
  return receiptOfAlert({ tier: alert.tier, notifications }, reportTier);
}

export type WarningSignDetails = Pick<SafetyAlertRow, 'id' | 'openedAt' | 'lastReportAt' | 'escalateAt' | 'escalatedAt'> & {
  notifications: Pick<NotificationRow, 'recipientName' | 'reason' | 'status' | 'sentAt'>[];
};

/** Timing and who was told, for the open warning signs shown on the dashboard and patient page. */
export async function getWarningSignDetails(actor: Actor, alertIds: string[]): Promise<Map<string, WarningSignDetails>> {
  assertCan(actor, 'alert:read');
  if (alertIds.length === 0) return new Map();
  const db = getDb();
  const [alerts, notes] = await Promise.all([
    db
      .select({ id: safetyAlerts.id, openedAt: safetyAlerts.openedAt, lastReportAt: safetyAlerts.lastReportAt, escalateAt: safetyAlerts.escalateAt, escalatedAt: safetyAlerts.escalatedAt })
      .from(safetyAlerts)
      .where(and(eq(safetyAlerts.practiceId, actor.practiceId), inArray(safetyAlerts.id, alertIds))),
    db
      .select({ alertId: safetyNotifications.alertId, recipientName: safetyNotifications.recipientName, reason: safetyNotifications.reason, status: safetyNotifications.status, sentAt: safetyNotifications.sentAt })
      .from(safetyNotifications)
      .where(and(eq(safetyNotifications.practiceId, actor.practiceId), inArray(safetyNotifications.alertId, alertIds)))
      .orderBy(asc(safetyNotifications.createdAt)),
  ]);
  return new Map(alerts.map((a) => [a.id, { ...a, notifications: notes.filter((n) => n.alertId === a.id) }]));
}
