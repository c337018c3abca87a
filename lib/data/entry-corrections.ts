import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { painReports, trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, isPatient } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import type { PainReportInput, TrainingSessionInput } from '@/lib/validation/entries';
import { refreshAlertState } from './alert-state';
import { audit } from './audit';
import { runJobsNow } from '@/lib/jobs/worker';
import { insertPain, type LogResult, type PainLogResult } from './pain-reports';
import { assertOwnPatient } from './scope';
import { insertSession } from './training-sessions';

// Logged entries are never erased: a wrong one is voided (kept, marked with who, when
// and why), and a correction is a new entry that points to the voided one.
export type EntryKind = 'pain' | 'session';
const tables = { pain: painReports, session: trainingSessions } as const;

async function ownEntry(tx: Tx, actor: Actor, kind: EntryKind, id: string) {
  const table = tables[kind];
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

async function markVoided(tx: Tx, actor: Actor, kind: EntryKind, id: string, reason: string) {
  const row = await ownEntry(tx, actor, kind, id);
  if (!row.voidedAt) {
    const table = tables[kind];
    await tx.update(table).set({ voidedAt: new Date(), voidedBy: actor.userId, voidReason: reason, updatedAt: new Date() }).where(eq(table.id, row.id));
    await audit(tx, actor, { action: `${kind}.void`, entity: kind === 'pain' ? 'pain_report' : 'training_session', entityId: id, patientId: row.patientId, meta: { reason } });
  }
  return row;
}

export async function voidEntry(actor: Actor, kind: EntryKind, id: string, reason: string): Promise<void> {
  assertCan(actor, 'entry:void');
  const row = await getDb().transaction((tx) => markVoided(tx, actor, kind, id, reason));
  await refreshAlertState(actor.practiceId, [row.patientId]);
}

export async function correctPain(actor: Actor, id: string, input: PainReportInput, reason: string): Promise<PainLogResult> {
  assertCan(actor, 'entry:void');
  const result = await getDb().transaction(async (tx) => {
    const old = await markVoided(tx, actor, 'pain', id, reason);
    return insertPain(tx, actor, old.patientId, { ...input, date: input.date ?? old.localDate }, old.id);
  });
  // A correction that adds a warning sign tells someone like a new report does.
  await runJobsNow(result.emailJobIds);
  await refreshAlertState(actor.practiceId, [result.patientId]);
  return result;
}

export async function correctSession(actor: Actor, id: string, input: TrainingSessionInput, reason: string): Promise<LogResult> {
  assertCan(actor, 'entry:void');
  const result = await getDb().transaction(async (tx) => {
    const old = await markVoided(tx, actor, 'session', id, reason);
    return insertSession(tx, actor, old.patientId, input, old.id);
  });
  await refreshAlertState(actor.practiceId, [result.patientId]);
  return result;
}
