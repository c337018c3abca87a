// Each test file seeds its own practice through these helpers.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients, practices, users, type Role } from '@/db/schema';
import { defaultPracticeSettings } from '@/db/seed';
import type { Actor } from '@/lib/access/actor';
import { hashPassword } from '@/lib/auth/password';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export type TestUser = typeof users.$inferSelect;

export async function createPractice(name = `Practice ${randomUUID().slice(0, 8)}`, timeZone = 'Europe/London') {
  const [row] = await getDb()
    .insert(practices)
    .values({ name, slug: `p-${randomUUID()}`, timeZone, settings: defaultPracticeSettings() })
    .returning();
  if (!row) throw new Error('practice not created');
  return row;
}

export async function createStaff(practiceId: string, roles: Role[] = ['physio'], overrides: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(users)
    .values({
      practiceId,
      email: `${roles.join('-')}-${randomUUID().slice(0, 8)}@test.example`,
      name: `${roles[0]} ${randomUUID().slice(0, 4)}`,
      roles,
      passwordHash: await passwordHash(),
      status: 'active',
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('user not created');
  return row;
}

export async function createPatient(practiceId: string, overrides: Partial<typeof patients.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(patients)
    .values({ practiceId, firstName: 'Pat', lastName: `Ient-${randomUUID().slice(0, 6)}`, dateOfBirth: '1990-05-01', condition: 'Low back pain', ...overrides })
    .returning();
  if (!row) throw new Error('patient not created');
  return row;
}

/** A patient record with a portal login. */
export async function createPatientAccount(practiceId: string, overrides: Partial<typeof patients.$inferInsert> = {}) {
  const patient = await createPatient(practiceId, overrides);
  const user = await createStaff(practiceId, ['patient'], { patientId: patient.id, name: `${patient.firstName} ${patient.lastName}` });
  return { patient, user };
}

/** The Actor requireActor() would build for this user (for calling data functions directly). */
export async function actorFor(user: TestUser): Promise<Actor> {
  const [practice] = await getDb().select().from(practices).where(eq(practices.id, user.practiceId));
  if (!practice) throw new Error('practice missing');
  return {
    userId: user.id,
    practiceId: user.practiceId,
    roles: user.roles,
    patientId: user.patientId,
    name: user.name,
    email: user.email,
    timeZone: practice.timeZone,
    distanceUnit: practice.distanceUnit,
    ip: '203.0.113.7',
    userAgent: 'vitest',
  };
}
