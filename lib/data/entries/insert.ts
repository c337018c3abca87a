import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { placeholder } from '@/db/compiled-statement';
import { writeMarkingAlerts, writeMarkingAlertsInItsStatement, type CompiledWrite } from '../alert-state';
import { audit } from '../audit';
import { resolveEntryPatient } from '../scope';
import { ENTRY_KINDS, type EntryFields, type EntryHeader, type EntryInsert, type EntryKind, type EntryRow, type LogResult } from './kinds';

/**
 * Insert an entry of a kind once per (patient, idempotency key): a double tap or a retry with
 * the same key records one entry and gets back the row the first one made (duplicate: true).
 * A new row is audited as `<kind>.create`, or `<kind>.correct` when it corrects another.
 * The patient is one the caller already resolved for the actor.
 */
export async function insertEntry<K extends EntryKind>(tx: Tx, actor: Actor, kind: K, header: EntryHeader, fields: EntryFields<K>, auditMeta: Record<string, unknown>): Promise<{ row: EntryRow<K>; duplicate: boolean }>;
// One body for every kind: the signature above ties `fields` and the row to the kind's table.
export async function insertEntry(tx: Tx, actor: Actor, kind: EntryKind, header: EntryHeader, fields: EntryFields<EntryKind>, auditMeta: Record<string, unknown>): Promise<{ row: EntryRow<EntryKind>; duplicate: boolean }> {
  const { entity } = ENTRY_KINDS[kind];
  const [row] = await entryInsert(tx, actor, kind, header, fields).returning();
  if (!row) return { row: await recordedEntry(tx, kind, header), duplicate: true };
  await audit(tx, actor, { action: `${kind}.${header.correctsId ? 'correct' : 'create'}`, entity, entityId: row.id, patientId: header.patientId, meta: auditMeta });
  return { row, duplicate: false };
}

/** The entry's INSERT, which does nothing when the patient's idempotency key is taken. */
export function entryInsert(db: Db | Tx, actor: Actor, kind: EntryKind, header: EntryHeader, fields: EntryFields<EntryKind>) {
  return entryInsertOf(db, kind, entryValues(actor, header, fields));
}

/** The entry's row: the kind's own fields, whose entry it is, and who entered it from where. */
const entryValues = (actor: Actor, header: EntryHeader, fields: EntryFields<EntryKind>) =>
  ({ ...fields, ...header, practiceId: actor.practiceId, enteredBy: actor.userId, source: actor.patientId ? 'patient' : 'clinic' }) as const;

// drizzle types an insert's values against one table; `values` is a row of whichever kind the
// caller named (entryValues, or placeholders for it), which the union of tables cannot express.
function entryInsertOf(db: Db | Tx, kind: EntryKind, values: Record<string, unknown>) {
  const { table } = ENTRY_KINDS[kind];
  return db.insert(table).values(values as unknown as EntryInsert<EntryKind>).onConflictDoNothing({ target: [table.patientId, table.idempotencyKey] });
}

/**
 * The entry's INSERT … RETURNING id as a compiled statement's part (CompiledWrite): every value
 * a placeholder, except a NULL, which is part of the statement's shape (drizzle would send a
 * placeholder's NULL through the column's encoding, which for JSON is the text "null").
 */
export function compiledEntryInsert(db: Db | Tx, actor: Actor, kind: EntryKind, header: EntryHeader, fields: EntryFields<EntryKind>): CompiledWrite {
  const row: Record<string, unknown> = entryValues(actor, header, fields);
  const names = Object.keys(row).filter((name) => row[name] !== undefined).sort();
  const nulls = names.filter((name) => row[name] === null);
  const values: Record<string, unknown> = {};
  for (const name of names) if (row[name] !== null) values[`written_${name}`] = row[name];
  return {
    shape: `${kind}(${names.join(',')}) null(${nulls.join(',')})`,
    build: () => entryInsertOf(db, kind, Object.fromEntries(names.map((name) => [name, row[name] === null ? null : placeholder(`written_${name}`)])))
      .returning({ id: ENTRY_KINDS[kind].table.id }).getSQL(),
    values,
  };
}

/** The entry a retry's idempotency key already recorded. */
async function recordedEntry(db: Db | Tx, kind: EntryKind, header: EntryHeader): Promise<EntryRow<EntryKind>> {
  const { table } = ENTRY_KINDS[kind];
  const [existing] = await db.select().from(table).where(and(eq(table.patientId, header.patientId), eq(table.idempotencyKey, header.idempotencyKey)));
  if (!existing) throw new Error('idempotent insert found no row');
  return existing;
}

/** What logEntryInOneStatement wrote: the new entry's id, or the entry a retry's key first recorded. */
type OneStatementLog<K extends EntryKind> = { patientId: string } & ({ duplicate: false; id: string } | { duplicate: true; row: EntryRow<K> });

/**
 * logEntry as one statement, for a new entry (not a correction) that nothing else is written
 * or judged for, such as a pain report that cannot be a warning sign: the entry, its audit
 * event and the mark of the patient's alert row are parts (CTEs) of one statement, so they
 * commit together or not at all, in one round trip instead of five (BEGIN, the entry, the
 * audit, the mark, COMMIT). A retry with the same key writes nothing and answers with the
 * entry the key first recorded.
 */
export async function logEntryInOneStatement<K extends EntryKind>(
  actor: Actor, postedPatientId: string | undefined, kind: K, entry: (patientId: string) => { idempotencyKey: string; fields: EntryFields<K>; auditMeta: Record<string, unknown> },
): Promise<OneStatementLog<K>>;
// One body for every kind, as insertEntry.
export async function logEntryInOneStatement(
  actor: Actor, postedPatientId: string | undefined, kind: EntryKind, entry: (patientId: string) => { idempotencyKey: string; fields: EntryFields<EntryKind>; auditMeta: Record<string, unknown> },
): Promise<OneStatementLog<EntryKind>> {
  assertCan(actor, 'entry:log');
  const db = getDb();
  const patientId = await resolveEntryPatient(db, actor, postedPatientId);
  const { idempotencyKey, fields, auditMeta } = entry(patientId);
  const header: EntryHeader = { patientId, idempotencyKey, correctsId: null };
  const { entity } = ENTRY_KINDS[kind];
  // Compiled: the busiest write path, where drizzle's building of the statement's text was a
  // visible part of each log's server time (db/compiled-statement.ts).
  const id = await writeMarkingAlertsInItsStatement(
    actor,
    (q, writeAuditedAndMarked) =>
      writeAuditedAndMarked(compiledEntryInsert(q, actor, kind, header, fields), { action: `${kind}.create`, entity, patientId, meta: auditMeta }),
    (written) => (written === undefined ? null : patientId),
  );
  if (id !== undefined) return { duplicate: false, id, patientId };
  return { duplicate: true, row: await recordedEntry(db, kind, header), patientId };
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
