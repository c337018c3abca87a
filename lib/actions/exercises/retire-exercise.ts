'use server';

import { revalidateExercise } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { setCustomExerciseRetired } from '@/lib/data/exercises';

const schema = z.object({ id: z.uuid(), retired: z.enum(['true', 'false']).transform((v) => v === 'true') });

/** Retire a practice exercise (hidden from the picker; programs keep it) or bring it back. */
export async function retireExerciseAction(_prev: unknown, input: FormData): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, { id, retired }) => {
    await setCustomExerciseRetired(actor, id, retired);
    revalidateExercise(id);
    return null;
  });
}
