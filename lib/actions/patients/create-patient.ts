'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { createPatient } from '@/lib/data/patients';
import { patientSchema } from '@/lib/validation/patient';

export async function createPatientAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(patientSchema, input, async (actor, data) => {
    const row = await createPatient(actor, data);
    revalidatePath('/patients');
    return { id: row.id };
  });
}
