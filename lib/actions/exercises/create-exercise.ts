'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { createCustomExercise } from '@/lib/data/exercises';
import { customExerciseSchema } from '@/lib/validation/exercise';

export async function createExerciseAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(customExerciseSchema, input, async (actor, data) => {
    const row = await createCustomExercise(actor, data);
    revalidatePath('/library');
    return { id: row.id };
  });
}
