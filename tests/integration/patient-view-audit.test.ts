import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { recordPatientView } from '@/lib/data/audit-log';
import { getPatient } from '@/lib/data/patients';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';

const testDb = setupTestDb();

const viewsOf = (patientId: string) =>
  testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'patient.view'), eq(auditEvents.patientId, patientId)));

describe('patient record views in the audit trail (issue 20)', () => {
  it('reloading the patient page (chart-range clicks) records one view per person per patient per 10 minutes', async () => {
    const practice = await createPractice();
    const physio = await actorFor(await createStaff(practice.id));
    const colleague = await actorFor(await createStaff(practice.id));
    const patient = await createPatient(practice.id);
    const other = await createPatient(practice.id);
    // The page and five range clicks: each loads the record again.
    for (let i = 0; i < 6; i++) await getPatient(physio, patient.id);
    expect(await viewsOf(patient.id)).toHaveLength(1);
    // Another person, and another patient, are views of their own.
    await getPatient(colleague, patient.id);
    await getPatient(physio, other.id);
    expect((await viewsOf(patient.id)).map((v) => v.actorUserId).sort()).toEqual([physio.userId, colleague.userId].sort());
    expect(await viewsOf(other.id)).toHaveLength(1);
  });

  it('a view after the window is recorded again', async () => {
    const practice = await createPractice();
    const physio = await actorFor(await createStaff(practice.id));
    const patient = await createPatient(practice.id);
    expect(await recordPatientView(testDb.db, physio, patient.id)).toBe(true);
    expect(await recordPatientView(testDb.db, physio, patient.id, new Date(Date.now() + 9 * 60_000))).toBe(false);
    expect(await recordPatientView(testDb.db, physio, patient.id, new Date(Date.now() + 11 * 60_000))).toBe(true);
    expect(await viewsOf(patient.id)).toHaveLength(2);
  });
});
