'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { logPain } from '@/lib/data/pain-reports';
import { painReportSchema } from '@/lib/validation/entries';
import { redFlagsOf } from '@/lib/validation/symptoms';

/**
 * Log pain: used by the portal (the patient's own record) and by physios on a
 * patient's behalf. The actor decides whose record is written, never the input.
 */
export async function logPainAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string; duplicate: boolean; redFlags: string[] }>> {
  return runAction(painReportSchema, input, async (actor, data) => {
    const result = await logPain(actor, data);
    revalidatePath(`/patients/${result.patientId}`);
    revalidatePath('/portal', 'layout');
    revalidatePath('/dashboard');
    return { id: result.id, duplicate: result.duplicate, redFlags: redFlagsOf(data.symptoms) };
  });
}
