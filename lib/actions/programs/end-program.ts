'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { endProgram } from '@/lib/data/programs';

const schema = z.object({ programId: z.uuid(), version: z.coerce.number().int().min(1).max(2_147_483_647), patientId: z.uuid() });

export async function endProgramAction(_prev: unknown, input: FormData): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, { programId, version, patientId }) => {
    await endProgram(actor, programId, version);
    revalidatePatient(patientId);
    return null;
  });
}
