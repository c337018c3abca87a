'use server';

import { revalidatePatient, revalidateUser } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { reassignPatients } from '@/lib/data/users';
import { reassignPatientsSchema } from '@/lib/validation/admin';

/** Move all of one physio's patients to another physio in one step. */
export async function reassignPatientsAction(_prev: unknown, input: FormData): Promise<ActionResult<{ moved: number }>> {
  return runAction(reassignPatientsSchema, input, async (actor, { fromUserId, toUserId }) => {
    const result = await reassignPatients(actor, fromUserId, toUserId);
    revalidateUser(fromUserId);
    revalidateUser(toUserId);
    revalidatePatient(null);
    return result;
  });
}
