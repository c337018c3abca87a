'use server';

import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { sendProgramToPatient } from '@/lib/data/handout';

const schema = z.object({ patientId: z.uuid() });

/** Email the active program to the patient as a PDF; says whether it went. */
export async function sendProgramAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ outcome: 'sent' | 'not-configured'; to: string }>> {
  return runAction(schema, input, async (actor, { patientId }) => sendProgramToPatient(actor, patientId));
}
