'use server';

import { revalidateExercise } from '@/lib/actions/revalidate';
import { redirect } from 'next/navigation';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { createCustomExercise } from '@/lib/data/exercises';
import { customExerciseSchema } from '@/lib/validation/exercise';

export async function createExerciseAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(customExerciseSchema, input, async (actor, data) => {
    const row = await createCustomExercise(actor, data);
    revalidateExercise();
    return { id: row.id };
  });
}

/** The exercise form's action: the new exercise opens once saved (a redirect, so it works without JavaScript too). */
export async function createExerciseFormAction(prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await createExerciseAction(prev, input);
  if (result.ok) redirect(`/library/exercises/${result.data.id}`);
  return result;
}
