import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { writeMarkingAlerts } from '../alert-state';
import { audit } from '../audit';
import { resolveEntryPatient } from '../scope';
import { ENTRY_KINDS, type EntryFields, type EntryHeader, type EntryKind, type EntryRow, type LogResult } from './kinds';

/**
 * Insert an entry of a kind once per (patient, idempotency key): a double tap or a retry with
 * the same key records one entry and gets back the row the first one made (duplicate: true).
 * A new row is audited as `<kind>.create`, or `<kind>.correct` when it corrects another.
 * The patient is one the caller already resolved for the actor.
 */
export async function insertEntry<K extends EntryKind>(tx: Tx, actor: Actor, kind: K, header: EntryHeader, fields: EntryFields<K>, auditMeta: Record<string, unknown>): Promise<{ row: EntryRow<K>; duplicate: boolean }>;
// One body for every kind: the signature above ties `fields` and the row to the kind's table.
export async function insertEntry(tx: Tx, actor: Actor, kind: EntryKind, header: EntryHeader, fields: EntryFields<EntryKind>, auditMeta: Record<string, unknown>): Promise<{ row: EntryRow<EntryKind>; duplicate: boolean }> {
  const { table, entity } = ENTRY_KINDS[kind];
  const [row] = await tx
    .insert(table)
    .values({ ...fields, ...header, practiceId: actor.practiceId, enteredBy: actor.userId, source: actor.patientId ? 'patient' : 'clinic' })
    .onConflictDoNothing({ target: [table.patientId, table.idempotencyKey] })
    .returning();
  if (!row) {
    const [existing] = await tx
      .select()
      .from(table)
      .where(and(eq(table.patientId, header.patientId), eq(table.idempotencyKey, header.idempotencyKey)));
    if (!existing) throw new Error('idempotent insert found no row');
    return { row: existing, duplicate: true };
  }
  await audit(tx, actor, { action: `${kind}.${header.correctsId ? 'correct' : 'create'}`, entity, entityId: row.id, patientId: header.patientId, meta: auditMeta });
  return { row, duplicate: false };
}

/**
 * Log an entry on the actor's own record (patient) or a patient of the practice (physio):
 * `insert` writes it, in one transaction, for the patient resolved here. Once it is committed,
 * `committed` runs (a pain report's safety emails). A new entry marks the patient's alert row
 * stale in its own transaction (markStaleInWrite); the row is refreshed after the response, or
 * before it when `urgent` says so (a warning sign is on the dashboard by the time the patient
 * is told it was sent) or the writer is staff.
 */
export async function logEntry<R extends LogResult>(
  actor: Actor, postedPatientId: string | undefined, insert: (tx: Tx, patientId: string) => Promise<R>,
  committed?: (result: R) => Promise<void>, urgent?: (result: R) => boolean,
): Promise<R> {
  assertCan(actor, 'entry:log');
  return writeMarkingAlerts(actor, async (tx) => insert(tx, await resolveEntryPatient(tx, actor, postedPatientId)), { changed: (r) => !r.duplicate, urgent, committed });
}
