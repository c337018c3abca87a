'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { logSession } from '@/lib/data/training-sessions';
import { trainingSessionSchema } from '@/lib/validation/entries';

/** Log a run or other session: portal and clinic share this action. */
export async function logSessionAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string; duplicate: boolean }>> {
  return runAction(trainingSessionSchema, input, async (actor, data) => {
    const result = await logSession(actor, data);
    revalidatePath(`/patients/${result.patientId}`);
    revalidatePath('/portal', 'layout');
    revalidatePath('/dashboard');
    return { id: result.id, duplicate: result.duplicate };
  });
}
