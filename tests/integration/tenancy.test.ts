import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { getPatient, listPatients } from '@/lib/data/patients';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';

const testDb = setupTestDb();

describe('patients are scoped by practice', () => {
  it('a physio reads their own practice patient and the view is audited', async () => {
    const a = await createPractice();
    const physio = await actorFor(await createStaff(a.id));
    const patient = await createPatient(a.id);
    const record = await getPatient(physio, patient.id);
    expect(record.id).toBe(patient.id);
    expect(record.condition).toBe('Low back pain');
    const views = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'patient.view'), eq(auditEvents.entityId, patient.id)));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorUserId: physio.userId, practiceId: a.id, patientId: patient.id });
  });

  it('a patient reading their own record is not audited as a view (staff views are)', async () => {
    const a = await createPractice();
    const { patient, user } = await createPatientAccount(a.id);
    const self = await actorFor(user);
    expect((await getPatient(self, patient.id)).id).toBe(patient.id);
    const views = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'patient.view'), eq(auditEvents.entityId, patient.id)));
    expect(views).toHaveLength(0);
  });

  it('a physio of practice A gets "not found" for a patient of practice B', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physioA = await actorFor(await createStaff(a.id));
    const patientB = await createPatient(b.id);
    await expect(getPatient(physioA, patientB.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists only the practice own patients', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physioA = await actorFor(await createStaff(a.id));
    await createPatient(a.id, { lastName: 'Alpha' });
    await createPatient(b.id, { lastName: 'Beta' });
    const { rows, total } = await listPatients(physioA, {});
    expect(total).toBe(1);
    expect(rows.map((r) => r.lastName)).toEqual(['Alpha']);
  });

  it('a patient reads their own record and nobody else, even in the same practice', async () => {
    const a = await createPractice();
    const { patient, user } = await createPatientAccount(a.id);
    const other = await createPatient(a.id);
    const me = await actorFor(user);
    expect((await getPatient(me, patient.id)).id).toBe(patient.id);
    await expect(getPatient(me, other.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listPatients(me, {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('an admin who is not a physio sees contact details, not clinical ones', async () => {
    const a = await createPractice();
    const admin = await actorFor(await createStaff(a.id, ['admin']));
    const patient = await createPatient(a.id, { goals: 'Run 10k', notes: 'private' });
    const record = await getPatient(admin, patient.id);
    expect(record.firstName).toBe(patient.firstName);
    expect(record.condition).toBeNull();
    expect(record.notes).toBeNull();
    const list = await listPatients(admin, {});
    expect(list.rows[0]?.condition).toBeNull();
  });
});
