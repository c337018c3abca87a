import 'server-only';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/access/actor';
import { sessionLoad } from '@/lib/analytics/load';
import { localDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { toKm } from '@/lib/units';
import type { TrainingSessionInput } from '@/lib/validation/entries';
import { assertLogDate } from '../scope';
import { insertEntry, logEntry } from './insert';
import type { LogResult } from './kinds';

/** Record a run or other session (or the correction of one) for a patient already resolved. */
export async function insertSession(tx: Tx, actor: Actor, patientId: string, input: TrainingSessionInput, correctsId: string | null): Promise<LogResult> {
  assertLogDate(input.date, localDate(new Date(), actor.timeZone));
  // Distances arrive in the practice's unit and are stored in km.
  const distanceKm = input.distance === undefined ? null : toKm(input.distance, actor.distanceUnit);
  // 1000 (the form's limit) in miles is more than the 1000 km the table allows.
  if (distanceKm !== null && distanceKm > 1000) throw new AppError('invalid', 'Please check the highlighted fields.', { distance: ['Distance looks too long'] });
  const { row, duplicate } = await insertEntry(
    tx, actor, 'session', { patientId, idempotencyKey: input.idempotencyKey, correctsId },
    { activity: input.activity, localDate: input.date, durationMin: input.durationMin, distanceKm, rpe: input.rpe, terrain: input.terrain ?? null, painDuring: input.painDuring ?? null, notes: input.notes ?? null },
    { activity: input.activity, load: sessionLoad(input) },
  );
  return { id: row.id, duplicate, patientId };
}

/** Log a run or other session: the actor's own (patient) or for a patient of the practice (physio). */
export async function logSession(actor: Actor, input: TrainingSessionInput): Promise<LogResult> {
  return logEntry(actor, input.patientId, (tx, patientId) => insertSession(tx, actor, patientId, input, null));
}
