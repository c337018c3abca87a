import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import type { AuditAction } from '@/lib/audit/actions';

export type AuditInput = {
  /** One of the trail's actions (lib/audit/actions.ts): a misspelt one does not compile. */
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  patientId?: string | null;
  meta?: Record<string, unknown>;
};

/** Append one audit event for what the actor did. The table refuses updates and deletes. */
export async function audit(db: Db | Tx, actor: Actor, event: AuditInput): Promise<void> {
  await auditSystem(db, { ...event, practiceId: actor.practiceId, actorUserId: actor.userId, ip: actor.ip, userAgent: actor.userAgent });
}

/** For events without a signed-in actor (sign-in attempts, accepted invites). */
export async function auditSystem(
  db: Db | Tx,
  event: AuditInput & { practiceId: string | null; actorUserId: string | null; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.insert(auditEvents).values(auditRow(event));
}

function auditRow(event: AuditInput & { practiceId: string | null; actorUserId: string | null; ip: string | null; userAgent: string | null }) {
  return {
    practiceId: event.practiceId,
    actorUserId: event.actorUserId,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    patientId: event.patientId ?? null,
    ip: event.ip,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
    meta: event.meta ?? null,
  };
}

/** An actor's event as auditWrittenRows sends it: who, from where, what, and its meta as JSON text. */
export function auditWrittenValues(actor: Actor, event: Omit<AuditInput, 'entityId'>) {
  const row = auditRow({ ...event, practiceId: actor.practiceId, actorUserId: actor.userId, ip: actor.ip, userAgent: actor.userAgent });
  return {
    practiceId: row.practiceId, actorUserId: row.actorUserId, action: row.action, entity: row.entity, patientId: row.patientId,
    ip: row.ip, userAgent: row.userAgent, meta: row.meta === null ? null : JSON.stringify(row.meta),
  };
}
export type AuditWrittenValues = ReturnType<typeof auditWrittenValues>;

/**
 * The audit INSERT for a row that an earlier part of the same statement writes (a CTE): one
 * event per row of `written`, whose id is its `id` column. The event is then written with the
 * row, or not at all, without a transaction around the two. `values` are auditWrittenValues, or
 * placeholders for them in a compiled statement (db/compiled-statement.ts).
 */
export function auditWrittenRows(values: { [K in keyof AuditWrittenValues]: AuditWrittenValues[K] | Placeholder }, written: SQL): SQL {
  const v = values;
  const column = (c: { name: string }) => sql.identifier(c.name);
  return sql`INSERT INTO ${auditEvents} (${sql.join([auditEvents.practiceId, auditEvents.actorUserId, auditEvents.action, auditEvents.entity, auditEvents.entityId, auditEvents.patientId, auditEvents.ip, auditEvents.userAgent, auditEvents.meta].map(column), sql`, `)})
    SELECT ${v.practiceId}::uuid, ${v.actorUserId}::uuid, ${v.action}, ${v.entity}, ${written}.id::text, ${v.patientId}::uuid, ${v.ip}, ${v.userAgent}, ${v.meta}::jsonb
    FROM ${written}`;
}
