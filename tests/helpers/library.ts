import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { exercises } from '@/db/schema';
import type { ProgramInput } from '@/lib/validation/program';

/** The id of a shared library exercise (synced into every test database). */
export async function libraryExerciseId(slug: string): Promise<string> {
  const [row] = await getDb().select({ id: exercises.id }).from(exercises).where(and(isNull(exercises.practiceId), eq(exercises.slug, slug)));
  if (!row) throw new Error(`library exercise ${slug} missing`);
  return row.id;
}

export async function sampleProgram(overrides: Partial<ProgramInput> = {}): Promise<ProgramInput> {
  return {
    title: 'Low back phase 1',
    startDate: '2026-01-05',
    articleSlugs: ['self-care-for-a-sore-back'],
    items: [
      { exerciseId: await libraryExerciseId('pelvic-tilt'), sets: 2, reps: 10, sessionsPerWeek: 7 },
      { exerciseId: await libraryExerciseId('glute-bridge'), sets: 3, reps: 10, sessionsPerWeek: 3 },
    ],
    ...overrides,
  };
}
