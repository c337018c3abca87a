'use server';

import { revalidatePatient, revalidateUser } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { invitePatient } from '@/lib/data/invites';
import { patientIdSchema } from '@/lib/validation/admin';

/**
 * Give a patient a portal login (physio or admin of their practice). Returns the one-time
 * link to copy when it could not be emailed; `emailed` says whether it was sent by email.
 */
export async function invitePatientAction(_prev: unknown, input: FormData): Promise<ActionResult<{ url: string | null; emailed: boolean }>> {
  return runAction(patientIdSchema, input, async (actor, { patientId }) => {
    const { url, emailed } = await invitePatient(actor, patientId);
    // An emailed link goes to the invitee's inbox only; answering with it would also tell an
    // invitation from one to an address with a login elsewhere (which has no link).
    revalidateUser();
    revalidatePatient(patientId);
    return { url: emailed ? null : url, emailed };
  });
}
