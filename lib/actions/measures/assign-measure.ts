'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { assignMeasure } from '@/lib/data/measures';
import { assignMeasureSchema } from '@/lib/validation/measures';

/** A physio schedules an outcome measure for a patient (at intake, every N weeks, at discharge). */
export async function assignMeasureAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return runAction(assignMeasureSchema, input, async (actor, data) => {
    const result = await assignMeasure(actor, data);
    revalidatePatient(data.patientId);
    return result;
  });
}
