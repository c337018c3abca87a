'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { updatePatient } from '@/lib/data/patients';
import { patientSchema } from '@/lib/validation/patient';

const schema = patientSchema.extend({ id: z.uuid() });

export async function updatePatientAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(schema, input, async (actor, { id, ...data }) => {
    await updatePatient(actor, id, data);
    revalidatePath('/patients');
    revalidatePath(`/patients/${id}`);
    return { id };
  });
}
