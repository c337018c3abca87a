'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { closeSafetyAlert } from '@/lib/data/safety-alerts';
import { closeSafetyAlertSchema } from '@/lib/validation/safety';

/** Close a warning sign with the action taken (called, advised emergency care, seen, known and managed) and a note. */
export async function closeSafetyAlertAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(closeSafetyAlertSchema, input, async (actor, data) => {
    const { patientId } = await closeSafetyAlert(actor, data);
    revalidatePatient(patientId);
    return null;
  });
}
