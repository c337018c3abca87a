'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { updateScreening } from '@/lib/data/screening';
import { screeningSchema } from '@/lib/validation/screening';

/** Save the red-flag history screened at intake (the ticked items replace the stored ones). */
export async function updateScreeningAction(_prev: unknown, input: FormData): Promise<ActionResult<{ flags: string[] }>> {
  return runAction(screeningSchema, input, async (actor, data) => {
    const flags = await updateScreening(actor, data);
    revalidatePatient(data.patientId);
    return { flags };
  });
}
