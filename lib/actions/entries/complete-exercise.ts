'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { setCompletion } from '@/lib/data/completions';
import { completionSchema } from '@/lib/validation/entries';

/** Tick an exercise as done today (done=true) or undo the tick (done=false). */
export async function completeExerciseAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ done: boolean; duplicate: boolean }>> {
  return runAction(completionSchema, input, async (actor, data) => {
    const result = await setCompletion(actor, data);
    revalidatePatient(actor.patientId);
    return result;
  });
}
