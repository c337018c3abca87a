'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { invitePatient } from '@/lib/data/invites';
import { patientIdSchema } from '@/lib/validation/admin';

/**
 * Give a patient a portal login (physio or admin of their practice). Returns the one-time
 * link to show or copy; `emailed` says whether it was also sent by email.
 */
export async function invitePatientAction(_prev: unknown, input: FormData): Promise<ActionResult<{ url: string; emailed: boolean }>> {
  return runAction(patientIdSchema, input, async (actor, { patientId }) => {
    const { url, emailed } = await invitePatient(actor, patientId);
    revalidatePath(`/patients/${patientId}`);
    revalidatePath('/admin/users');
    return { url, emailed };
  });
}
