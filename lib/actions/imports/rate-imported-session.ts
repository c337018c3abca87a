'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { rateImportedSession } from '@/lib/data/run-imports';
import { importedSessionSummary } from '@/lib/import/session-summary';

const RATE = 'Choose how hard it was, from 0 to 10';

const schema = z.object({
  sessionId: z.uuid(),
  // A blank answer is no answer (coercing it would rate the run 0).
  rpe: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: RATE }).int(RATE).min(0, RATE).max(10, RATE)),
});

/**
 * "How hard was it? (0–10)" for an imported run: sets its effort once; it then counts towards load.
 * The answer names the run as stored, so the confirmation can say which run it was after the
 * run has left the list of runs waiting for a rating (with or without JavaScript).
 */
export async function rateImportedSessionAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ rpe: number; run: string }>> {
  return runAction(schema, input, async (actor, data) => {
    const result = await rateImportedSession(actor, data);
    revalidatePatient(result.patientId);
    return { rpe: data.rpe, run: importedSessionSummary(result.run, actor.distanceUnit) };
  });
}
