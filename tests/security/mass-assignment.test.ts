// Mass assignment: a caller posts fields that decide ownership or privilege (practiceId,
// role(s), patientId, createdBy, enteredBy, source, status, version, ids) of someone else.
// They are ignored or refused: the stored row belongs to the caller and their practice.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exercises, painReports, patients, practices, programs, trainingSessions, users } from '@/db/schema';
import { changeUserRolesAction } from '@/lib/actions/admin/change-user-roles';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { createExerciseAction } from '@/lib/actions/exercises/create-exercise';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import { updateScreeningAction } from '@/lib/actions/patients/update-screening';
import { createProgramAction } from '@/lib/actions/programs/create-program';
import { setupTestDb } from '../helpers/db';
import { createStaff } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';
import { signInAs } from '../helpers/session';
import { buildWorld, digest, key, today } from './world';

const testDb = setupTestDb();

const FOREIGN_UUID = '00000000-0000-4000-8000-000000000001';

function form(values: Record<string, unknown>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, String(item));
  return fd;
}

/** A practice of ours and another one, each with people and records. */
async function setup() {
  const [mine, theirs] = await Promise.all([buildWorld(), buildWorld()]);
  return { mine, theirs };
}

/** Every ownership-deciding field, pointing at the other practice. */
const hostile = (t: Awaited<ReturnType<typeof buildWorld>>) => ({
  practiceId: t.practiceId, practice_id: t.practiceId, createdBy: t.physioUser.id, created_by: t.physioUser.id, enteredBy: t.physioUser.id,
  entered_by: t.physioUser.id, updatedBy: t.physioUser.id, source: 'import', role: 'admin', roles: 'admin', status: 'archived', voidedAt: new Date().toISOString(),
  id: FOREIGN_UUID, version: '99', sessionVersion: '99', userId: t.physioUser.id, patient: t.patient.id,
});

describe('mass assignment', () => {
  it('createPatient: the patient is the physio practice own, created by them, active, with a fresh id', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.physioUser);
    const before = await digest([theirs.practiceId]);
    const result = await createPatientAction(null, form({ firstName: 'Mass', lastName: 'Assign', ...hostile(theirs) }));
    expect(result.ok).toBe(true);
    const id = (result as { data: { id: string } }).data.id;
    expect(id).not.toBe(FOREIGN_UUID);
    const [row] = await testDb.db.select().from(patients).where(eq(patients.id, id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, createdBy: mine.physioUser.id, status: 'active' });
    expect(await digest([theirs.practiceId])).toEqual(before);
  });

  it('updatePatient: the record stays in its practice; another practice id in the form changes nothing', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.physioUser);
    const before = await digest([theirs.practiceId]);
    const result = await updatePatientAction(null, form({ ...hostile(theirs), id: mine.patient.id, firstName: 'Renamed', lastName: 'Patient' }));
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(patients).where(eq(patients.id, mine.patient.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, firstName: 'Renamed', status: 'active', createdBy: null });
    expect(await digest([theirs.practiceId])).toEqual(before);
    // Aiming the same form at the other practice's patient: not found, nothing written.
    const refused = await updatePatientAction(null, form({ id: theirs.patient.id, firstName: 'X', lastName: 'Y', practiceId: theirs.practiceId }));
    expect(refused).toMatchObject({ ok: false, code: 'not_found' });
    expect(await digest([theirs.practiceId])).toEqual(before);
  });

  it('updateScreening: flags only; who screened and when come from the server; another practice patient is not found', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.physioUser);
    const before = await digest([theirs.practiceId]);
    const result = await updateScreeningAction(null, form({
      ...hostile(theirs), patientId: mine.patient.id, flags: 'cancer-history', screeningFlags: 'weight-loss', screeningUpdatedBy: theirs.physioUser.id, screeningUpdatedAt: '2000-01-01T00:00:00Z',
      firstName: 'Renamed', notes: 'overwritten',
    }));
    expect(result).toMatchObject({ ok: true, data: { flags: ['cancer-history'] } });
    const [row] = await testDb.db.select().from(patients).where(eq(patients.id, mine.patient.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, screeningFlags: ['cancer-history'], screeningUpdatedBy: mine.physioUser.id, firstName: mine.patient.firstName, notes: mine.patient.notes, status: 'active' });
    expect(row!.screeningUpdatedAt!.getFullYear()).toBeGreaterThan(2000);
    const refused = await updateScreeningAction(null, form({ patientId: theirs.patient.id, flags: 'cancer-history', practiceId: theirs.practiceId }));
    expect(refused).toMatchObject({ ok: false, code: 'not_found' });
    expect(await digest([theirs.practiceId])).toEqual(before);
  });

  it('logPain as a patient: own record, entered by them, source patient, whatever else is posted', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.patientUser);
    const result = await logPainAction(null, { ...hostile(theirs), idempotencyKey: key(), score: '5' });
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(painReports).where(eq(painReports.id, (result as { data: { id: string } }).data.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, patientId: mine.patient.id, enteredBy: mine.patientUser.id, source: 'patient', voidedAt: null });
    // Naming another patient (same practice or not) is refused, not redirected.
    for (const patientId of [mine.patient2.id, theirs.patient.id]) {
      expect(await logPainAction(null, { patientId, idempotencyKey: key(), score: '5' })).toMatchObject({ ok: false, code: 'not_found' });
    }
  });

  it('logSession as a physio: entered by the physio, source clinic, never "patient" or "import"', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.physioUser);
    const result = await logSessionAction(null, { ...hostile(theirs), patientId: mine.patient.id, idempotencyKey: key(), activity: 'run', date: today(), durationMin: '30', rpe: '5', source: 'patient' });
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.id, (result as { data: { id: string } }).data.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, patientId: mine.patient.id, enteredBy: mine.physioUser.id, source: 'clinic' });
  });

  it('correctPain: the correction belongs to the corrected entry patient, not to a posted one', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.patientUser);
    const result = await correctPainAction(null, { ...hostile(theirs), patientId: undefined, correctsId: mine.painId, reason: 'Typo', idempotencyKey: key(), score: '2' });
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(painReports).where(eq(painReports.id, (result as { data: { id: string } }).data.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, patientId: mine.patient.id, enteredBy: mine.patientUser.id, source: 'patient', correctsId: mine.painId });
  });

  it('completeExercise: the tick goes to the program owner; a posted patientId is ignored', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.patientUser);
    const result = await completeExerciseAction(null, { ...hostile(theirs), patientId: theirs.patient.id, programItemId: mine.itemId, idempotencyKey: key() });
    expect(result).toMatchObject({ ok: true, data: { done: true } });
    const rows = await testDb.db.execute(`select patient_id, practice_id, entered_by from exercise_completions where program_item_id = '${mine.itemId}'`);
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list).toEqual([{ patient_id: mine.patient.id, practice_id: mine.practiceId, entered_by: mine.patientUser.id }]);
  });

  it('createProgram: practice, author, version and status come from the server', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.physioUser);
    const program = {
      title: 'Mass assignment program', startDate: today(), articleSlugs: [], items: [{ exerciseId: await libraryExerciseId('bird-dog'), sets: 2, reps: 8, sessionsPerWeek: 3 }],
      ...hostile(theirs), status: 'ended', version: 99,
    };
    const result = await createProgramAction({ patientId: mine.patient.id, program, ...hostile(theirs) } as Parameters<typeof createProgramAction>[0]);
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(programs).where(eq(programs.id, (result as { data: { id: string } }).data.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, patientId: mine.patient.id, createdBy: mine.physioUser.id, updatedBy: mine.physioUser.id, status: 'active', version: 1 });
  });

  it('createExercise: a practice exercise of the caller practice, never a shared library one', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.physioUser);
    const result = await createExerciseAction(null, form({
      title: 'Mass squat', summary: 'Squat to a chair.', category: 'strength', bodyRegions: 'hips', equipment: 'chair', difficulty: 'beginner', sets: '2', reps: '8',
      sessionsPerWeek: '3', steps: 'Stand\nSit\nStand up', feel: 'Thighs working', cautions: 'Stop if sharp pain', ...hostile(theirs), practiceId: '', illustration: 'figure', slug: 'pelvic-tilt',
    }));
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(exercises).where(eq(exercises.id, (result as { data: { id: string } }).data.id));
    expect(row).toMatchObject({ practiceId: mine.practiceId, createdBy: mine.physioUser.id, illustration: 'placeholder', retiredAt: null });
    expect(row!.slug).not.toBe('pelvic-tilt');
  });

  it('inviteStaff: roles are physio and/or admin only, the account joins the admin practice', async () => {
    const { mine, theirs } = await setup();
    signInAs(mine.adminUser);
    const asPatient = await inviteStaffAction(null, form({ email: `x.${key()}@test.example`, name: 'Would Be Patient', roles: 'patient' }));
    expect(asPatient).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys((asPatient as { fieldErrors: object }).fieldErrors)).toContain('roles.0');
    const email = `y.${key()}@test.example`;
    const result = await inviteStaffAction(null, form({ ...hostile(theirs), email, name: 'New Physio', roles: 'physio', status: 'active', patientId: theirs.patient.id }));
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(users).where(eq(users.email, email));
    expect(row).toMatchObject({ practiceId: mine.practiceId, roles: ['physio'], status: 'invited', patientId: null, passwordHash: null, sessionVersion: 1 });
  });

  it('changeUserRoles: a patient role cannot be granted, and only an admin changes roles', async () => {
    const { mine } = await setup();
    signInAs(mine.adminUser);
    expect(await changeUserRolesAction(null, form({ userId: mine.staffUser.id, roles: 'patient' }))).toMatchObject({ ok: false, code: 'invalid' });
    expect(await changeUserRolesAction(null, form({ userId: mine.patientUser.id, roles: 'admin' }))).toMatchObject({ ok: false, code: 'invalid' });
    signInAs(mine.physioUser);
    expect(await changeUserRolesAction(null, form({ userId: mine.physioUser.id, roles: ['physio', 'admin'] }))).toMatchObject({ ok: false, code: 'forbidden' });
    const [me] = await testDb.db.select().from(users).where(eq(users.id, mine.physioUser.id));
    expect(me!.roles).toEqual(['physio']);
    const [patientUser] = await testDb.db.select().from(users).where(eq(users.id, mine.patientUser.id));
    expect(patientUser!.roles).toEqual(['patient']);
  });

  it('updatePracticeSettings: changes the admin own practice only, whatever practice id is posted', async () => {
    const { mine, theirs } = await setup();
    const before = await digest([theirs.practiceId]);
    signInAs(mine.adminUser);
    const result = await updatePracticeSettingsAction(null, form({
      ...hostile(theirs), id: theirs.practiceId, name: 'Renamed by mass assignment', timeZone: 'Europe/Paris', distanceUnit: 'mi',
      painWorseMinPoints: '3', acwrSpike: '1.6', weeklyDistanceRedPct: '25', adherenceLowPct: '60', inactivityDays: '10', sessionIdleMinutes: '30', slug: 'hijacked',
    }));
    expect(result.ok).toBe(true);
    const [row] = await testDb.db.select().from(practices).where(eq(practices.id, mine.practiceId));
    expect(row).toMatchObject({ name: 'Renamed by mass assignment', timeZone: 'Europe/Paris' });
    expect(row!.slug).not.toBe('hijacked');
    expect(await digest([theirs.practiceId])).toEqual(before);
  });

  it('a second admin cannot be made through any entry form field', async () => {
    const { mine } = await setup();
    const other = await createStaff(mine.practiceId, ['physio']);
    signInAs(mine.physioUser);
    await createPatientAction(null, form({ firstName: 'A', lastName: 'B', userId: other.id, roles: 'admin', role: 'admin' }));
    const [row] = await testDb.db.select().from(users).where(eq(users.id, other.id));
    expect(row!.roles).toEqual(['physio']);
  });
});
