'use server';

import { revalidateExercise } from '@/lib/actions/revalidate';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { updateCustomExercise } from '@/lib/data/exercises';
import { customExerciseSchema } from '@/lib/validation/exercise';

const schema = customExerciseSchema.and(z.object({ id: z.uuid('Unknown exercise') }));

export async function updateExerciseAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(schema, input, async (actor, { id, ...data }) => {
    await updateCustomExercise(actor, id, data);
    revalidateExercise(id);
    return { id };
  });
}

/** The exercise form's action when editing: back to the exercise once saved (a redirect, so it works without JavaScript too). */
export async function updateExerciseFormAction(prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await updateExerciseAction(prev, input);
  if (result.ok) redirect(`/library/exercises/${result.data.id}`);
  return result;
}
