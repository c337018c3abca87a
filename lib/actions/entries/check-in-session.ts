'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import type { SessionTolerance } from '@/lib/analytics/pain-monitoring';
import { recordMorningCheckIn } from '@/lib/data/pain-monitoring';
import { morningCheckInSchema } from '@/lib/validation/entries';

/** The next-morning check-in after a run or strength session; answers with the session's verdict. */
export async function checkInSessionAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ duplicate: boolean; tolerance: SessionTolerance }>> {
  return runAction(morningCheckInSchema, input, async (actor, data) => {
    const result = await recordMorningCheckIn(actor, data);
    revalidatePatient(result.patientId);
    return { duplicate: result.duplicate, tolerance: result.tolerance };
  });
}
