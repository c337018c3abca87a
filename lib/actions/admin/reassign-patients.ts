'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { reassignPatients } from '@/lib/data/users';
import { reassignPatientsSchema } from '@/lib/validation/admin';

/** Move all of one physio's patients to another physio in one step. */
export async function reassignPatientsAction(_prev: unknown, input: FormData): Promise<ActionResult<{ moved: number }>> {
  return runAction(reassignPatientsSchema, input, async (actor, { fromUserId, toUserId }) => {
    const result = await reassignPatients(actor, fromUserId, toUserId);
    revalidatePath('/admin/users');
    revalidatePath(`/admin/users/${fromUserId}`);
    revalidatePath(`/admin/users/${toUserId}`);
    revalidatePath('/patients');
    revalidatePath('/dashboard');
    return result;
  });
}
