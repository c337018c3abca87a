import 'server-only';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';

/**
 * The practice's patients for pickers (audit filter, data export, portal invitations):
 * identity only, no clinical fields. `withoutAccount` keeps those with no portal login yet.
 */
export async function listPatientOptions(actor: Actor, options: { withoutAccount?: boolean; includeArchived?: boolean } = {}) {
  assertCan(actor, 'patient:list');
  const filters: SQL[] = [eq(patients.practiceId, actor.practiceId)];
  if (!options.includeArchived) filters.push(sql`${patients.status} <> 'archived'`);
  if (options.withoutAccount) filters.push(isNull(users.id));
  return getDb()
    .select({
      id: patients.id,
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
      email: patients.email,
      status: patients.status,
      accountStatus: users.status,
    })
    .from(patients)
    .leftJoin(users, and(eq(users.patientId, patients.id), eq(users.practiceId, actor.practiceId)))
    .where(and(...filters))
    .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id));
}

export type PatientOption = Awaited<ReturnType<typeof listPatientOptions>>[number];
