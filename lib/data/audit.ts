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
  await db.insert(auditEvents).values({
    practiceId: event.practiceId,
    actorUserId: event.actorUserId,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    patientId: event.patientId ?? null,
    ip: event.ip,
    userAgent: event.userAgent?.slice(0, 500) ?? null,
    meta: event.meta ?? null,
  });
}
