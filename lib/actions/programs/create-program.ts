'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { createProgram } from '@/lib/data/programs';
import { programSchema } from '@/lib/validation/program';

const schema = z.object({ patientId: z.uuid(), program: programSchema });

export async function createProgramAction(input: z.input<typeof schema>): Promise<ActionResult<{ id: string; version: number }>> {
  return runAction(schema, input, async (actor, { patientId, program }) => {
    const row = await createProgram(actor, patientId, program);
    revalidatePatient(patientId);
    return { id: row.id, version: row.version };
  });
}
