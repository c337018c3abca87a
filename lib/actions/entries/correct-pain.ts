'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { correctPain } from '@/lib/data/entries';
import { safetyReceipt } from '@/lib/data/safety-alerts';
import type { SafetyReceipt } from '@/lib/safety/receipt';
import { painReportSchema } from '@/lib/validation/entries';

const schema = painReportSchema.extend({ correctsId: z.uuid(), reason: z.string().trim().min(3, 'Say briefly what was wrong').max(300) });

/** Replace a pain entry: the old one is voided and kept, the new one points to it. */
export async function correctPainAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ id: string; safety: SafetyReceipt | null }>> {
  return runAction(schema, input, async (actor, { correctsId, reason, ...data }) => {
    const result = await correctPain(actor, correctsId, data, reason);
    revalidatePatient(result.patientId);
    return { id: result.id, safety: result.safetyAlertId && result.tier ? await safetyReceipt(actor, result.safetyAlertId, result.tier) : null };
  });
}
