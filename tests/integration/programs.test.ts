import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exercises, programVersions } from '@/db/schema';
import { createProgram, getActiveProgram, listProgramHistory, updateProgram } from '@/lib/data/programs';
import { createProgramAction } from '@/lib/actions/programs/create-program';
import { updateProgramAction } from '@/lib/actions/programs/update-program';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { libraryExerciseId, sampleProgram } from '../helpers/library';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

async function setup() {
  const practice = await createPractice();
  const physioUser = await createStaff(practice.id);
  const physio = await actorFor(physioUser);
  const patient = await createPatient(practice.id);
  return { practice, physioUser, physio, patient };
}

describe('programs', () => {
  it('creates version 1 with items and a snapshot, readable by the patient', async () => {
    const { practice, physio } = await setup();
    const { patient, user } = await createPatientAccount(practice.id);
    const program = await createProgram(physio, patient.id, await sampleProgram());
    expect(program.version).toBe(1);
    const active = await getActiveProgram(await actorFor(user), patient.id);
    expect(active?.items.map((i) => i.exercise.slug)).toEqual(['pelvic-tilt', 'glute-bridge']);
    const versions = await testDb.db.select().from(programVersions).where(eq(programVersions.programId, program.id));
    expect(versions).toHaveLength(1);
  });

  it('saves a new version, keeps item ids that stay, and records history', async () => {
    const { physio, patient } = await setup();
    const program = await createProgram(physio, patient.id, await sampleProgram());
    const v1 = await getActiveProgram(physio, patient.id);
    const [first, second] = v1!.items;
    const updated = await updateProgram(physio, program.id, 1, {
      ...(await sampleProgram()),
      items: [{ id: first!.id, exerciseId: first!.exerciseId, sets: 3, reps: 12, sessionsPerWeek: 7 }, { exerciseId: await libraryExerciseId('bird-dog'), sets: 2, reps: 8, sessionsPerWeek: 3 }],
    });
    expect(updated.version).toBe(2);
    const v2 = await getActiveProgram(physio, patient.id);
    expect(v2!.items[0]!.id).toBe(first!.id);
    expect(v2!.items[0]!.reps).toBe(12);
    expect(v2!.items.map((i) => i.exercise.slug)).toEqual(['pelvic-tilt', 'bird-dog']);
    expect(v2!.items.some((i) => i.id === second!.id)).toBe(false);
    const history = await listProgramHistory(physio, patient.id);
    expect(history[0]!.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]!.versions[1]!.snapshot.items.map((i) => i.exerciseTitle)).toContain('Glute bridge');
  });

  it('refuses a stale save (version conflict) and writes nothing', async () => {
    const { physio, practice, patient } = await setup();
    const other = await actorFor(await createStaff(practice.id));
    const program = await createProgram(physio, patient.id, await sampleProgram());
    await updateProgram(other, program.id, 1, await sampleProgram({ title: 'Changed by the other physio' }));
    await expect(updateProgram(physio, program.id, 1, await sampleProgram({ title: 'Stale edit' }))).rejects.toMatchObject({ code: 'conflict' });
    const active = await getActiveProgram(physio, patient.id);
    expect(active?.title).toBe('Changed by the other physio');
    expect(active?.version).toBe(2);
  });

  it('two concurrent saves from the same version: exactly one wins', async () => {
    const { physio, patient } = await setup();
    const program = await createProgram(physio, patient.id, await sampleProgram());
    const results = await Promise.allSettled([
      updateProgram(physio, program.id, 1, await sampleProgram({ title: 'A' })),
      updateProgram(physio, program.id, 1, await sampleProgram({ title: 'B' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('keeps an old program readable after its exercise is retired from the library', async () => {
    const { physio, patient } = await setup();
    await createProgram(physio, patient.id, await sampleProgram());
    const id = await libraryExerciseId('glute-bridge');
    await testDb.db.update(exercises).set({ retiredAt: new Date() }).where(eq(exercises.id, id));
    try {
      const active = await getActiveProgram(physio, patient.id);
      expect(active?.items.find((i) => i.exerciseId === id)?.exercise.retiredAt).not.toBeNull();
      const history = await listProgramHistory(physio, patient.id);
      expect(history[0]!.versions[0]!.snapshot.items.map((i) => i.exerciseTitle)).toContain('Glute bridge');
      // A new program cannot pick the retired exercise.
      await expect(createProgram(physio, patient.id, await sampleProgram())).rejects.toMatchObject({ code: 'invalid' });
    } finally {
      await testDb.db.update(exercises).set({ retiredAt: null }).where(eq(exercises.id, id));
    }
  });

  it('refuses another practice patient and another practice exercise', async () => {
    const { physio } = await setup();
    const other = await createPractice();
    const foreignPatient = await createPatient(other.id);
    await expect(createProgram(physio, foreignPatient.id, await sampleProgram())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the action returns every field error and writes nothing for invalid input', async () => {
    const { physioUser, patient } = await setup();
    signInAs(physioUser);
    const result = await createProgramAction({
      patientId: patient.id,
      program: { title: '', startDate: 'not a date', articleSlugs: [], items: [{ exerciseId: 'x', sessionsPerWeek: 99 }] },
    } as never);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fieldErrors)).toEqual(expect.arrayContaining(['program.title', 'program.startDate', 'program.items.0.exerciseId', 'program.items.0.sessionsPerWeek']));
    }
    expect(await getActiveProgram(await actorFor(physioUser), patient.id)).toBeNull();
  });

  it('the update action answers a conflict with a message', async () => {
    const { physioUser, physio, patient } = await setup();
    const program = await createProgram(physio, patient.id, await sampleProgram());
    await updateProgram(physio, program.id, 1, await sampleProgram({ title: 'v2' }));
    signInAs(physioUser);
    const result = await updateProgramAction({ programId: program.id, version: 1, program: await sampleProgram({ title: 'stale' }) });
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    // The same physio saved v2 (another tab): the message says so, not "someone else".
    if (!result.ok) expect(result.message).toMatch(/^You saved this program in another tab or window at \d\d:\d\d \(now version 2; this page started from version 1\)/);
  });

  it('a stale save by another physio names who saved it and when', async () => {
    const { practice, physioUser, physio, patient } = await setup();
    const colleague = await createStaff(practice.id, ['physio'], { name: 'Jo Lee' });
    const program = await createProgram(physio, patient.id, await sampleProgram());
    await updateProgram(await actorFor(colleague), program.id, 1, await sampleProgram({ title: 'v2 by Jo' }));
    signInAs(physioUser);
    const result = await updateProgramAction({ programId: program.id, version: 1, program: await sampleProgram({ title: 'stale' }) });
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    if (!result.ok) {
      expect(result.message).toMatch(/^Jo Lee saved this program at \d\d:\d\d \(now version 2; this page started from version 1\)/);
      expect(result.message).not.toMatch(/someone else/i);
    }
    expect((await getActiveProgram(physio, patient.id))?.title).toBe('v2 by Jo');
  });
});
