import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, exerciseCompletions, painReports, trainingSessions } from '@/db/schema';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { voidEntryAction } from '@/lib/actions/entries/void-entry';
import { getPatientAlerts } from '@/lib/data/caseload';
import { createProgram, getActiveProgram } from '@/lib/data/programs';
import { addDays, localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();

const key = () => randomUUID();
const today = () => localDate(new Date(), 'Europe/London');
const rowsFor = async (table: typeof painReports | typeof trainingSessions, patientId: string) => testDb.db.select().from(table).where(eq(table.patientId, patientId));

async function world() {
  const practice = await createPractice();
  const physioUser = await createStaff(practice.id);
  const { patient, user: patientUser } = await createPatientAccount(practice.id);
  const other = await createPatient(practice.id);
  const foreignPractice = await createPractice();
  const foreign = await createPatient(foreignPractice.id);
  return { practice, physioUser, patient, patientUser, other, foreign };
}

describe('log pain (one action for portal and clinic)', () => {
  it('a patient logs their own pain; the row is theirs whatever else is posted', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const result = await logPainAction(null, { idempotencyKey: key(), score: '4', locations: ['lower-back'], timing: 'after-run', symptoms: [], practiceId: w.foreign.practiceId, enteredBy: w.physioUser.id, source: 'clinic' });
    expect(result).toMatchObject({ ok: true, data: { duplicate: false } });
    const rows = await rowsFor(painReports, w.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ practiceId: w.practice.id, patientId: w.patient.id, enteredBy: w.patientUser.id, source: 'patient', score: 4 });
  });

  it('a patient posting another patient id (same or other practice) gets not found and writes nothing', async () => {
    const w = await world();
    signInAs(w.patientUser);
    for (const target of [w.other.id, w.foreign.id]) {
      const result = await logPainAction(null, { patientId: target, idempotencyKey: key(), score: 3 });
      expect(result).toMatchObject({ ok: false, code: 'not_found' });
      expect(await rowsFor(painReports, target)).toHaveLength(0);
    }
  });

  it('a physio logs a clinic-visit score on the patient behalf, recorded as entered by the physio', async () => {
    const w = await world();
    signInAs(w.physioUser);
    const result = await logPainAction(null, { patientId: w.patient.id, idempotencyKey: key(), score: 6, date: addDays(today(), -1) });
    expect(result.ok).toBe(true);
    expect((await rowsFor(painReports, w.patient.id))[0]).toMatchObject({ enteredBy: w.physioUser.id, source: 'clinic', localDate: addDays(today(), -1) });
    expect(await logPainAction(null, { patientId: w.foreign.id, idempotencyKey: key(), score: 6 })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a red flag raises an alert at once: saddle numbness is emergency tier, so an emergency alert', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const result = await logPainAction(null, { idempotencyKey: key(), score: 5, symptoms: ['saddle-numbness', 'stiffness'] });
    expect(result).toMatchObject({ ok: true, data: { redFlags: ['saddle-numbness'] } });
    const alerts = await getPatientAlerts(await actorFor(w.physioUser), w.patient.id);
    expect(alerts[0]).toMatchObject({ kind: 'red-flag', severity: 'emergency', acknowledged: false, evidence: { tier: 'emergency', flags: ['saddle-numbness'] } });
    expect(alerts[0]?.message).toMatch(/^Emergency: /);
  });

  it('20 concurrent submissions with one idempotency key record one entry', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const k = key();
    const results = await Promise.all(Array.from({ length: 20 }, () => logPainAction(null, { idempotencyKey: k, score: 2 })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.data.duplicate)).toHaveLength(1);
    expect(await rowsFor(painReports, w.patient.id)).toHaveLength(1);
    const creates = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, w.patient.id), eq(auditEvents.action, 'pain.create')));
    expect(creates).toHaveLength(1);
  });

  it('bad input gets every field message and writes nothing', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const result = await logPainAction(null, { idempotencyKey: key(), score: 11, locations: ['moon'], timing: 'yesterday', notes: 'x'.repeat(20_000) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(expect.arrayContaining(['score', 'locations.0', 'timing', 'notes']));
    const future = await logPainAction(null, { idempotencyKey: key(), score: 3, date: addDays(today(), 3) });
    expect(future).toMatchObject({ ok: false, fieldErrors: { date: ['The date cannot be in the future'] } });
    expect(await rowsFor(painReports, w.patient.id)).toHaveLength(0);
  });

  it('a missing pain score is a field error, not a crash', async () => {
    const w = await world();
    signInAs(w.patientUser);
    expect(await logPainAction(null, { idempotencyKey: key(), locations: ['lower-back'] })).toMatchObject({ ok: false, fieldErrors: { score: ['Choose a pain score from 0 to 10'] } });
    expect(await rowsFor(painReports, w.patient.id)).toHaveLength(0);
  });

  it('anonymous callers are refused', async () => {
    signOut();
    expect(await logPainAction(null, { idempotencyKey: key(), score: 1 })).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});

describe('log session', () => {
  it('stores a run with load inputs, converting miles for a miles practice', async () => {
    const w = await world();
    signInAs(w.patientUser);
    expect(await logSessionAction(null, { idempotencyKey: key(), activity: 'run', date: today(), durationMin: '40', distance: '8', rpe: '5', terrain: 'hills' })).toMatchObject({ ok: true });
    const [row] = await rowsFor(trainingSessions, w.patient.id);
    expect(row).toMatchObject({ activity: 'run', durationMin: 40, distanceKm: 8, rpe: 5, terrain: 'hills', source: 'patient' });
  });

  it('refuses negative duration, RPE 11, distance for strength and wrong types, writing nothing', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const result = await logSessionAction(null, { idempotencyKey: key(), activity: 'strength', date: today(), durationMin: -5, distance: 3, rpe: 11 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toEqual(expect.arrayContaining(['durationMin', 'rpe']));
    const types = await logSessionAction(null, { idempotencyKey: key(), activity: 'run', date: today(), durationMin: { $gt: 1 }, rpe: [1] });
    expect(types.ok).toBe(false);
    const strength = await logSessionAction(null, { idempotencyKey: key(), activity: 'strength', date: today(), durationMin: 30, distance: 3, rpe: 5 });
    expect(strength).toMatchObject({ ok: false, fieldErrors: { distance: ['Distance is only for runs, walks, rides and swims'] } });
    expect(await rowsFor(trainingSessions, w.patient.id)).toHaveLength(0);
  });

  it('an effort left on "Choose" is missing, not RPE 0 (it would have been stored as a session with no load)', async () => {
    const w = await world();
    signInAs(w.physioUser);
    for (const rpe of ['', null, undefined]) {
      const result = await logSessionAction(null, { patientId: w.patient.id, idempotencyKey: key(), activity: 'run', date: today(), durationMin: '30', rpe });
      expect(result).toMatchObject({ ok: false, fieldErrors: { rpe: ['Choose the effort (RPE), from 0 to 10'] } });
    }
    expect(await rowsFor(trainingSessions, w.patient.id)).toHaveLength(0);
    // 0 chosen is a real answer (rest), and an empty optional pain-during stays empty.
    expect(await logSessionAction(null, { patientId: w.patient.id, idempotencyKey: key(), activity: 'walk', date: today(), durationMin: '20', rpe: '0', painDuring: '' })).toMatchObject({ ok: true });
    expect(await rowsFor(trainingSessions, w.patient.id)).toMatchObject([{ rpe: 0, painDuring: null }]);
  });

  it('a physio logs a session for their patient; a patient cannot for another', async () => {
    const w = await world();
    signInAs(w.physioUser);
    expect(await logSessionAction(null, { patientId: w.patient.id, idempotencyKey: key(), activity: 'walk', date: today(), durationMin: 30, rpe: 3 })).toMatchObject({ ok: true });
    signInAs(w.patientUser);
    expect(await logSessionAction(null, { patientId: w.other.id, idempotencyKey: key(), activity: 'walk', date: today(), durationMin: 30, rpe: 3 })).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('void and correct', () => {
  it('correcting keeps the old entry, voided with who and why, and links the new one', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const first = await logPainAction(null, { idempotencyKey: key(), score: 9 });
    if (!first.ok) throw new Error('log failed');
    const corrected = await correctPainAction(null, { correctsId: first.data.id, reason: 'Tapped 9 instead of 3', idempotencyKey: key(), score: 3 });
    expect(corrected.ok).toBe(true);
    const rows = await rowsFor(painReports, w.patient.id);
    expect(rows).toHaveLength(2);
    const old = rows.find((r) => r.id === first.data.id);
    expect(old).toMatchObject({ voidedBy: w.patientUser.id, voidReason: 'Tapped 9 instead of 3' });
    expect(rows.find((r) => r.id !== first.data.id)).toMatchObject({ score: 3, correctsId: first.data.id, voidedAt: null });
  });

  it('a patient cannot void another patient entry; a physio can void a patient entry', async () => {
    const w = await world();
    signInAs(w.physioUser);
    const logged = await logSessionAction(null, { patientId: w.other.id, idempotencyKey: key(), activity: 'run', date: today(), durationMin: 20, rpe: 4 });
    if (!logged.ok) throw new Error('log failed');
    signInAs(w.patientUser);
    expect(await voidEntryAction(null, { kind: 'session', id: logged.data.id, reason: 'not mine' })).toMatchObject({ ok: false, code: 'not_found' });
    signInAs(w.physioUser);
    expect(await voidEntryAction(null, { kind: 'session', id: logged.data.id, reason: 'duplicate entry' })).toMatchObject({ ok: true });
    expect((await rowsFor(trainingSessions, w.other.id))[0]?.voidedAt).not.toBeNull();
  });

  it('a patient cannot change what the clinic recorded', async () => {
    const w = await world();
    signInAs(w.physioUser);
    const clinic = await logPainAction(null, { patientId: w.patient.id, idempotencyKey: key(), score: 6 });
    if (!clinic.ok) throw new Error('log failed');
    signInAs(w.patientUser);
    expect(await voidEntryAction(null, { kind: 'pain', id: clinic.data.id, reason: 'I disagree' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await correctPainAction(null, { correctsId: clinic.data.id, reason: 'I disagree', idempotencyKey: key(), score: 2 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await rowsFor(painReports, w.patient.id)).every((r) => r.voidedAt === null)).toBe(true);
  });
});

describe('exercise completions', () => {
  it('ticks and unticks an exercise of the active program, once per tap', async () => {
    const w = await world();
    await createProgram(await actorFor(w.physioUser), w.patient.id, await sampleProgram({ startDate: addDays(today(), -3) }));
    const program = await getActiveProgram(await actorFor(w.physioUser), w.patient.id);
    const itemId = program!.items[0]!.id;
    signInAs(w.patientUser);
    const k = key();
    const [a, b] = await Promise.all([completeExerciseAction(null, { programItemId: itemId, idempotencyKey: k, done: true }), completeExerciseAction(null, { programItemId: itemId, idempotencyKey: k, done: true })]);
    expect([a, b].every((r) => r.ok)).toBe(true);
    const ticks = await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, w.patient.id));
    expect(ticks).toHaveLength(1);
    // A second tap from a stale tab with a new key does not add a second tick for a once-a-day exercise.
    expect(await completeExerciseAction(null, { programItemId: itemId, idempotencyKey: key(), done: true })).toMatchObject({ ok: true, data: { duplicate: true } });
    expect(await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, w.patient.id))).toHaveLength(1);
    expect(await completeExerciseAction(null, { programItemId: itemId, idempotencyKey: key(), done: false })).toMatchObject({ ok: true, data: { done: false } });
    const after = await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, w.patient.id));
    expect(after[0]?.voidedAt).not.toBeNull();
  });

  it('another patient cannot tick an item of this program', async () => {
    const w = await world();
    await createProgram(await actorFor(w.physioUser), w.patient.id, await sampleProgram());
    const program = await getActiveProgram(await actorFor(w.physioUser), w.patient.id);
    const { user: intruder } = await createPatientAccount(w.practice.id);
    signInAs(intruder);
    expect(await completeExerciseAction(null, { programItemId: program!.items[0]!.id, idempotencyKey: key() })).toMatchObject({ ok: false, code: 'not_found' });
  });
});
