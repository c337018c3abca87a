'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { updateProgram } from '@/lib/data/programs';
import { programSchema } from '@/lib/validation/program';

const schema = z.object({ programId: z.uuid(), version: z.coerce.number().int().min(1).max(2_147_483_647), program: programSchema });

/** Save a new version; refused with code "conflict" when someone saved since `version`. */
export async function updateProgramAction(input: z.input<typeof schema>): Promise<ActionResult<{ id: string; version: number }>> {
  return runAction(schema, input, async (actor, { programId, version, program }) => {
    const row = await updateProgram(actor, programId, version, program);
    revalidatePatient(row.patientId);
    return { id: row.id, version: row.version };
  });
}
