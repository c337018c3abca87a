'use server';

import { revalidateUser } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { setUserStatus } from '@/lib/data/users';
import { setUserStatusSchema } from '@/lib/validation/admin';

/** Deactivate an account (its open sessions are refused on their next request) or reactivate it. */
export async function setUserStatusAction(_prev: unknown, input: FormData): Promise<ActionResult<{ status: 'invited' | 'active' | 'deactivated' }>> {
  return runAction(setUserStatusSchema, input, async (actor, { userId, status }) => {
    const result = await setUserStatus(actor, userId, status);
    revalidateUser(userId);
    return result;
  });
}
