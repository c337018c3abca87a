'use server';

import { logPainAnswer, type LoggedPain } from '@/lib/actions/entries/log-answers';
import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { painReportSchema } from '@/lib/validation/entries';

/**
 * Log pain: used by physios on a patient's behalf (the patient page, re-rendered with the new
 * entry) and by tests; the portal's own form answers without a re-render (portal-entry-actions.ts).
 * The actor decides whose record is written, never the input. With a warning sign, the answer
 * says who was emailed, as recorded after trying.
 */
export async function logPainAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<LoggedPain>> {
  return runAction(painReportSchema, input, async (actor, data) => {
    const { patientId, answer } = await logPainAnswer(actor, data);
    revalidatePatient(patientId);
    return answer;
  });
}
