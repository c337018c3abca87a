'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { endProgram } from '@/lib/data/programs';

const schema = z.object({ programId: z.uuid(), version: z.coerce.number().int().min(1).max(2_147_483_647), patientId: z.uuid() });

export async function endProgramAction(_prev: unknown, input: FormData): Promise<ActionResult<null>> {
  return runAction(schema, input, async (actor, { programId, version, patientId }) => {
    await endProgram(actor, programId, version);
    revalidatePath(`/patients/${patientId}`);
    return null;
  });
}
