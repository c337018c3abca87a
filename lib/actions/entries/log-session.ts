'use server';

import { logSessionAnswer, type LoggedSession } from '@/lib/actions/entries/log-answers';
import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { trainingSessionSchema } from '@/lib/validation/entries';

/**
 * Log a run or other session from the clinic's patient page (re-rendered with it); the portal's
 * own form answers without a re-render (portal-entry-actions.ts). The answer carries the
 * session's pain-monitoring verdict so far (lib/analytics/pain-monitoring.ts).
 */
export async function logSessionAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<LoggedSession>> {
  return runAction(trainingSessionSchema, input, async (actor, data) => {
    const { patientId, answer } = await logSessionAnswer(actor, data);
    revalidatePatient(patientId);
    return answer;
  });
}
