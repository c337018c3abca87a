import 'server-only';
import { and, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { localDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { toKm } from '@/lib/units';
import { sessionLoad } from '@/lib/analytics/load';
import type { TrainingSessionInput } from '@/lib/validation/entries';
import { refreshAlertState } from './alert-state';
import { audit } from './audit';
import type { LogResult } from './pain-reports';
import { assertLogDate, assertPatientReachable, resolveEntryPatient } from './scope';

export async function insertSession(tx: Tx, actor: Actor, patientId: string, input: TrainingSessionInput, correctsId: string | null): Promise<LogResult> {
  assertLogDate(input.date, localDate(new Date(), actor.timeZone));
  // Distances arrive in the practice's unit and are stored in km.
  const distanceKm = input.distance === undefined ? null : toKm(input.distance, actor.distanceUnit);
  // 1000 (the form's limit) in miles is more than the 1000 km the table allows.
  if (distanceKm !== null && distanceKm > 1000) throw new AppError('invalid', 'Please check the highlighted fields.', { distance: ['Distance looks too long'] });
  const [row] = await tx
    .insert(trainingSessions)
    .values({
      practiceId: actor.practiceId, patientId, activity: input.activity, localDate: input.date, durationMin: input.durationMin,
      distanceKm, rpe: input.rpe, terrain: input.terrain ?? null, painDuring: input.painDuring ?? null, notes: input.notes ?? null,
      enteredBy: actor.userId, source: actor.patientId ? 'patient' : 'clinic', idempotencyKey: input.idempotencyKey, correctsId,
    })
    .onConflictDoNothing({ target: [trainingSessions.patientId, trainingSessions.idempotencyKey] })
    .returning({ id: trainingSessions.id });
  if (!row) {
    const [existing] = await tx
      .select({ id: trainingSessions.id })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.patientId, patientId), eq(trainingSessions.idempotencyKey, input.idempotencyKey)));
    if (!existing) throw new Error('idempotent insert found no row');
    return { id: existing.id, duplicate: true, patientId };
  }
  await audit(tx, actor, { action: correctsId ? 'session.correct' : 'session.create', entity: 'training_session', entityId: row.id, patientId, meta: { activity: input.activity, load: sessionLoad(input) } });
  return { id: row.id, duplicate: false, patientId };
}

/** Log a run or other session: the actor's own (patient) or for a patient of the practice (physio). */
export async function logSession(actor: Actor, input: TrainingSessionInput): Promise<LogResult> {
  assertCan(actor, 'entry:log');
  const result = await getDb().transaction(async (tx) => insertSession(tx, actor, await resolveEntryPatient(tx, actor, input.patientId), input, null));
  if (!result.duplicate) await refreshAlertState(actor.practiceId, [result.patientId]);
  return result;
}

/** A patient's sessions in a date range, newest first. */
export async function listTrainingSessions(actor: Actor, patientId: string, range: { from?: string; to?: string; includeVoided?: boolean; limit?: number } = {}) {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  return getDb()
    .select()
    .from(trainingSessions)
    .where(
      and(
        eq(trainingSessions.practiceId, actor.practiceId),
        eq(trainingSessions.patientId, patientId),
        range.from ? gte(trainingSessions.localDate, range.from) : undefined,
        range.to ? lte(trainingSessions.localDate, range.to) : undefined,
        range.includeVoided ? undefined : isNull(trainingSessions.voidedAt),
      ),
    )
    .orderBy(desc(trainingSessions.localDate), desc(trainingSessions.createdAt))
    .limit(range.limit ?? 2000);
}
