'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { correctSession } from '@/lib/data/entries';
import { trainingSessionSchema } from '@/lib/validation/entries';

const schema = trainingSessionSchema.and(z.object({ correctsId: z.uuid(), reason: z.string().trim().min(3, 'Say briefly what was wrong').max(300) }));

/** Replace a session entry: the old one is voided and kept, the new one points to it. */
export async function correctSessionAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string }>> {
  return runAction(schema, input, async (actor, { correctsId, reason, ...data }) => {
    const result = await correctSession(actor, correctsId, data, reason);
    revalidatePatient(result.patientId);
    return { id: result.id };
  });
}
