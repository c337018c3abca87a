'use server';

import { revalidatePatient } from '@/lib/actions/revalidate';
import { redirect } from 'next/navigation';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { createPatient } from '@/lib/data/patients';
import { patientSchema } from '@/lib/validation/patient';

export async function createPatientAction(_prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(patientSchema, input, async (actor, data) => {
    const row = await createPatient(actor, data);
    revalidatePatient(row.id);
    return { id: row.id };
  });
}

/** The patient form's action: a new record opens at once (a redirect, so it works without JavaScript too). */
export async function createPatientFormAction(prev: unknown, input: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await createPatientAction(prev, input);
  if (result.ok) redirect(`/patients/${result.data.id}`);
  return result;
}
