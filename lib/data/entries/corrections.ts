import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import type { Actor } from '@/lib/access/actor';
import { assertCan, isPatient } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import { runJobsNow } from '@/lib/jobs/worker';
import type { PainReportInput, TrainingSessionInput } from '@/lib/validation/entries';
import { refreshAlertState } from '../alert-state';
import { audit } from '../audit';
import { assertOwnPatient } from '../scope';
import { ENTRY_KINDS, type EntryKind, type LogResult } from './kinds';
import { insertPain, type PainLogResult } from './pain';
import { insertSession } from './session';

// Logged entries are never erased: a wrong one is voided (kept, marked with who, when
// and why), and a correction is a new entry that points to the voided one.

async function ownEntry(tx: Tx, actor: Actor, kind: EntryKind, id: string) {
  const { table } = ENTRY_KINDS[kind];
  const [row] = await tx
    .select({ id: table.id, patientId: table.patientId, voidedAt: table.voidedAt, localDate: table.localDate, source: table.source })
    .from(table)
    .where(and(eq(table.id, id), eq(table.practiceId, actor.practiceId)))
    .limit(1);
  if (!row) throw notFound('Entry not found.');
  assertOwnPatient(actor, row.patientId);
  // What the clinic recorded (a clinic-visit score, say) is the physio's to change.
  if (isPatient(actor) && row.source !== 'patient') throw new AppError('forbidden', 'This entry was made at the clinic: ask your physio to change it.');
  return row;
}

/** Said when an entry was already corrected or removed (by this person in another tab, or someone else). */
const ALREADY_CHANGED = 'This entry was already corrected or removed. Reload to see the current one.';
const alreadyChanged = () => new AppError('conflict', ALREADY_CHANGED);

/**
 * Void a live entry, once. The UPDATE only matches while voided_at is still null, so of
 * two requests at once only one voids it (on PostgreSQL the second waits for the first's
 * row lock, then finds it voided). Returns false when it was already voided.
 */
async function voidOnce(tx: Tx, actor: Actor, kind: EntryKind, row: { id: string; patientId: string; voidedAt: Date | null }, reason: string): Promise<boolean> {
  if (row.voidedAt) return false;
  const { table, entity } = ENTRY_KINDS[kind];
  const [voided] = await tx
    .update(table)
    .set({ voidedAt: new Date(), voidedBy: actor.userId, voidReason: reason, updatedAt: new Date() })
    .where(and(eq(table.id, row.id), isNull(table.voidedAt)))
    .returning({ id: table.id });
  if (!voided) return false;
  await audit(tx, actor, { action: `${kind}.void`, entity, entityId: row.id, patientId: row.patientId, meta: { reason } });
  return true;
}

/**
 * The live correction of an entry made with this idempotency key: a retried correction form
 * (same key) whose first submission went through is answered like a double-tapped log, not
 * as a conflict.
 */
async function sameCorrection(tx: Tx, kind: EntryKind, old: { id: string; patientId: string }, idempotencyKey: string) {
  const { table } = ENTRY_KINDS[kind];
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.patientId, old.patientId), eq(table.idempotencyKey, idempotencyKey), eq(table.correctsId, old.id)))
    .limit(1);
  return row;
}

/** The unique index that allows one live correction per entry refused a second one. */
const isSecondCorrection = (e: unknown) => isUniqueViolation(e, /_one_live_correction_idx$/);

/**
 * Void the entry and insert its replacement in one transaction. If the entry was already
 * voided, a replay of the same correction (same form, same key) gets the replacement it
 * made; anything else is refused and nothing is written. The unique index on corrects_id
 * (live rows) backs this up in the database. Once committed, `committed` runs (a pain
 * report's safety emails), then the patient's alerts are refreshed.
 */
async function correctEntry<R extends LogResult>(
  actor: Actor, kind: EntryKind, id: string, idempotencyKey: string, reason: string,
  insert: (tx: Tx, old: { id: string; patientId: string; localDate: string }) => Promise<R>,
  committed?: (result: R) => Promise<void>,
): Promise<R> {
  assertCan(actor, 'entry:void');
  let result: R;
  try {
    result = await getDb().transaction(async (tx) => {
      const old = await ownEntry(tx, actor, kind, id);
      // Checked after the void was refused, so on PostgreSQL it sees a racing twin's committed row.
      // The replay goes through insert, whose idempotency-key conflict returns the first result.
      if (!(await voidOnce(tx, actor, kind, old, reason)) && !(await sameCorrection(tx, kind, old, idempotencyKey))) throw alreadyChanged();
      return insert(tx, old);
    });
  } catch (error) {
    if (isSecondCorrection(error)) throw alreadyChanged();
    throw error;
  }
  await committed?.(result);
  await refreshAlertState(actor.practiceId, [result.patientId]);
  return result;
}

export async function voidEntry(actor: Actor, kind: EntryKind, id: string, reason: string): Promise<void> {
  assertCan(actor, 'entry:void');
  const row = await getDb().transaction(async (tx) => {
    const entry = await ownEntry(tx, actor, kind, id);
    if (!(await voidOnce(tx, actor, kind, entry, reason))) throw alreadyChanged();
    return entry;
  });
  await refreshAlertState(actor.practiceId, [row.patientId]);
}

export async function correctPain(actor: Actor, id: string, input: PainReportInput, reason: string): Promise<PainLogResult> {
  return correctEntry(
    actor, 'pain', id, input.idempotencyKey, reason,
    (tx, old) => insertPain(tx, actor, old.patientId, { ...input, date: input.date ?? old.localDate }, old.id),
    // A correction that adds a warning sign tells someone like a new report does.
    (result) => runJobsNow(result.emailJobIds),
  );
}

export async function correctSession(actor: Actor, id: string, input: TrainingSessionInput, reason: string): Promise<LogResult> {
  return correctEntry(actor, 'session', id, input.idempotencyKey, reason, (tx, old) => insertSession(tx, actor, old.patientId, input, old.id));
}
