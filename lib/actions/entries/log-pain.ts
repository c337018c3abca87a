'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { logPain } from '@/lib/data/entries';
import { safetyReceipt } from '@/lib/data/safety-alerts';
import type { SafetyReceipt } from '@/lib/safety/receipt';
import { painReportSchema } from '@/lib/validation/entries';
import { redFlagsOf } from '@/lib/validation/symptoms';

/**
 * Log pain: used by the portal (the patient's own record) and by physios on a
 * patient's behalf. The actor decides whose record is written, never the input.
 * With a warning sign, the answer says who was emailed, as recorded after trying.
 */
export async function logPainAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string; duplicate: boolean; redFlags: string[]; safety: SafetyReceipt | null }>> {
  return runAction(painReportSchema, input, async (actor, data) => {
    const result = await logPain(actor, data);
    revalidatePatient(result.patientId);
    const safety = result.safetyAlertId && result.tier ? await safetyReceipt(actor, result.safetyAlertId, result.tier) : null;
    return { id: result.id, duplicate: result.duplicate, redFlags: redFlagsOf(data.symptoms), safety };
  });
}
