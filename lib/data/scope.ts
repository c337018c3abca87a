import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { cache } from 'react';
import { patients } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { isPatient } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import { daysBetween } from '@/lib/dates';
import { getDb, type Db, type Tx } from '@/db/client';

/**
 * The condition that limits a patients query to what the actor may reach: their
 * practice, and for a patient account only their own record.
 */
export function patientScope(actor: Actor): SQL {
  const practice = eq(patients.practiceId, actor.practiceId);
  if (isPatient(actor)) return and(practice, eq(patients.id, actor.patientId ?? '00000000-0000-0000-0000-000000000000')) ?? sql`false`;
  return practice;
}

/** A patient actor may only name their own patient id; anything else is "not found". */
export function assertOwnPatient(actor: Actor, patientId: string): void {
  if (isPatient(actor) && actor.patientId !== patientId) throw notFound('Patient not found.');
}

/**
 * A patient id the actor may read about: their own (patient accounts) or one of their
 * practice's patients (staff). Anything else is "not found", so another practice's ids
 * answer exactly like ids that do not exist.
 */
export async function assertPatientReachable(actor: Actor, patientId: string): Promise<void> {
  assertOwnPatient(actor, patientId);
  if (isPatient(actor)) return;
  if (!(await patientInPractice(actor.practiceId, patientId))) throw notFound('Patient not found.');
}

/**
 * Whether the patient belongs to the practice. Asked once per page render: a page's sections
 * each check access to the same patient (React's cache, keyed by the two ids, lives for one
 * server render; anywhere else, in actions, jobs and tests, every call asks the database).
 */
const patientInPractice = cache(async (practiceId: string, patientId: string): Promise<boolean> => {
  const [row] = await getDb()
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), eq(patients.practiceId, practiceId)))
    .limit(1);
  return Boolean(row);
});

/**
 * Whose record a log entry goes to. A patient writes only their own (posting anyone
 * else's id answers "not found"); a physio names a patient of their practice.
 */
export async function resolveEntryPatient(db: Db | Tx, actor: Actor, postedPatientId: string | undefined): Promise<string> {
  if (isPatient(actor)) {
    if (!actor.patientId || (postedPatientId && postedPatientId !== actor.patientId)) throw notFound('Patient not found.');
    return actor.patientId;
  }
  if (!postedPatientId) throw new AppError('invalid', 'Choose a patient.', { patientId: ['Choose a patient'] });
  const [row] = await db
    .select({ id: patients.id, status: patients.status })
    .from(patients)
    .where(and(eq(patients.id, postedPatientId), eq(patients.practiceId, actor.practiceId)))
    .limit(1);
  if (!row) throw notFound('Patient not found.');
  if (row.status === 'archived') throw new AppError('invalid', 'This patient is archived: restore them before logging.');
  return row.id;
}

/** Log dates: not in the future (practice time zone) and within the last year. */
export function assertLogDate(date: string, today: string, field = 'date'): void {
  if (date > today) throw new AppError('invalid', 'Please check the highlighted fields.', { [field]: ['The date cannot be in the future'] });
  if (daysBetween(date, today) > 366) throw new AppError('invalid', 'Please check the highlighted fields.', { [field]: ['The date must be within the last year'] });
}
