// Atomicity: a failure in the middle of a multi-row write leaves nothing behind. The
// failure is injected by a trigger that raises on the Nth insert into a table (the count
// lives in a sequence, which a rollback does not reset). After the failed call, every row
// of the practice is exactly as before, and the same request made again succeeds once.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { reassignPatientsAction } from '@/lib/actions/admin/reassign-patients';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { setPasswordAction } from '@/lib/actions/invites/set-password';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { createProgramAction } from '@/lib/actions/programs/create-program';
import { updateProgramAction } from '@/lib/actions/programs/update-program';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { createPatient } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';
import { signInAs, signOut } from '../helpers/session';
import { buildWorld, digest, key, today, type World } from './world';

const testDb = setupTestDb(async ({ db }) => {
  await db.execute(sql.raw('CREATE SEQUENCE fault_seq'));
  await db.execute(sql.raw(`
    CREATE FUNCTION fault_inject() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('fault_seq') = TG_ARGV[0]::bigint THEN RAISE EXCEPTION 'injected fault on insert % into %', TG_ARGV[0], TG_TABLE_NAME; END IF;
      RETURN NEW;
    END $$;`));
});
afterEach(async () => { await clearFault(); signOut(); });

let faultTable: string | null = null;
/** The nth insert into this table (from now on) raises an error. */
async function failOnInsert(table: string, nth: number) {
  await testDb.db.execute(sql.raw(`SELECT setval('fault_seq', 1, false)`));
  await testDb.db.execute(sql.raw(`CREATE TRIGGER fault_trigger BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fault_inject(${nth})`));
  faultTable = table;
}
async function clearFault() {
  if (faultTable) await testDb.db.execute(sql.raw(`DROP TRIGGER IF EXISTS fault_trigger ON ${faultTable}`));
  faultTable = null;
}

/** Runs the call with the fault armed: it must fail, and leave the practice exactly as it was. */
async function leavesNothing(w: World, table: string, nth: number, call: () => Promise<unknown>) {
  const before = await digest([w.practiceId]);
  await failOnInsert(table, nth);
  const error = await call().then(() => null, (e: unknown) => e);
  // The database error reaches the caller (wrapped by drizzle): a 500 and the error page, never a partial write.
  expect(chain(error)).toMatch(/injected fault/);
  await clearFault();
  expect(await digest([w.practiceId]), `a failed write left rows behind (fault on insert ${nth} into ${table})`).toEqual(before);
}

const chain = (e: unknown): string => (e instanceof Error ? `${e.message} <- ${chain(e.cause)}` : String(e));

const threeItems = async () => ({
  title: 'Atomic program', startDate: today(), articleSlugs: [] as string[],
  items: await Promise.all(['bird-dog', 'pelvic-tilt', 'glute-bridge'].map(async (slug) => ({ exerciseId: await libraryExerciseId(slug), sets: 2, reps: 8, sessionsPerWeek: 3 }))),
});

describe('a failure half-way through a write leaves nothing behind', () => {
  it('new program: fails on its second item; the previous program stays active, no items, versions or audit', async () => {
    const w = await buildWorld();
    signInAs(w.physioUser);
    const input = { patientId: w.patient.id, program: await threeItems() };
    await leavesNothing(w, 'program_items', 2, () => createProgramAction(input));
    expect((await createProgramAction(input)).ok).toBe(true);
  });

  it('program save: fails on the version snapshot, after the items were rewritten', async () => {
    const w = await buildWorld();
    signInAs(w.physioUser);
    const input = { programId: w.program.id, version: w.program.version, program: await threeItems() };
    await leavesNothing(w, 'program_versions', 1, () => updateProgramAction(input));
    expect((await updateProgramAction(input)).ok).toBe(true);
  });

  it('pain correction (void + insert): fails on the new entry; the old one is not voided', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const input = { correctsId: w.painId, reason: 'Wrong score', idempotencyKey: key(), score: '2' };
    await leavesNothing(w, 'pain_reports', 1, () => correctPainAction(null, input));
    expect((await correctPainAction(null, input)).ok).toBe(true);
  });

  it('session correction (void + insert): fails on the audit event, after both rows were written', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const input = { correctsId: w.sessionId, reason: 'Wrong time', idempotencyKey: key(), activity: 'run', date: today(), durationMin: '40', rpe: '5' };
    await leavesNothing(w, 'audit_events', 2, () => correctSessionAction(null, input));
    expect((await correctSessionAction(null, input)).ok).toBe(true);
  });

  // Score 5 can be a warning sign (a transaction: entry, judgement, audit, mark); score 3 cannot
  // (one statement: entry, audit and mark as its parts).
  it.each(['5', '3'])('pain log (score %s): fails on its audit event; a retry with the same key then records it once', async (score) => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const input = { idempotencyKey: key(), score };
    await leavesNothing(w, 'audit_events', 1, () => logPainAction(null, input));
    const retry = await logPainAction(null, input);
    expect(retry).toMatchObject({ ok: true, data: { duplicate: false } });
  });

  // (after the lock and the count, one statement: the tick or its undo, the audit event and the mark).
  it('exercise tick and its undo: each fails on its audit event; the same tap again then records once', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const tick = { programItemId: w.itemId, idempotencyKey: key(), done: true };
    await leavesNothing(w, 'audit_events', 1, () => completeExerciseAction(null, tick));
    expect(await completeExerciseAction(null, tick)).toMatchObject({ ok: true, data: { done: true, duplicate: false } });
    const undo = { programItemId: w.itemId, idempotencyKey: key(), done: false };
    await leavesNothing(w, 'audit_events', 1, () => completeExerciseAction(null, undo));
    expect(await completeExerciseAction(null, undo)).toMatchObject({ ok: true, data: { done: false, duplicate: false } });
  });

  it('new patient: fails on the audit event; no patient row is left', async () => {
    const w = await buildWorld();
    signInAs(w.physioUser);
    await leavesNothing(w, 'audit_events', 1, () => createPatientAction(null, formData({ firstName: 'Atomic', lastName: 'Patient' })));
  });

  it('staff invitation: fails on the link; no half-made account is left', async () => {
    const w = await buildWorld();
    signInAs(w.adminUser);
    const input = formData({ email: `atomic.${key()}@test.example`, name: 'Atomic Invitee', roles: 'physio' });
    await leavesNothing(w, 'access_tokens', 1, () => inviteStaffAction(null, input));
    expect((await inviteStaffAction(null, input)).ok).toBe(true);
  });

  it('accepting an invitation: fails on the audit event; the link still works and the account is still invited', async () => {
    const w = await buildWorld();
    const input = formData({ token: w.inviteToken, password: 'a long quiet river bank', confirm: 'a long quiet river bank' });
    await leavesNothing(w, 'audit_events', 1, () => setPasswordAction(null, input));
    expect((await setPasswordAction(null, input)).ok).toBe(true);
  });

  it('deactivation: fails on the audit event; the account and its session version are unchanged', async () => {
    const w = await buildWorld();
    signInAs(w.adminUser);
    await leavesNothing(w, 'audit_events', 1, () => setUserStatusAction(null, formData({ userId: w.staffUser.id, status: 'deactivated' })));
  });

  it('reassigning patients: fails on the second of three audit events; no patient moves', async () => {
    const w = await buildWorld();
    await createPatient(w.practiceId, { treatingPhysioId: w.physioUser.id });
    signInAs(w.adminUser);
    await leavesNothing(w, 'audit_events', 2, () => reassignPatientsAction(null, formData({ fromUserId: w.physioUser.id, toUserId: w.staffUser.id })));
  });

  it('practice settings: fails on the audit event; the settings are unchanged', async () => {
    const w = await buildWorld();
    signInAs(w.adminUser);
    const input = formData({ name: 'Atomic Practice', timeZone: 'Europe/Paris', distanceUnit: 'mi', painWorseMinPoints: '3', acwrSpike: '1.6', weeklyDistanceRedPct: '25', adherenceLowPct: '60', inactivityDays: '10', sessionIdleMinutes: '30' });
    await leavesNothing(w, 'audit_events', 1, () => updatePracticeSettingsAction(null, input));
  });
});
