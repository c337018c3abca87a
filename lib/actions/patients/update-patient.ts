'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { updatePatient } from '@/lib/data/patients';
import { patientSchema } from '@/lib/validation/patient';

const schema = patientSchema.extend({ id: z.uuid() });

export async function updatePatientAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(schema, input, async (actor, { id, ...data }) => {
    await updatePatient(actor, id, data);
    revalidatePatient(id);
    return { id };
  });
}

/** The patient form's action when editing: back to the record once saved (a redirect, so it works without JavaScript too). */
export async function updatePatientFormAction(prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await updatePatientAction(prev, input);
  if (result.ok) redirect(`/patients/${result.data.id}`);
  return result;
}
