'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { endMeasureSchedule } from '@/lib/data/measures';

const schema = z.object({ scheduleId: z.uuid(), patientId: z.uuid() });

/** Stop asking a patient for a measure; what they answered stays. */
export async function endMeasureScheduleAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, data) => {
    await endMeasureSchedule(actor, data.scheduleId);
    revalidatePatient(data.patientId);
    return null;
  });
}
