import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { patients } from '@/db/schema';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { setPatientStatusAction } from '@/lib/actions/patients/set-patient-status';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import { listPatients } from '@/lib/data/patients';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

describe('patients list', () => {
  it('searches, filters, sorts and pages inside the practice only', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physio1 = await createStaff(a.id);
    const physio2 = await createStaff(a.id);
    const actor = await actorFor(physio1);
    await createPatient(a.id, { firstName: 'Anna', lastName: 'Zeller', treatingPhysioId: physio1.id, dateOfBirth: '1950-01-01' });
    await createPatient(a.id, { firstName: 'Ben', lastName: 'Young', treatingPhysioId: physio2.id, dateOfBirth: '2000-01-01' });
    await createPatient(a.id, { firstName: 'Cara', lastName: 'Xu', status: 'discharged', email: 'cara@example.org' });
    await createPatient(b.id, { firstName: 'Anna', lastName: 'Other' });

    expect((await listPatients(actor, {})).rows.map((r) => r.lastName)).toEqual(['Young', 'Zeller']);
    expect((await listPatients(actor, { search: 'anna' })).rows.map((r) => r.lastName)).toEqual(['Zeller']);
    expect((await listPatients(actor, { search: 'Anna Zel' })).total).toBe(1);
    expect((await listPatients(actor, { status: 'all', search: 'cara@example' })).rows.map((r) => r.lastName)).toEqual(['Xu']);
    expect((await listPatients(actor, { physioId: physio2.id })).rows.map((r) => r.lastName)).toEqual(['Young']);
    expect((await listPatients(actor, { sort: 'age', dir: 'desc' })).rows.map((r) => r.lastName)).toEqual(['Zeller', 'Young']);
    expect((await listPatients(actor, { sort: 'name', dir: 'desc' })).rows.map((r) => r.lastName)).toEqual(['Zeller', 'Young']);
    const page2 = await listPatients(actor, { status: 'all', pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2 });
    expect(page2.rows).toHaveLength(1);
    // LIKE wildcards in the search are literal text.
    expect((await listPatients(actor, { search: '%' })).total).toBe(0);
  });
});

describe('create and edit', () => {
  it('invalid input returns every field error and writes nothing', async () => {
    const a = await createPractice();
    const physio = await createStaff(a.id);
    signInAs(physio);
    const result = await createPatientAction(null, formData({ firstName: '', lastName: '', dateOfBirth: '2999-01-01', email: 'not-an-email', phone: 'call me', treatingPhysioId: 'x' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(['dateOfBirth', 'email', 'firstName', 'lastName', 'phone', 'treatingPhysioId']);
    expect(await testDb.db.select().from(patients).where(eq(patients.practiceId, a.id))).toHaveLength(0);
  });

  it('creates and edits a patient; a physio of another practice cannot be assigned', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physio = await createStaff(a.id);
    const foreignPhysio = await createStaff(b.id);
    signInAs(physio);
    const created = await createPatientAction(null, formData({ firstName: 'Dana', lastName: 'Reyes', dateOfBirth: '1985-03-02', email: 'dana@example.org', treatingPhysioId: physio.id, condition: 'LBP' }));
    if (!created.ok) throw new Error(created.message);
    const [row] = await testDb.db.select().from(patients).where(eq(patients.id, created.data.id));
    expect(row).toMatchObject({ practiceId: a.id, createdBy: physio.id, treatingPhysioId: physio.id });
    const bad = await updatePatientAction(null, formData({ id: created.data.id, firstName: 'Dana', lastName: 'Reyes', treatingPhysioId: foreignPhysio.id }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { treatingPhysioId: ['Choose an active physio of your practice'] } });
    const ok = await updatePatientAction(null, formData({ id: created.data.id, firstName: 'Dana', lastName: 'Reyes-Lopez' }));
    expect(ok.ok).toBe(true);
  });

  it('discharges, archives and restores; never deletes; other practices get not found', async () => {
    const a = await createPractice();
    const physio = await createStaff(a.id);
    const patient = await createPatient(a.id);
    signInAs(physio);
    for (const status of ['discharged', 'archived', 'active'] as const) {
      expect(await setPatientStatusAction(null, formData({ id: patient.id, status }))).toMatchObject({ ok: true });
      const [row] = await testDb.db.select().from(patients).where(eq(patients.id, patient.id));
      expect(row?.status).toBe(status);
    }
    const other = await createPatient((await createPractice()).id);
    expect(await setPatientStatusAction(null, formData({ id: other.id, status: 'archived' }))).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('patients and admins without the physio role cannot edit clinical records', async () => {
    const a = await createPractice();
    const { user } = await createPatientAccount(a.id);
    const admin = await createStaff(a.id, ['admin']);
    for (const who of [user, admin]) {
      signInAs(who);
      expect(await createPatientAction(null, formData({ firstName: 'X', lastName: 'Y' }))).toMatchObject({ ok: false, code: 'forbidden' });
    }
  });
});
