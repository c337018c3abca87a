import 'server-only';
import { and, desc, eq, gte, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db/client';
import { auditEvents, patients, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, auditDetailsVisible } from '@/lib/access/policy';
import type { AuditAction } from '@/lib/audit/actions';
import { VIEW_AUDIT_WINDOW_MINUTES, viewAuditDue } from '@/lib/audit/view-window';
import { audit } from './audit';

// Reading the practice's audit trail (admins). Writing stays in audit.ts; the table
// itself refuses updates and deletes. A reader without a clinical role (a practice manager)
// sees who did what to which record and when; the details of clinical events (scores, red
// flags, tiers, reasons, notes) are left out here, so the page and the CSV never get them.

export type AuditQuery = {
  personId?: string;
  patientId?: string;
  /** An exact action ("user.invite") or a family ("user" = every user.* action). */
  action?: string;
  /** Calendar days in the practice's time zone, inclusive. */
  from?: string;
  to?: string;
};

function auditWhere(actor: Actor, q: AuditQuery): SQL {
  const filters: (SQL | undefined)[] = [eq(auditEvents.practiceId, actor.practiceId)];
  // A person is who did it, or the account it was done to.
  if (q.personId) filters.push(or(eq(auditEvents.actorUserId, q.personId), and(eq(auditEvents.entity, 'user'), eq(auditEvents.entityId, q.personId))));
  if (q.patientId) filters.push(eq(auditEvents.patientId, q.patientId));
  if (q.action) filters.push(q.action.includes('.') ? eq(auditEvents.action, q.action) : or(eq(auditEvents.action, q.action), like(auditEvents.action, `${q.action}.%`)));
  if (q.from) filters.push(gte(auditEvents.createdAt, sql`((${q.from})::date)::timestamp AT TIME ZONE ${actor.timeZone}`));
  if (q.to) filters.push(lt(auditEvents.createdAt, sql`((${q.to})::date + 1)::timestamp AT TIME ZONE ${actor.timeZone}`));
  // Never empty (the practice filter comes first); a scope with nothing in it matches nothing.
  return and(...filters) ?? sql`false`;
}

const actorUser = alias(users, 'actor_user');

function selectEvents(actor: Actor, where: SQL) {
  return getDb()
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      // Only audit()/auditSystem (./audit.ts) write the table, and they take an AuditAction.
      action: sql<AuditAction>`${auditEvents.action}`,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      patientId: auditEvents.patientId,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      meta: auditEvents.meta,
      actorUserId: auditEvents.actorUserId,
      actorName: actorUser.name,
      actorEmail: actorUser.email,
      patientName: sql<string | null>`CASE WHEN ${patients.id} IS NULL THEN NULL ELSE ${patients.lastName} || ', ' || ${patients.firstName} END`,
      subjectName: sql<string | null>`(SELECT u.name FROM users u WHERE u.practice_id = ${actor.practiceId} AND u.id = CASE WHEN ${auditEvents.entity} = 'user' THEN ${auditEvents.entityId}::uuid END)`,
    })
    .from(auditEvents)
    .leftJoin(actorUser, eq(actorUser.id, auditEvents.actorUserId))
    .leftJoin(patients, and(eq(patients.id, auditEvents.patientId), eq(patients.practiceId, actor.practiceId)))
    .where(where)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id));
}

type EventRow = Awaited<ReturnType<typeof selectEvents>>[number];

/** meta: null and clinicalHidden: true where the event's details are clinical and the reader is not. */
function forReader(actor: Actor, rows: EventRow[]) {
  return rows.map((row) => {
    const visible = auditDetailsVisible(actor, row.action);
    return { ...row, meta: visible ? row.meta : null, clinicalHidden: !visible && row.meta !== null };
  });
}

/** A page of the practice's audit events, newest first. */
export async function listAuditEvents(actor: Actor, q: AuditQuery & { page?: number; pageSize?: number } = {}) {
  assertCan(actor, 'audit:read');
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const where = auditWhere(actor, q);
  const [rows, [total]] = await Promise.all([
    selectEvents(actor, where).limit(pageSize).offset((page - 1) * pageSize),
    getDb().select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where),
  ]);
  return { rows: forReader(actor, rows), total: total?.n ?? 0, page, pageSize };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>['rows'][number];

export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** Every matching event for the CSV download (capped); the download itself is audited. */
export async function exportAuditEvents(actor: Actor, q: AuditQuery): Promise<{ rows: AuditRow[]; truncated: boolean }> {
  assertCan(actor, 'audit:read');
  const rows = forReader(actor, await selectEvents(actor, auditWhere(actor, q)).limit(AUDIT_EXPORT_MAX_ROWS + 1));
  const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS;
  const kept = truncated ? rows.slice(0, AUDIT_EXPORT_MAX_ROWS) : rows;
  await audit(getDb(), actor, { action: 'audit.export', entity: 'audit_log', meta: { filters: q, rows: kept.length, truncated } });
  return { rows: kept, truncated };
}

/**
 * Audit that the actor opened this patient's record: once per person per patient per
 * VIEW_AUDIT_WINDOW_MINUTES (lib/audit/view-window.ts), not on every reload of the page's
 * data (a chart-range click, a filter). Uses the (practice, actor, time) index.
 */
export async function recordPatientView(db: Db, actor: Actor, patientId: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - VIEW_AUDIT_WINDOW_MINUTES * 60_000);
  const [last] = await db
    .select({ at: auditEvents.createdAt })
    .from(auditEvents)
    .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.actorUserId, actor.userId), gte(auditEvents.createdAt, since), eq(auditEvents.action, 'patient.view'), eq(auditEvents.patientId, patientId)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  if (!viewAuditDue(last?.at ?? null, now)) return false;
  await audit(db, actor, { action: 'patient.view', entity: 'patient', entityId: patientId, patientId });
  return true;
}
