import { and, count, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exercises } from '@/db/schema';
import { createExerciseAction } from '@/lib/actions/exercises/create-exercise';
import { loadLibrary } from '@/lib/content/loader';
import { syncLibrary } from '@/lib/content/sync';
import { createCustomExercise, getExercise, listExercises, setCustomExerciseRetired, updateCustomExercise } from '@/lib/data/exercises';
import { createProgram, getActiveProgram } from '@/lib/data/programs';
import { customExerciseSchema } from '@/lib/validation/exercise';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { libraryExerciseId, sampleProgram } from '../helpers/library';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

const validExercise = () =>
  customExerciseSchema.parse({
    title: 'Banded monster walk',
    summary: 'Side steps with a band around the knees to wake up the hip muscles.',
    category: 'strength',
    bodyRegions: ['hips', 'glutes'],
    equipment: ['band'],
    difficulty: 'intermediate',
    sets: '3',
    reps: '12',
    sessionsPerWeek: '3',
    steps: 'Put the band above your knees.\nBend your knees slightly.\nStep sideways 10 times each way.',
    feel: 'Warmth on the outside of your hips.',
    cautions: 'Stop if your knee hurts.',
    progression: '',
    regression: 'clamshell',
  });

describe('library sync', () => {
  it('is idempotent: syncing twice leaves the same rows and versions', async () => {
    const library = loadLibrary();
    const before = await testDb.db.select({ slug: exercises.slug, v: exercises.contentVersion, updatedAt: exercises.updatedAt }).from(exercises).where(isNull(exercises.practiceId));
    const result = await syncLibrary(testDb.db, library);
    const after = await testDb.db.select({ slug: exercises.slug, v: exercises.contentVersion, updatedAt: exercises.updatedAt }).from(exercises).where(isNull(exercises.practiceId));
    expect(result).toEqual({ upserted: library.exercises.length, retired: 0 });
    expect(after).toHaveLength(library.exercises.length);
    expect(new Map(after.map((r) => [r.slug, `${r.v}${r.updatedAt.toISOString()}`]))).toEqual(new Map(before.map((r) => [r.slug, `${r.v}${r.updatedAt.toISOString()}`])));
  });

  it('retires an exercise removed from content/ and brings it back when it returns, keeping programs working', async () => {
    const practice = await createPractice();
    const physio = await actorFor(await createStaff(practice.id));
    const patient = await createPatient(practice.id);
    await createProgram(physio, patient.id, await sampleProgram());
    const library = loadLibrary();
    const without = { ...library, exercises: library.exercises.filter((e) => e.slug !== 'glute-bridge') };
    expect(await syncLibrary(testDb.db, without)).toMatchObject({ retired: 1 });
    const program = await getActiveProgram(physio, patient.id);
    expect(program?.items.find((i) => i.exercise.slug === 'glute-bridge')?.exercise.retiredAt).not.toBeNull();
    expect((await listExercises(physio)).some((e) => e.slug === 'glute-bridge')).toBe(false);
    await syncLibrary(testDb.db, library);
    expect((await listExercises(physio)).some((e) => e.slug === 'glute-bridge')).toBe(true);
    const [{ n }] = (await testDb.db.select({ n: count() }).from(exercises).where(and(isNull(exercises.practiceId), eq(exercises.slug, 'glute-bridge')))) as [{ n: number }];
    expect(n).toBe(1);
  });
});

describe('practice exercises', () => {
  it('are visible to their practice only', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physioA = await actorFor(await createStaff(a.id));
    const physioB = await actorFor(await createStaff(b.id));
    const created = await createCustomExercise(physioA, validExercise());
    expect(created.practiceId).toBe(a.id);
    expect((await listExercises(physioA)).some((e) => e.id === created.id)).toBe(true);
    expect((await listExercises(physioB)).some((e) => e.id === created.id)).toBe(false);
    await expect(getExercise(physioB, created.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateCustomExercise(physioB, created.id, validExercise())).rejects.toMatchObject({ code: 'not_found' });
    await expect(setCustomExerciseRetired(physioB, created.id, true)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('library exercises cannot be edited as practice exercises', async () => {
    const a = await createPractice();
    const physio = await actorFor(await createStaff(a.id));
    await expect(updateCustomExercise(physio, await libraryExerciseId('bird-dog'), validExercise())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('edit and retire; retired ones leave the picker but stay readable', async () => {
    const a = await createPractice();
    const physio = await actorFor(await createStaff(a.id));
    const created = await createCustomExercise(physio, validExercise());
    const updated = await updateCustomExercise(physio, created.id, { ...validExercise(), title: 'Banded side steps' });
    expect(updated.title).toBe('Banded side steps');
    await setCustomExerciseRetired(physio, created.id, true);
    expect((await listExercises(physio)).some((e) => e.id === created.id)).toBe(false);
    expect((await getExercise(physio, created.id)).exercise.retiredAt).not.toBeNull();
  });

  it('the create action returns every field error and writes nothing', async () => {
    const a = await createPractice();
    const user = await createStaff(a.id);
    signInAs(user);
    const result = await createExerciseAction(null, Object.assign(new FormData(), {}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toEqual(expect.arrayContaining(['title', 'summary', 'category', 'bodyRegions', 'equipment', 'difficulty', 'sessionsPerWeek', 'steps', 'feel', 'cautions']));
    const rows = await testDb.db.select().from(exercises).where(eq(exercises.practiceId, a.id));
    expect(rows).toHaveLength(0);
  });

  it('patients may open exercises of their own program only', async () => {
    const a = await createPractice();
    const physio = await actorFor(await createStaff(a.id));
    const { patient, user } = await createPatientAccount(a.id);
    await createProgram(physio, patient.id, await sampleProgram());
    const me = await actorFor(user);
    expect((await getExercise(me, await libraryExerciseId('pelvic-tilt'))).exercise.slug).toBe('pelvic-tilt');
    await expect(getExercise(me, await libraryExerciseId('front-plank'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
